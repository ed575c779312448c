import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../../main/people/accounts.ts';
import { migratePostgres } from '../../../main/store/postgres-migrations.ts';
import { openPostgresStore } from '../../../main/store/seam/postgres-store.ts';
import type { Store } from '../../../main/store/seam/store.ts';
import { cookieOf, eventsHeard, startTeamServer, teamRequest, type TeamServerProcess } from '../../helpers/team-server-process.ts';
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
const serve = async (url: string, clock?: string) => {
  const server = await startTeamServer(['--database', url, '--listen', '127.0.0.1:0', ...(clock ? ['--clock', clock] : [])]);
  running.push(server);
  return server;
};

/** A team database with a team lead (sam) and a rep (jordan), and the test's own connection to it. */
async function teamDatabase(): Promise<{ url: string; store: Store }> {
  const url = await cluster().createDatabase();
  const store = await openPostgresStore({ connectionString: url, max: 2 });
  stores.push(store);
  await migratePostgres(store);
  await createAccount(store, Date.now(), { name: 'sam', role: 'team-lead', password: PASSWORD });
  await createAccount(store, Date.now(), { name: 'jordan', role: 'rep', password: PASSWORD });
  return { url, store };
}

describe('imports on the team server', () => {
  it('lets a team lead import a CSV into the team database, seen from another server process, and undo it', async () => {
    const { url, store } = await teamDatabase();
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

  it('tells the importing console, and it alone, how the import is going (a rep on the same process hears neither its progress nor its file’s name)', async () => {
    const { url } = await teamDatabase();
    const one = await serve(url);
    const lead = cookieOf(await teamRequest(one.origin, '/api/people.signIn', { input: { name: 'sam', password: PASSWORD } }));
    const rep = cookieOf(await teamRequest(one.origin, '/api/people.signIn', { input: { name: 'jordan', password: PASSWORD } }));
    const leadHears = eventsHeard(one.origin, lead);
    const repHears = eventsHeard(one.origin, rep);
    try {
      await Promise.all([leadHears.connected, repHears.connected]);
      expect(body(await teamRequest(one.origin, '/api/leads.import', { input: file(LIST), cookie: lead }))).toMatchObject({ ok: true });
      // The import's announcement comes after its progress: once both heard it, each heard all it will.
      await expect.poll(() => [leadHears, repHears].every((h) => h.heard.some((e) => e.event === 'store.changed')), { timeout: 5_000 }).toBe(true);
      const progress = (heard: typeof leadHears.heard) => heard.filter((e) => e.event === 'import.progress').map((e) => e.payload);
      expect(progress(leadHears.heard).length).toBeGreaterThan(0);
      expect(progress(leadHears.heard)[0]).toMatchObject({ fileName: 'december.csv' });
      expect(progress(repHears.heard)).toEqual([]);
    } finally {
      leadHears.close();
      repHears.close();
    }
  }, 180_000);

  it('lets a team lead import marketing’s activity file: a request for a call makes a hand-raiser the queue offers first; a rep may not', async () => {
    const { url, store } = await teamDatabase();
    // A Monday, 10:00 in New York: the leads' numbers are inside their calling hours.
    const one = await serve(url, '2026-11-23T15:00:00Z');
    const lead = cookieOf(await teamRequest(one.origin, '/api/people.signIn', { input: { name: 'sam', password: PASSWORD } }));
    const rep = cookieOf(await teamRequest(one.origin, '/api/people.signIn', { input: { name: 'jordan', password: PASSWORD } }));
    await teamRequest(one.origin, '/api/leads.import', { input: file(LIST), cookie: lead });
    const ACTIVITY = { fileName: 'activity.csv', data: Buffer.from('Record ID,Title,Time\n2,Request a demo,2026-11-21 09:00\n7,Webinar,2026-11-20\n').toString('base64') };

    const refused = await teamRequest(one.origin, '/api/leads.importActivities', { input: ACTIVITY, cookie: rep });
    expect(refused.status).toBe(403);
    expect(await store.one('SELECT count(*) AS n FROM activities')).toEqual({ n: 0 });

    const report = body(await teamRequest(one.origin, '/api/leads.importActivities', { input: ACTIVITY, cookie: lead }));
    expect(report).toEqual({ ok: true, value: { rowsRead: 2, added: 1, alreadyThere: 0, rejected: [{ line: 3, reason: 'no lead with this CRM id, email or number' }] } });
    const next = body<{ next: { card: { lead: { firstName: string } }; tier: string } }>(
      await teamRequest(one.origin, '/api/queue.next', { input: { consoleId: 'console-jordan' }, cookie: rep }),
    );
    expect(next.value.next).toMatchObject({ card: { lead: { firstName: 'Hugo' } }, tier: 'hand-raiser' });
  }, 180_000);

  it('lets a team lead load the demo list into the team (300 fictional leads, on every process); a rep may not', async () => {
    const { url, store } = await teamDatabase();
    const [one, two] = await Promise.all([serve(url), serve(url)]);
    const lead = cookieOf(await teamRequest(one.origin, '/api/people.signIn', { input: { name: 'sam', password: PASSWORD } }));
    const rep = cookieOf(await teamRequest(two.origin, '/api/people.signIn', { input: { name: 'jordan', password: PASSWORD } }));

    const refused = await teamRequest(two.origin, '/api/leads.loadDemo', { input: {}, cookie: rep });
    expect(refused.status).toBe(403);
    expect(await store.one('SELECT count(*) AS n FROM leads')).toEqual({ n: 0 });

    const loaded = body(await teamRequest(one.origin, '/api/leads.loadDemo', { input: {}, cookie: lead }));
    expect(loaded).toMatchObject({ ok: true, value: { created: 300 } });
    expect(await store.one('SELECT count(*) AS n FROM leads')).toEqual({ n: 300 });
    // Every number that dials is in a range kept for fiction: North America's 555, Ofcom's drama ranges, France's.
    const numbers = await store.all<{ e164: string }>('SELECT e164 FROM phones WHERE e164 IS NOT NULL');
    expect(numbers.filter(({ e164 }) => !/^\+1\d{3}555|^\+44(207946|\d{3}496)|^\+33(199|261|353|465|536)/.test(e164))).toEqual([]);
    // The other process's console sees the list and may be offered its leads.
    const lists = body<{ name: string }[]>(await teamRequest(two.origin, '/api/lists.list', { input: {}, cookie: lead }));
    expect(lists.value.map((list) => list.name)).toContain('Demo list');
  });
});
