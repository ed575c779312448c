import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { logDisposition } from '../../../main/calls/log-disposition.ts';
import { openDatabase } from '../../../main/store/database.ts';
import { openPostgresStore } from '../../../main/store/seam/postgres-store.ts';
import { sqliteStore } from '../../../main/store/seam/sqlite-store.ts';
import type { Queryable, Store } from '../../../main/store/seam/store.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { MAX_STORE_BYTES, storeTooLargeSentence, type UploadReport } from '../../../shared/store-upload.ts';
import { seedLeads } from '../../helpers/seed-leads.ts';
import { databaseDigest } from '../../helpers/team-database.ts';
import { signedInTeam, stopTeam } from '../../helpers/team-fixture.ts';
import { manualClock, tempDir } from '../../helpers/test-core.ts';
import { eventsHeard, within, type TeamServerProcess } from '../../helpers/team-server-process.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

/**
 * A rep's solo store uploaded into the team over the team server's API (what the desktop app's
 * Settings → Team sends: the store's bytes), through two real server processes on one database:
 * the team lead's dry run changes nothing, the upload lands as the chosen rep's; a rep is refused,
 * and so are bytes that are no store or too many of them, each with a sentence, nothing written.
 */
const cluster = usePostgresCluster();
const running: TeamServerProcess[] = [];
const stores: Store[] = [];
afterEach(async () => {
  await stopTeam(running.splice(0));
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

const log = (q: Queryable, iso: string, leadId: number, code: string, rep: string) => logDisposition(q, manualClock(iso), DEFAULT_DISPOSITIONS, { leadId, code, notes: `${code} note` }, { rep });

/** Jo's store: Ann (CRM id C-1, the team has her), called twice; Cy, new to the team, called once. The calls carry the name "jo". */
async function soloStore(): Promise<string> {
  const file = join(tempDir(), 'nextcall.sqlite');
  const db = openDatabase(file);
  const store = sqliteStore(db);
  const [ann, cy] = await seedLeads(store, [
    { crmId: 'C-1', firstName: 'Ann', lastName: 'Lee', phones: ['+12125550199'] },
    { firstName: 'Cy', lastName: 'Park', phones: ['+13125550103'] },
  ]);
  await log(store, '2026-11-23T15:00:00Z', ann!, 'no-answer', 'jo');
  await log(store, '2026-11-24T15:00:00Z', ann!, 'qualified', 'jo');
  await log(store, '2026-11-23T15:05:00Z', cy!, 'no-answer', 'jo');
  db.close();
  return file;
}

/** The servers' temp folder (TMPDIR): what an upload leaves behind is seen there. */
async function team(temp = tempDir()) {
  const url = await cluster().createDatabase();
  const signedIn = await signedInTeam(url, {
    env: { TMPDIR: temp },
    people: [
      ['sam', 'team-lead'],
      ['jordan', 'rep'],
    ],
    processes: 2,
    seed: async (store) => void (await seedLeads(store, [{ crmId: 'C-1', firstName: 'Ann', lastName: 'Lee', phones: ['+12125550101'] }])),
  });
  running.push(...signedIn.servers);
  const store = await openPostgresStore({ connectionString: url, max: 1 });
  stores.push(store);
  return { ...signedIn, store, temp };
}

/** Jo's store changed as a crafted file would be (`sql` run on it). */
async function craftedStore(sql: string): Promise<string> {
  const file = await soloStore();
  const db = new DatabaseSync(file);
  db.exec(`PRAGMA foreign_keys = OFF; ${sql}`);
  db.close();
  return file;
}

/** What the servers' uploads left in their temp folder: a copy of a rep's store would be every lead's contact details. */
const leftBehind = (temp: string) => readdirSync(temp).filter((name) => name.startsWith('nextcall-upload-') || name.startsWith('nextcall-sent-store-'));

const base64 = (file: string) => readFileSync(file).toString('base64');

describe('a solo store uploaded into the team over the API', () => {
  it('a team lead’s dry run changes nothing and reports; the upload for real lands as the chosen rep’s, read on the other process', async () => {
    const { call, store } = await team();
    const data = base64(await soloStore());
    const before = await databaseDigest(store);

    const dry = await call<UploadReport>('sam', 'leads.uploadStore', { data, as: 'jordan', dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.value).toMatchObject({ account: 'jordan', dryRun: true, leads: { read: 2, created: 1, merged: 1 }, calls: { read: 3, added: 3 }, repNames: [{ name: 'jo', calls: 3 }] });
    expect(await databaseDigest(store)).toEqual(before);

    const real = await call<UploadReport>('sam', 'leads.uploadStore', { data, as: 'jordan' }, 1);
    expect(real.status).toBe(200);
    expect(real.value).toEqual({ ...dry.value, dryRun: false });
    expect(await store.all('SELECT l.first_name, c.rep, c.disposition_code FROM calls c JOIN leads l ON l.id = c.lead_id ORDER BY c.started_at')).toEqual([
      { first_name: 'Ann', rep: 'jordan', disposition_code: 'no-answer' },
      { first_name: 'Cy', rep: 'jordan', disposition_code: 'no-answer' },
      { first_name: 'Ann', rep: 'jordan', disposition_code: 'qualified' },
    ]);
    expect(await store.all('SELECT first_name FROM leads ORDER BY id')).toEqual([{ first_name: 'Ann' }, { first_name: 'Cy' }]);

    // Again is nothing: the same store adds nothing, on either process.
    const again = await call<UploadReport>('sam', 'leads.uploadStore', { data, as: 'jordan' });
    expect(again.value).toMatchObject({ leads: { created: 0, merged: 2 }, calls: { added: 0, alreadyInTeam: 3 } });
  }, 180_000);

  it('tells the uploading console, and it alone, how many leads the team server has written', async () => {
    const { call, servers, cookies } = await team();
    const data = base64(await soloStore());
    const lead = eventsHeard(servers[0]!.origin, cookies['sam']!);
    const rep = eventsHeard(servers[0]!.origin, cookies['jordan']!);
    try {
      await Promise.all([lead.connected, rep.connected]);
      expect((await call<UploadReport>('sam', 'leads.uploadStore', { data, as: 'jordan' })).status).toBe(200);
      // The upload's announcement comes after its progress: once both consoles heard it, each heard all it will.
      const announced = (heard: typeof lead.heard) => heard.some((e) => e.event === 'store.changed');
      await within(5_000, 'both consoles hear the upload', (async () => {
        while (!announced(lead.heard) || !announced(rep.heard)) await new Promise((resolve) => setTimeout(resolve, 50));
      })());
      const progress = (heard: typeof lead.heard) => heard.filter((e) => e.event === 'upload.progress').map((e) => e.payload);
      expect(progress(lead.heard)).toEqual([{ leadsDone: 2, leadsTotal: 2, dryRun: false }]);
      expect(progress(rep.heard)).toEqual([]);
    } finally {
      lead.close();
      rep.close();
    }
  }, 180_000);

  it('refuses a rep (a team lead’s), an account the team lacks, bytes that are no store, and a store over 100 MB, each with a sentence, nothing written nor left behind', async () => {
    const { call, store, temp } = await team();
    const data = base64(await soloStore());
    const before = await databaseDigest(store);

    const rep = await call('jordan', 'leads.uploadStore', { data, dryRun: true });
    expect(rep.status).toBe(403);
    expect(rep.error.message).toBe('Only a team lead or above may do this (leads.uploadStore); you are signed in as a rep.');

    const nobody = await call('sam', 'leads.uploadStore', { data, as: 'nobody' });
    expect(nobody.status).toBe(400);
    expect(nobody.error.message).toContain('The team has no account named "nobody"');

    const notAStore = await call('sam', 'leads.uploadStore', { data: Buffer.from('Record ID,First Name\n1,Ann\n').toString('base64'), as: 'jordan' });
    expect(notAStore.status).toBe(400);
    expect(notAStore.error.message).toBe('The store sent is not a Nextcall store (not a SQLite database at all). Nothing was uploaded.');

    const notBase64 = await call('sam', 'leads.uploadStore', { data: 'not base64!', as: 'jordan' });
    expect(notBase64.status).toBe(400);
    expect(notBase64.error.message).toContain('the store did not arrive as base64 bytes');

    // One base64 quartet over the limit: refused by the contract before any byte is decoded.
    const tooLarge = await call('sam', 'leads.uploadStore', { data: 'A'.repeat(Math.ceil(MAX_STORE_BYTES / 3) * 4 + 4), as: 'jordan' });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.error.message).toContain(storeTooLargeSentence(null));

    expect(await databaseDigest(store)).toEqual(before);
    expect(leftBehind(temp)).toEqual([]);
  }, 180_000);

  it('refuses at once a store whose phones are a view that never ends, or with a trigger of its own, and keeps answering', async () => {
    const { call, store, temp } = await team();
    const before = await databaseDigest(store);
    const neverEnds = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i AS lead_id, 1 AS raw, 1 AS e164, 1 AS type, 0 AS bad, i AS position FROM n';

    const started = performance.now();
    const view = await call('sam', 'leads.uploadStore', { data: base64(await craftedStore(`DROP TABLE phones; CREATE VIEW phones AS ${neverEnds};`)), as: 'jordan', dryRun: true });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(view.status).toBe(400);
    expect(view.error.message).toBe('The store sent is not a Nextcall store (its "phones" is a view, not a table). Nothing was uploaded.');

    const trigger = await call('sam', 'leads.uploadStore', { data: base64(await craftedStore('CREATE TRIGGER mine AFTER UPDATE ON leads BEGIN DELETE FROM calls; END;')), as: 'jordan' });
    expect(trigger.status).toBe(400);
    expect(trigger.error.message).toBe('The store sent is not a Nextcall store (it has a trigger "mine" that Nextcall does not make). Nothing was uploaded.');

    // The same process still answers.
    expect((await call('sam', 'leads.uploadStore', { data: base64(await soloStore()), as: 'jordan', dryRun: true })).status).toBe(200);
    expect(await databaseDigest(store)).toEqual(before);
    expect(leftBehind(temp)).toEqual([]);
  }, 180_000);

  it('takes one upload at a time on a server process: a second, sent meanwhile, is told to wait', async () => {
    const { call } = await team();
    const file = join(tempDir(), 'nextcall.sqlite');
    const db = openDatabase(file);
    await sqliteStore(db).transaction((tx) => seedLeads(tx, Array.from({ length: 2000 }, (_, i) => ({ firstName: `Lead${i}`, phones: [`+1646${String(5_000_000 + i)}`] }))));
    db.close();
    const data = base64(file);
    const answers = await Promise.all([call('sam', 'leads.uploadStore', { data, as: 'jordan', dryRun: true }), call('sam', 'leads.uploadStore', { data, as: 'jordan', dryRun: true })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.error.message).toBe('Another store is being uploaded to this team server right now: try again when it has finished. Nothing was uploaded.');
  }, 180_000);
});
