import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { logDisposition } from '../../../main/calls/log-disposition.ts';
import { saveNoteDraft } from '../../../main/calls/note-drafts.ts';
import { createAccount } from '../../../main/people/accounts.ts';
import { openDatabase } from '../../../main/store/database.ts';
import { migrate } from '../../../main/store/migrations.ts';
import { migratePostgres } from '../../../main/store/postgres-migrations.ts';
import { openPostgresStore } from '../../../main/store/seam/postgres-store.ts';
import { sqliteStore } from '../../../main/store/seam/sqlite-store.ts';
import type { Queryable, Store } from '../../../main/store/seam/store.ts';
import { seedStore } from '../../../main/store-seed.ts';
import { PROGRESS_EVERY, type UploadReport } from '../../../main/team/store-upload.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { seedLeads } from '../../helpers/seed-leads.ts';
import { databaseDigest } from '../../helpers/team-database.ts';
import { manualClock, tempDir } from '../../helpers/test-core.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';
import { cli, type CliRun } from '../../helpers/cli-process.ts';

/** `npm run cli -- upload`, as a process: a rep's own SQLite store into a team's PostgreSQL (a throw-away cluster). */
const cluster = usePostgresCluster();
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});


const log = (q: Queryable, iso: string, leadId: number, code: string, rep: string, more: object = {}) =>
  logDisposition(q, manualClock(iso), DEFAULT_DISPOSITIONS, { leadId, code, notes: `${code} note`, ...more }, { rep });

/** The team: jordan's account, Ann (CRM id C-1) whom ben called on Friday, and Bo (by his number). */
async function teamDatabase() {
  const url = await cluster().createDatabase();
  const store = await openPostgresStore({ connectionString: url, max: 2 });
  stores.push(store);
  await migratePostgres(store);
  await seedStore(store, Date.parse('2026-11-01T00:00:00Z'));
  await createAccount(store, Date.parse('2026-11-01T00:00:00Z'), { name: 'jordan', role: 'rep', password: 'a long passphrase' });
  const [ann] = await seedLeads(store, [
    { crmId: 'C-1', firstName: 'Ann', lastName: 'Lee', company: null, phones: ['+12125550101'] },
    { firstName: 'Bo', phones: ['+14155550102'] },
  ]);
  await log(store, '2026-11-20T15:00:00Z', ann!, 'no-answer', 'ben');
  return { url, store, ann: ann! };
}

/**
 * Jo's own store: Ann (C-1, another number, her company), Bo, Cy and Dee (no number). Jo called
 * Ann on Monday (no answer) and qualified her on Tuesday; set a callback with Cy; was typing a
 * note on Bo. The store's calls carry the name "jo".
 */
async function repStore(): Promise<string> {
  const file = join(tempDir(), 'nextcall.sqlite');
  const db = openDatabase(file);
  const store = sqliteStore(db);
  const [ann, bo, cy] = await seedLeads(store, [
    { crmId: 'C-1', firstName: 'Ann', lastName: 'Lee', company: 'Acme', phones: ['+12125550199'] },
    { firstName: 'Bo', lastName: 'Chen', phones: ['+14155550102'] },
    { firstName: 'Cy', phones: ['+13125550103'] },
    { firstName: 'Dee', lastName: 'Ray', phones: [] },
  ]);
  await log(store, '2026-11-23T15:00:00Z', ann!, 'no-answer', 'jo');
  await log(store, '2026-11-24T15:00:00Z', ann!, 'qualified', 'jo');
  await log(store, '2026-11-23T15:05:00Z', cy!, 'callback', 'jo', { callbackAt: '2026-11-25T15:00:00Z' });
  await saveNoteDraft(store, bo!, 'Asked for pricing: send the deck', Date.parse('2026-11-24T16:00:00Z'));
  db.close();
  return file;
}

/** Every file of the rep's data folder, by its digest: the upload must leave them as they were. */
const folderDigest = (file: string) => {
  const folder = join(file, '..');
  return Object.fromEntries(readdirSync(folder).map((name) => [name, createHash('sha256').update(readFileSync(join(folder, name))).digest('hex')]));
};

const annOf = (store: Store, id: number) => store.one<{ stage: string; attempts: number; company: string; last_disposition: string }>('SELECT stage, attempts, company, last_disposition FROM leads WHERE id = ?', [id]);

