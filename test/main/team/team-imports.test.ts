import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../../main/people/accounts.ts';
import { migratePostgres } from '../../../main/store/postgres-migrations.ts';
import { openPostgresStore } from '../../../main/store/seam/postgres-store.ts';
import type { Store } from '../../../main/store/seam/store.ts';
import { cookieOf, startTeamServer, teamRequest, type TeamServerProcess } from '../../helpers/team-server-process.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

/**
 * A team lead imports a list on the team server, over the API a browser uses, and the team's
 * database holds the leads; another server process sees the import; a rep may not import.
 */
const PASSWORD = 'a long enough passphrase';
const cluster = usePostgresCluster();
const running: TeamServerProcess[] = [];
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

const LIST = 'Record ID,First Name,Last Name,Email,Phone Number,Company\n1,Mia,Okafor,mia@orbit.example,(212) 555-0100,Orbit\n2,Hugo,Lefèvre,hugo@helios.example,+1 617 555 0101,Helios\n3,No,Phone,,,\n';
const file = (text: string) => ({ fileName: 'december.csv', data: Buffer.from(text).toString('base64') });
const body = <Value = Record<string, unknown>>(answer: { body: string }) => JSON.parse(answer.body) as { ok: boolean; value: Value };
const serve = async (url: string) => {
  const server = await startTeamServer(['--database', url, '--listen', '127.0.0.1:0']);
  running.push(server);
  return server;
};

describe('imports on the team server', () => {
  it('lets a team lead import a CSV into the team database, seen from another server process, and undo it', async () => {
    const url = await cluster().createDatabase();
    const store = await openPostgresStore({ connectionString: url, max: 2 });
    stores.push(store);
    await migratePostgres(store);
    await createAccount(store, Date.now(), { name: 'sam', role: 'team-lead', password: PASSWORD });
    await createAccount(store, Date.now(), { name: 'jordan', role: 'rep', password: PASSWORD });
    const [one, two] = await Promise.all([serve(url), serve(url)]);
    const lead = cookieOf(await teamRequest(one.origin, '/api/people.signIn', { input: { name: 'sam', password: PASSWORD } }));
    const rep = cookieOf(await teamRequest(one.origin, '/api/people.signIn', { input: { name: 'jordan', password: PASSWORD } }));

    const refused = await teamRequest(one.origin, '/api/leads.import', { input: file(LIST), cookie: rep });
    expect(refused.status).toBe(403);

    const preview = body(await teamRequest(one.origin, '/api/leads.previewImport', { input: file(LIST), cookie: lead }));
    expect(preview.value).toMatchObject({ headers: ['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Company'] });
    const dryRun = body(await teamRequest(one.origin, '/api/leads.import', { input: { ...file(LIST), dryRun: true }, cookie: lead }));
    expect(dryRun.value).toMatchObject({ dryRun: true, created: 2 });
    expect(await store.one('SELECT count(*) AS n FROM leads')).toEqual({ n: 0 });

    const imported = body<{ batchId: number }>(await teamRequest(one.origin, '/api/leads.import', { input: { ...file(LIST), listName: 'December' }, cookie: lead }));
    expect(imported).toMatchObject({ ok: true, value: { rowsRead: 3, created: 2, rejected: [{ line: 4, reason: 'no phone number' }] } });
    expect(await store.all('SELECT l.first_name, p.e164, l.time_zone FROM leads l JOIN phones p ON p.lead_id = l.id ORDER BY l.id')).toEqual([
      { first_name: 'Mia', e164: '+12125550100', time_zone: 'America/New_York' },
      { first_name: 'Hugo', e164: '+16175550101', time_zone: 'America/New_York' },
    ]);

    const history = body(await teamRequest(two.origin, '/api/imports.list', { input: {}, cookie: lead }));
    expect(history.value).toMatchObject([{ fileName: 'december.csv', created: 2, rejected: 1, listName: 'December' }]);
    const rejected = body<{ content: string }>(await teamRequest(two.origin, '/api/imports.rejectedRows', { input: { batchId: imported.value.batchId }, cookie: lead }));
    expect(rejected.value.content).toContain('3,No,Phone,,,,4,no phone number');

    const undone = body(await teamRequest(two.origin, '/api/imports.undo', { input: { batchId: imported.value.batchId }, cookie: lead }));
    expect(undone.value).toMatchObject({ removed: 2 });
    expect(await store.one('SELECT count(*) AS n FROM leads')).toEqual({ n: 0 });
  }, 180_000);
});
