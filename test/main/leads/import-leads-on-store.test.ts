import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { importActivities } from '../../../main/leads/import-activities.ts';
import { listImports, rejectedRowsCsv } from '../../../main/leads/import-history.ts';
import { importLeads, importLeadsOnStore, type ImportOptions } from '../../../main/leads/import-leads.ts';
import { openDatabase } from '../../../main/store/database.ts';
import { migrate } from '../../../main/store/migrations.ts';
import type { Queryable } from '../../../main/store/seam/store.ts';
import { undoImport } from '../../../main/leads/undo-import.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';
import { csv, tempDir } from '../../helpers/test-core.ts';

/**
 * The import through the store seam, the one the team server runs on PostgreSQL: the same
 * suites on both stores, then what only PostgreSQL has (two server processes importing at once),
 * and the corpus of real CRM exports read to the same leads on both stores.
 */
const NOW = Date.parse('2026-12-05T15:00:00Z');
const clock = { now: () => NOW };
const HEADER = 'Record ID,First Name,Last Name,Email,Phone Number,Company,Do Not Call,Recent Conversion';

const importCsv = (q: Queryable, text: string, options: Partial<ImportOptions> = {}) =>
  importLeadsOnStore(q, clock, Buffer.from(text), { fileName: 'leads.csv', defaultCountry: 'US', ...options });

const numbersOf = async (q: Queryable) => {
  const rows = await q.all<{ crm_id: string | null; e164: string | null }>('SELECT l.crm_id, p.e164 FROM phones p JOIN leads l ON l.id = p.lead_id ORDER BY l.id, p.position');
  return rows.map((r) => `${r.crm_id}:${r.e164}`);
};