describe('npm run cli -- upload', () => {
  it("dry run first (the same report, nothing changed), then the upload: Ann merged with the team's, the calls under jordan, all her history; the store untouched", async () => {
    const team = await teamDatabase();
    const file = await repStore();
    const repBefore = folderDigest(file);
    const teamBefore = await databaseDigest(team.store);
    const args = ['upload', '--store', file, '--database', team.url, '--as', 'jordan', '--json'];

    const dry = await cli(...args, '--dry-run');
    expect(dry.code).toBe(0);
    const dryReport = JSON.parse(dry.stdout) as UploadReport;
    expect(await databaseDigest(team.store)).toEqual(teamBefore);

    const real = await cli(...args);
    expect(real.code).toBe(0);
    const report = JSON.parse(real.stdout) as UploadReport;
    expect(dryReport).toEqual({ ...report, dryRun: true });
    expect(report).toMatchObject({
      account: 'jordan',
      dryRun: false,
      leads: { read: 4, created: 1, merged: 2, skipped: 1, skippedLeads: [{ name: 'Dee Ray', reason: 'it has no number, and the team has no lead with its CRM id or email' }] },
      phones: { added: 2 },
      calls: { read: 3, added: 3, alreadyInTeam: 0 },
      stageHistory: { read: 1, added: 1, alreadyInTeam: 0 },
      callbacks: { read: 1, added: 1, alreadyInTeam: 0 },
      handoffs: { added: 1 },
      noteDrafts: { read: 1, added: 1, teamHadOne: 0 },
      repNames: [{ name: 'jo', calls: 3 }],
      unknownDispositions: [],
    });

    // Ann is one lead: her blank company filled, her stage and attempts those of jo's last call, added to ben's.
    expect(Number((await team.store.one<{ n: number }>('SELECT count(*) AS n FROM leads'))!.n)).toBe(3);
    expect(await annOf(team.store, team.ann)).toMatchObject({ stage: 'SQL', attempts: 3, company: 'Acme', last_disposition: 'Qualified' });
    expect(await team.store.all('SELECT rep, disposition_code FROM calls WHERE lead_id = ? ORDER BY started_at', [team.ann])).toEqual([
      { rep: 'ben', disposition_code: 'no-answer' },
      { rep: 'jordan', disposition_code: 'no-answer' },
      { rep: 'jordan', disposition_code: 'qualified' },
    ]);
    expect(await team.store.all("SELECT h.to_stage, h.rep, c.disposition_code FROM stage_history h JOIN calls c ON c.id = h.call_id WHERE h.lead_id = ?", [team.ann])).toEqual([
      { to_stage: 'SQL', rep: 'jordan', disposition_code: 'qualified' },
    ]);
    expect(await team.store.all("SELECT l.first_name, c.disposition_code FROM callbacks b JOIN leads l ON l.id = b.lead_id JOIN calls c ON c.id = b.set_by_call_id")).toEqual([
      { first_name: 'Cy', disposition_code: 'callback' },
    ]);
    expect(await team.store.all('SELECT d.text FROM note_drafts d JOIN leads l ON l.id = d.lead_id WHERE l.first_name = ?', ['Bo'])).toEqual([{ text: 'Asked for pricing: send the deck' }]);
    expect(await team.store.all("SELECT 1 FROM calls WHERE rep = 'jo'")).toEqual([]);
    expect(folderDigest(file)).toEqual(repBefore);
  }, 120_000);

  it('uploading the same store again changes nothing, and says so in words', async () => {
    const team = await teamDatabase();
    const file = await repStore();
    const args = ['upload', '--store', file, '--database', team.url, '--as', 'jordan'];
    expect((await cli(...args)).code).toBe(0);
    const once = await databaseDigest(team.store);

    const again = await cli(...args);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(await databaseDigest(team.store)).toEqual(once);
    expect(again.stdout).toBe(
      [
        `Uploaded ${file} into the team as jordan, in one transaction:`,
        "Leads: 4 read; 0 created, 3 merged into the team's, 1 skipped.",
        '  skipped Dee Ray (#4 in the store): it has no number, and the team has no lead with its CRM id or email.',
        'Numbers added: 0; activities added: 0.',
        'Calls: 3 read; 0 added, 3 already in the team. All are jordan\'s (the store named them: "jo" 3).',
        'Stage history: 1 read; 0 added, 1 already in the team.',
        'Callbacks: 1 read; 0 added, 1 already in the team.',
        'Handoffs to sales added: 0.',
        'Note drafts: 1 read; 0 added, 1 left as the team had them.',
        '',
      ].join('\n'),
    );
  }, 120_000);

  it('lands whole or not at all: a failure at the last callback leaves the team as it was', async () => {
    const team = await teamDatabase();
    const file = await repStore();
    // The team's database refuses the one callback, written after every lead and call of the store.
    await team.store.run(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
    await team.store.run('CREATE TRIGGER refuse BEFORE INSERT ON callbacks FOR EACH ROW EXECUTE FUNCTION refuse()');
    const before = await databaseDigest(team.store);
    const failed = await cli('upload', '--store', file, '--database', team.url, '--as', 'jordan');
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain('refused by the test');
    expect(await databaseDigest(team.store)).toEqual(before);
  }, 120_000);

  it("reads a store of an older Nextcall from a migrated copy, leaving the rep's file as it was", async () => {
    const team = await teamDatabase();
    const file = join(tempDir(), 'nextcall.sqlite');
    const db = new DatabaseSync(file);
    migrate(db, 11);
    await seedLeads(sqliteStore(db), [{ firstName: 'Eve', phones: ['+16175550105'] }]);
    db.close();
    const before = folderDigest(file);
    const { code, stdout } = await cli('upload', '--store', file, '--database', team.url, '--as', 'jordan', '--json');
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as UploadReport).leads).toMatchObject({ read: 1, created: 1 });
    expect(await team.store.all("SELECT p.e164 FROM leads l JOIN phones p ON p.lead_id = l.id WHERE l.first_name = 'Eve'")).toEqual([{ e164: '+16175550105' }]);
    expect(folderDigest(file)).toEqual(before);
  }, 120_000);

  it('tells its progress on stderr for a large store, every thousand leads', async () => {
    const team = await teamDatabase();
    const file = join(tempDir(), 'nextcall.sqlite');
    const db = openDatabase(file);
    const total = 2 * PROGRESS_EVERY + 1;
    await sqliteStore(db).transaction((tx) => seedLeads(tx, Array.from({ length: total }, (_, i) => ({ firstName: `Lead${i}`, phones: [`+1646${String(5_000_000 + i)}`] }))));
    db.close();
    const { code, stderr } = await cli('upload', '--store', file, '--database', team.url, '--as', 'jordan', '--dry-run');
    expect(code).toBe(0);
    expect(stderr.trim().split('\n')).toEqual(['1,000 of 2,001 leads written (rolled back at the end)', '2,000 of 2,001 leads written (rolled back at the end)', '2,001 of 2,001 leads written (rolled back at the end)']);
  }, 120_000);

  it('says in a sentence what is wrong, and changes nothing: no file, not a store, a newer store, no such account, a team database that does not answer', async () => {
    const team = await teamDatabase();
    const before = await databaseDigest(team.store);
    const folder = tempDir();
    const upload = (store: string, database = team.url, as = 'jordan') => cli('upload', '--store', store, '--database', database, '--as', as);
    const refused = async (run: Promise<CliRun>) => {
      const { code, stdout, stderr } = await run;
      expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
      return stderr.trim();
    };

    const missing = join(folder, 'nowhere.sqlite');
    expect(await refused(upload(missing))).toBe(`There is no file at ${missing}: give --store the path of the rep's store (nextcall.sqlite in the desktop app's data folder).`);

    const text = join(folder, 'notes.txt');
    writeFileSync(text, 'Call Ann back on Tuesday\n'.repeat(100));
    expect(await refused(upload(text))).toBe(`${text} is not a Nextcall store (not a SQLite database at all). Nothing was uploaded.`);

    const other = join(folder, 'other.sqlite');
    new DatabaseSync(other).exec('CREATE TABLE songs (title TEXT)');
    expect(await refused(upload(other))).toBe(`${other} is not a Nextcall store (a SQLite file without the lead store's tables). Nothing was uploaded.`);

    const newer = join(folder, 'newer.sqlite');
    const db = new DatabaseSync(newer);
    db.exec('CREATE TABLE leads (id INTEGER PRIMARY KEY); PRAGMA user_version = 999');
    db.close();
    expect(await refused(upload(newer))).toMatch(new RegExp(`^${newer.replaceAll('.', '\\.')} was written by a newer Nextcall \\(schema 999; this one knows \\d+\\): update Nextcall here, then upload again\\. Nothing was uploaded\\.$`));

    const file = await repStore();
    expect(await refused(upload(file, team.url, 'jo'))).toBe('The team has no account named "jo": an admin makes it first (npm run team -- add-person --name jo …). Nothing was uploaded.');

    const port = new URL(team.url).port;
    const closed = team.url.replace(`:${port}/`, ':1/');
    expect(await refused(upload(file, closed))).toMatch(/^The team database 127\.0\.0\.1:1\/\S+ cannot be reached \(.*ECONNREFUSED.*\)\. Nothing was uploaded\.$/);

    expect(await refused(cli('upload', '--store', file, '--database', team.url))).toBe('upload needs the team account the calls are recorded under: --as NAME.');

    // A database no team server has set up is left as it is: not even migrated.
    const empty = await cluster().createDatabase();
    const where = empty.replace(/^postgres:\/\/[^@]*@/, '');
    expect(await refused(upload(file, empty))).toBe(
      `The database ${where} holds no Nextcall team yet: start this Nextcall's team server on it once (npm run team -- --database …), which sets it up, then upload again. Nothing was uploaded.`,
    );
    const untouched = await openPostgresStore({ connectionString: empty, max: 1 });
    stores.push(untouched);
    expect(await untouched.all("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).toEqual([]);
    expect(await databaseDigest(team.store)).toEqual(before);
  }, 120_000);
});
