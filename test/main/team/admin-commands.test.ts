import { afterEach, describe, expect, it } from 'vitest';
import { listAccounts } from '../../../main/people/accounts.ts';
import { signIn } from '../../../main/people/sign-in.ts';
import { openPostgresStore } from '../../../main/store/seam/postgres-store.ts';
import type { Store } from '../../../main/store/seam/store.ts';
import { runTeamCommand } from '../../helpers/team-server-process.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

const cluster = usePostgresCluster();
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

async function open(url: string): Promise<Store> {
  const store = await openPostgresStore({ connectionString: url, max: 2 });
  stores.push(store);
  return store;
}

const AT = { address: '192.0.2.1' };

describe('the team’s account commands (npm run team -- …)', () => {
  it('makes the first admin with the password piped on stdin, then people with roles, then resets a password', async () => {
    const url = await cluster().createDatabase();
    const admin = await runTeamCommand(['create-admin', '--database', url, '--name', 'alex'], 'the admin passphrase\n');
    expect(admin).toMatchObject({ code: 0, stdout: "alex is the team's admin: sign in with that name and password.\n" });
    const lead = await runTeamCommand(['add-person', '--database', url, '--name', 'sam', '--role', 'lead'], 'a team lead passphrase\n');
    expect(lead).toMatchObject({ code: 0, stdout: 'sam can sign in now, as a team lead.\n' });
    const rep = await runTeamCommand(['add-person', '--database', url, '--name', 'jordan', '--role', 'rep'], 'a rep’s passphrase here\n');
    expect(rep.code).toBe(0);

    const store = await open(url);
    expect((await listAccounts(store)).map(({ name, role }) => ({ name, role }))).toEqual([
      { name: 'alex', role: 'admin' },
      { name: 'jordan', role: 'rep' },
      { name: 'sam', role: 'team-lead' },
    ]);
    await expect(signIn(store, Date.now(), { name: 'sam', password: 'a team lead passphrase', ...AT })).resolves.toMatchObject({ account: { role: 'team-lead' } });

    const reset = await runTeamCommand(['reset-password', '--database', url, '--name', 'sam'], 'a brand new passphrase\n');
    expect(reset).toMatchObject({ code: 0, stdout: "sam's password is changed, and they are signed out everywhere.\n" });
    await expect(signIn(store, Date.now(), { name: 'sam', password: 'a team lead passphrase', ...AT })).rejects.toThrow('That name and password do not match an account.');
    await expect(signIn(store, Date.now(), { name: 'sam', password: 'a brand new passphrase', ...AT })).resolves.toMatchObject({ account: { name: 'sam' } });
  }, 120_000);

  it('refuses a second admin, a short password, an unknown role and a password given as an argument, changing nothing', async () => {
    const url = await cluster().createDatabase();
    await runTeamCommand(['create-admin', '--database', url, '--name', 'alex'], 'the admin passphrase\n');
    const second = await runTeamCommand(['create-admin', '--database', url, '--name', 'blake'], 'another passphrase\n');
    expect(second).toMatchObject({ code: 1, stderr: 'This team already has an admin (alex): an admin makes the other accounts. Nothing was changed.\n' });
    const short = await runTeamCommand(['add-person', '--database', url, '--name', 'jordan', '--role', 'rep'], 'short\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('A password needs at least 12 characters');
    const role = await runTeamCommand(['add-person', '--database', url, '--name', 'jordan', '--role', 'boss'], 'a long enough passphrase\n');
    expect(role).toMatchObject({ code: 1, stderr: '--role is rep, lead or admin, not "boss".\n' });
    const inArgs = await runTeamCommand(['add-person', '--database', url, '--name', 'jordan', '--role', 'rep', '--password', 'a long enough passphrase']);
    expect(inArgs.code).toBe(1);
    expect(inArgs.stderr).toContain("Unknown option '--password'");
    const nothing = await runTeamCommand(['add-person', '--database', url, '--name', 'jordan', '--role', 'rep']);
    expect(nothing).toMatchObject({ code: 1, stderr: 'No password arrived on stdin: pipe it in (its first line), or run this in a terminal to be asked.\n' });
    expect((await listAccounts(await open(url))).map((a) => a.name)).toEqual(['alex']);
  }, 120_000);
});