const tableCounts = async (q: Queryable) => {
  const counts: Record<string, number> = {};
  for (const table of ['leads', 'phones', 'activities', 'import_batches', 'import_changes', 'import_rejections', 'call_lists', 'queue_zones']) {
    counts[table] = (await q.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;
  }
  return counts;
};

describeEachStore('an import through the store seam', (stores) => {
  it('creates leads with their numbers in E.164 and their zone, and merges the rows that name one lead', async () => {
    const q = await stores.open();
    const report = await importCsv(
      q,
      csv(HEADER, '1,Mia,Okafor,mia@orbit.example,(212) 555-0100,Orbit,,', '2,Hugo,Lefèvre,hugo@helios.example,+1 617 555 0101,Helios,,', ',Mia,,MIA@orbit.example,+1 212 555 0177,,,'),
    );
    expect(report).toMatchObject({ rowsRead: 3, created: 2, updated: 0, merged: 1, rejected: [], dryRun: false });
    expect(await numbersOf(q)).toEqual(['1:+12125550100', '1:+12125550177', '2:+16175550101']);
    expect((await q.all<{ time_zone: string }>('SELECT time_zone FROM leads ORDER BY id')).map((r) => r.time_zone)).toEqual(['America/New_York', 'America/New_York']);
    expect(await listImports(q)).toMatchObject([{ id: report.batchId, fileName: 'leads.csv', rowsRead: 3, created: 2, merged: 1 }]);
  });

  it('completes the leads the store has, and keeps two people who share info@ apart', async () => {
    const q = await stores.open();
    await importCsv(q, csv(HEADER, '1,Mia,Okafor,info@orbit.example,+1 212 555 0100,,,'));
    const report = await importCsv(q, csv(HEADER, ',Mia,,info@orbit.example,,Orbit,true,', ',Hugo,Lefèvre,info@orbit.example,+1 212 555 0111,,,'));
    expect(report).toMatchObject({ created: 1, updated: 1, merged: 0 });
    expect(await q.all('SELECT first_name, company, do_not_call, callable FROM leads ORDER BY id')).toEqual([
      { first_name: 'Mia', company: 'Orbit', do_not_call: 1, callable: 0 },
      { first_name: 'Hugo', company: null, do_not_call: 0, callable: 1 },
    ]);
  });

  it('makes a lead who asked for a call a hand-raiser', async () => {
    const q = await stores.open();
    await importCsv(q, csv(HEADER, '1,Mia,Okafor,,+1 212 555 0100,,,Contact sales'));
    expect(await q.one('SELECT requested_call, hand_raised_at FROM leads')).toEqual({ requested_call: 1, hand_raised_at: NOW });
  });

  it('turns rows away with their reasons, kept for download with the file’s own columns', async () => {
    const q = await stores.open();
    const report = await importCsv(q, csv('Record ID,Name,Phone', '1,Ada,+12125550100', '2,"No Phone, Esq.",'));
    expect(report.rejected).toEqual([{ line: 3, reason: 'no phone number' }]);
    expect((await rejectedRowsCsv(q, report.batchId!)).content).toBe('\uFEFFRecord ID,Name,Phone,Rejected at line,Reason\r\n2,"No Phone, Esq.",,3,no phone number\r\n');
  });

  it('changes nothing on a dry run, and reports what it would have done', async () => {
    const q = await stores.open();
    const before = await tableCounts(q);
    const report = await importCsv(q, csv(HEADER, '1,Mia,Okafor,,+1 212 555 0100,,,'), { dryRun: true, listName: 'December' });
    expect(report).toMatchObject({ dryRun: true, batchId: null, created: 1 });
    expect(await tableCounts(q)).toEqual(before);
  });

  it('leaves nothing behind when the import fails before its end', async () => {
    const q = await stores.open();
    const before = await tableCounts(q);
    const failing = importCsv(q, csv(HEADER, '1,Mia,Okafor,,+1 212 555 0100,,,'), {
      listName: 'December',
      onProgress: () => {
        throw new Error('the process is going down');
      },
    });
    await expect(failing).rejects.toThrow('the process is going down');
    expect(await tableCounts(q)).toEqual(before);
  });

  it('joins the call list it names, and undo takes the batch back: new leads removed, completed ones restored', async () => {
    const q = await stores.open();
    await importCsv(q, csv(HEADER, '1,Mia,Okafor,,+1 212 555 0100,,,'));
    const second = await importCsv(q, csv(HEADER, '1,Mia,,,+1 212 555 0199,Orbit,,', '2,Hugo,Lefèvre,,+1 617 555 0101,,,'), { listName: 'December' });
    expect(await q.all('SELECT name FROM call_lists')).toEqual([{ name: 'December' }]);
    expect(await undoImport(q, clock, second.batchId!)).toEqual({ batchId: second.batchId, removed: 1, restored: 1, kept: 0 });
    expect(await numbersOf(q)).toEqual(['1:+12125550100']);
    expect(await q.one('SELECT company FROM leads')).toEqual({ company: null });
  });
});

describeEachStore('an activity file through the store seam (a team lead’s marketing export)', (stores) => {
  const ACTIVITY = 'Record ID,Email,Phone,Type,Title,URL,Time';
  const activities = (q: Queryable, text: string) => importActivities(q, Buffer.from(text), 'activity.csv', 'US');

  it('joins each event to its lead by CRM id, email or number; a request for a call makes a hand-raiser; the same file again adds nothing', async () => {
    const q = await stores.open();
    await importCsv(q, csv(HEADER, '1,Mia,Okafor,mia@orbit.example,(212) 555-0100,Orbit,,', '2,Hugo,Lefèvre,hugo@helios.example,+1 617 555 0101,Helios,,'));
    const file = csv(
      ACTIVITY,
      '1,,,webinar,Webinar: BANT in practice,,2026-11-20 17:00',
      ',HUGO@helios.example,,,Request a demo,https://www.example.com/demo,2026-11-21 09:00',
      ',,(212) 555-0100,pricing-visit,Pricing,https://www.example.com/pricing,2026-11-21',
      '9,,,webinar,Webinar,,2026-11-20',
      '1,,,webinar,Webinar,,last tuesday',
    );
    expect(await activities(q, file)).toEqual({
      rowsRead: 5,
      added: 3,
      alreadyThere: 0,
      rejected: [
        { line: 5, reason: 'no lead with this CRM id, email or number' },
        { line: 6, reason: '"last tuesday" is not a date (write 2026-11-20 or 2026-11-20 14:03)' },
      ],
    });
    const leads = await q.all<{ crm_id: string; requested_call: number; hand_raised_at: number | null; last_activity_at: number | null }>(
      'SELECT crm_id, requested_call, hand_raised_at, last_activity_at FROM leads ORDER BY id',
    );
    const demoAt = Date.parse('2026-11-21T09:00:00');
    expect(leads.map((l) => [l.crm_id, l.requested_call, l.hand_raised_at === null ? null : 'raised'])).toEqual([
      ['1', 0, null],
      ['2', 1, 'raised'],
    ]);
    expect(leads[1]!.last_activity_at).toBe(leads[1]!.hand_raised_at);
    expect(Math.abs(leads[1]!.hand_raised_at! - demoAt)).toBeLessThanOrEqual(14 * 3_600_000);
    expect((await q.all<{ type: string }>('SELECT type FROM activities ORDER BY lead_id, occurred_at')).map((a) => a.type)).toEqual(['webinar', 'pricing-visit', 'demo-request']);
    expect(await activities(q, file)).toMatchObject({ added: 0, alreadyThere: 3 });
  });

  it('a request older than the lead’s last call does not make it a hand-raiser again', async () => {
    const q = await stores.open();
    await importCsv(q, csv(HEADER, '1,Mia,Okafor,,(212) 555-0100,,,'));
    await q.run('UPDATE leads SET attempts = 1, last_attempt_at = ?', [Date.parse('2026-11-22T12:00:00Z')]);
    await activities(q, csv(ACTIVITY, '1,,,,Request a demo,,2026-11-21 09:00'));
    expect(await q.one('SELECT requested_call, hand_raised_at FROM leads')).toEqual({ requested_call: 1, hand_raised_at: null });
    await activities(q, csv(ACTIVITY, '1,,,,Request a demo,,2026-11-23 09:00'));
    expect((await q.one<{ hand_raised_at: number | null }>('SELECT hand_raised_at FROM leads'))!.hand_raised_at).not.toBeNull();
  });

  it('refuses a file that names no lead column, in words, and changes nothing', async () => {
    const q = await stores.open();
    await importCsv(q, csv(HEADER, '1,Mia,Okafor,,(212) 555-0100,,,'));
    const before = await tableCounts(q);
    await expect(activities(q, 'Title,Time\nWebinar,2026-11-20\n')).rejects.toThrow('activity.csv has no column naming the lead (Record ID, Email or Phone). Nothing was imported.');
    expect(await tableCounts(q)).toEqual(before);
  });
});

describeEachStore(
  'imports on the team store from two server processes',
  (stores) => {
    it('merges a lead both files name once, whichever commits first', async () => {
      const q = await stores.open();
      const other = await stores.connect();
      // The shared row first in both files, so both imports read it before either commits; no CRM id: its keys are its email and number.
      const shared = ',Ada,Lovelace,ada@engines.example,+1 212 555 0199,Engines,,';
      const others = (from: number) => Array.from({ length: 30 }, (_, i) => `${from + i},Lead,${from + i},,+1 212 555 ${String(1000 + from + i)},,,`);
      const [a, b] = await Promise.all([importCsv(q, csv(HEADER, shared, ...others(100))), importCsv(other, csv(HEADER, shared.replace('Engines', ''), ...others(200)))]);
      expect(a.created + b.created).toBe(61);
      expect(a.updated + b.updated).toBe(1);
      expect(await q.all<{ n: number }>("SELECT count(*) AS n FROM leads WHERE email = 'ada@engines.example'")).toEqual([{ n: 1 }]);
    });
  },
  ['postgres'],
);

const CORPUS = fileURLToPath(new URL('../../fixtures/crm-exports/', import.meta.url));
/** Files of the corpus read on both stores: a Salesforce report, HubSpot, Google and Outlook's shapes. */
const CORPUS_FILES = readdirSync(CORPUS).filter((f) => /^(salesforce-lead__|hubspot|google|outlook-contacts__)/.test(f));

describeEachStore(
  'the corpus on the team store',
  (stores) => {
    it.each(CORPUS_FILES)('%s reads to the same leads, numbers and zones as on a rep’s store', async (file) => {
      const bytes = readFileSync(`${CORPUS}${file}`);
      const options = { fileName: file, defaultCountry: 'US' };
      const db = openDatabase(`${tempDir()}/leads.db`);
      migrate(db);
      const onSqlite = await importLeads(db, clock, bytes, options);
      const sqliteLeads = dump(db.prepare(DUMP).all());
      db.close();

      const q = await stores.open();
      const onPostgres = await importLeadsOnStore(q, clock, bytes, options);
      expect({ ...onPostgres, batchId: 1 }).toEqual({ ...onSqlite, batchId: 1 });
      expect(onPostgres.created).toBeGreaterThan(0);
      expect(dump(await q.all(DUMP))).toEqual(sqliteLeads);
    });
  },
  ['postgres'],
);

const DUMP = `SELECT l.crm_id, l.first_name, l.last_name, l.email, l.company, l.title, l.stage, l.source, l.time_zone, l.region, l.country,
                     l.requested_call, l.do_not_call, l.score, l.callable, p.position, p.raw, p.e164, p.type, p.bad
              FROM leads l LEFT JOIN phones p ON p.lead_id = l.id ORDER BY l.id, p.position`;
const dump = (rows: unknown[]) => rows.map((r) => JSON.stringify(r));
