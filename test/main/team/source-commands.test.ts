import { afterEach, describe, expect, it } from 'vitest';
import { INBOUND_KEY_VARIABLE } from '../../../main/inbound/inbound-secrets.ts';
import { INBOUND_KEY_HEX, signedWebhook } from '../../helpers/inbound-team.ts';
import { runTeamCommand, startTeamServer, type TeamServerProcess } from '../../helpers/team-server-process.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

const cluster = usePostgresCluster();
const running: TeamServerProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});
const KEY = { [INBOUND_KEY_VARIABLE]: INBOUND_KEY_HEX };
const LEAD = { firstName: 'Dana', lastName: 'Whitfield', phone: '+1 212 555 0142' };

describe('the inbound source commands (npm run team -- add-source …)', () => {
  it('prints a secret once that signs webhooks the server takes; rotating it stops the old one; removing the source stops all', async () => {
    const url = await cluster().createDatabase();
    const added = await runTeamCommand(['add-source', '--database', url, '--name', 'website'], '', KEY);
    expect(added.code).toBe(0);
    const secret = added.stdout.split('\n')[0]!;
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    expect(added.stdout).toContain('Webhooks go to /inbound/website (our JSON) or /inbound/website/hubspot.');
    const server = await startTeamServer(['--database', url, '--listen', '127.0.0.1:0'], KEY);
    running.push(server);
    const send = (withSecret: string, email: string) => signedWebhook(server.origin, '/inbound/website', withSecret, { ...LEAD, email }).send();
    expect((await send(secret, 'a@acme.example')).status).toBe(201);

    const rotated = await runTeamCommand(['rotate-secret', '--database', url, '--name', 'website'], '', KEY);
    const fresh = rotated.stdout.split('\n')[0]!;
    expect(fresh).not.toBe(secret);
    expect(await send(secret, 'b@acme.example')).toMatchObject({ status: 401, body: { reason: 'The signature does not match this source’s secret and the request’s body.' } });
    expect((await send(fresh, 'a@acme.example')).status).toBe(200);
    expect((await runTeamCommand(['sources', '--database', url], '', KEY)).stdout).toMatch(/^website\t3000 a minute\tsecret from /);

    expect(await runTeamCommand(['remove-source', '--database', url, '--name', 'website'], '', KEY)).toMatchObject({ code: 0, stdout: 'website is removed: its webhooks are refused (404) from now on.\n' });
    expect((await send(fresh, 'd@acme.example')).status).toBe(404);
  }, 120_000);

  it('refuses a bad name, a name taken, a missing key, each with a sentence and exit code 1', async () => {
    const url = await cluster().createDatabase();
    expect(await runTeamCommand(['add-source', '--database', url, '--name', 'Web Site'], '', KEY)).toMatchObject({ code: 1, stderr: expect.stringContaining('lower-case letters, digits or dashes') });
    expect((await runTeamCommand(['add-source', '--database', url, '--name', 'website'], '', KEY)).code).toBe(0);
    expect(await runTeamCommand(['add-source', '--database', url, '--name', 'website'], '', KEY)).toMatchObject({ code: 1, stderr: 'There is already a source named website.\n' });
    expect(await runTeamCommand(['rotate-secret', '--database', url, '--name', 'webinar'], '', KEY)).toMatchObject({ code: 1, stderr: 'There is no source named webinar.\n' });
    expect(await runTeamCommand(['add-source', '--database', url, '--name', 'form'], '', { [INBOUND_KEY_VARIABLE]: '' })).toMatchObject({ code: 1, stderr: expect.stringContaining('NEXTCALL_INBOUND_KEY set to 64 hex digits') });
    expect(await runTeamCommand(['add-source', '--database', url], '', KEY)).toMatchObject({ code: 1, stderr: expect.stringContaining('--name is required') });
  }, 120_000);
});
