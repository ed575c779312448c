import { describe, expect, it } from 'vitest';
import { deferIndexes, MIN_DEFERRED_ROWS, NOT_ENTERED_BY_AN_IMPORT } from '../../../main/leads/import-deferred-indexes.ts';
import type { Database } from '../../../main/store/database.ts';
import { count, csv, importCsv, testCore } from '../../helpers/test-core.ts';

const HEADER = 'Record ID,First Name,Last Name,Company Name,Email,Phone Number,First Conversion';
const rows = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `${from + i},Mia,Okafor${from + i},Orbit ${i % 97},mia${from + i}@orbit.example,+1 212 555 ${String(1000 + ((from + i) % 9000)).padStart(4, '0')},Ebook ${i % 7}`);
const indexes = (db: Database) => db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").all();
const plan = (db: Database, sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');

describe('an import large beside the store', () => {
  it('leaves every index as the schema had it, holding every lead, number and activity, and the queue asks its own index', async () => {
    const core = testCore();
    const before = indexes(core.db);
    const report = await importCsv(core, csv(HEADER, ...rows(MIN_DEFERRED_ROWS)));
    expect(report.created).toBe(MIN_DEFERRED_ROWS);
    expect(indexes(core.db)).toEqual(before);
    // integrity_check compares every index with its table, entry by entry.
    expect(core.db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
    expect(plan(core.db, "SELECT id FROM leads WHERE coalesce(time_zone, '') = '' AND callable = 1 AND attempts = 0 ORDER BY stage_rank DESC, score DESC")).toContain(
      'queue_never_called',
    );
    expect(count(core, 'activities')).toBe(MIN_DEFERRED_ROWS);
  });

  it('writes without its secondary indexes and builds them again in the same transaction; matching keeps the ones it asks', () => {
    const core = testCore();
    const before = indexes(core.db);
    core.db.exec('BEGIN');
    const deferred = deferIndexes(core.db, MIN_DEFERRED_ROWS);
    const during = (indexes(core.db) as { name: string }[]).map((i) => i.name);
    expect(during).not.toContain('queue_never_called');
    expect(during).not.toContain('leads_company');
    expect(during).toEqual(expect.arrayContaining(['leads_email', 'phones_e164', 'phones_lead']));
    deferred.finish();
    core.db.exec('ROLLBACK');
    expect(indexes(core.db)).toEqual(before);
  });

  it('into an empty store, where rows are matched in memory, lifts the email and number indexes too, and builds them again', () => {
    const core = testCore();
    const before = indexes(core.db);
    core.db.exec('BEGIN');
    const deferred = deferIndexes(core.db, MIN_DEFERRED_ROWS, true);
    const during = (indexes(core.db) as { name: string }[]).map((i) => i.name);
    expect(during).not.toContain('leads_email');
    expect(during).not.toContain('phones_e164');
    expect(during).toContain('phones_lead');
    deferred.finish();
    expect(indexes(core.db)).toEqual(before);
    core.db.exec('ROLLBACK');
  });

  it('keeps the queue indexes of called leads, which no imported lead enters, and they hold a completed lead that was called', async () => {
    const core = testCore();
    // Each of them indexes only leads with an attempt: an import writes none.
    for (const name of NOT_ENTERED_BY_AN_IMPORT) expect((core.db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(name) as { sql: string }).sql).toContain('attempts > 0');
    await importCsv(core, csv(HEADER, ...rows(10)));
    core.db.exec('UPDATE leads SET attempts = 1, last_attempt_at = 1 WHERE id = 1');
    core.db.exec('BEGIN');
    deferIndexes(core.db, MIN_DEFERRED_ROWS, true);
    const during = (indexes(core.db) as { name: string }[]).map((i) => i.name);
    expect(during).toEqual(expect.arrayContaining(NOT_ENTERED_BY_AN_IMPORT));
    core.db.exec('ROLLBACK');
    // The called lead comes back in a large file that raises its hand: the index of called hand-raisers holds it.
    await importCsv(core, csv(`${HEADER},Recent Conversion,Recent Conversion Date`, ...rows(MIN_DEFERRED_ROWS).map((r, i) => (i === 0 ? `${r},Contact sales,2026-11-20 10:00` : `${r},,`))));
    expect(core.db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
    expect(core.db.prepare('SELECT id FROM leads INDEXED BY queue_hand_raisers_again WHERE callable = 1 AND hand_raised_at IS NOT NULL AND attempts > 0').all()).toEqual([{ id: 1 }]);
  });

  it('a dry run, or an import refused halfway, leaves the indexes in place', async () => {
    const core = testCore();
    const before = indexes(core.db);
    await importCsv(core, csv(HEADER, ...rows(MIN_DEFERRED_ROWS)), { dryRun: true });
    expect(indexes(core.db)).toEqual(before);
    const failing = importCsv(core, csv(HEADER, ...rows(MIN_DEFERRED_ROWS * 2)), {
      onProgress: () => {
        throw new Error('the window went away');
      },
    });
    await expect(failing).rejects.toThrow('the window went away');
    expect(indexes(core.db)).toEqual(before);
    expect(count(core, 'leads')).toBe(0);
  });
});

describe('a small import, or one into a larger store', () => {
  it('keeps the indexes in place while it writes: rebuilding them would read the whole store', async () => {
    const core = testCore();
    await importCsv(core, csv(HEADER, ...rows(MIN_DEFERRED_ROWS)));
    const before = indexes(core.db);
    for (const expected of [MIN_DEFERRED_ROWS - 1, MIN_DEFERRED_ROWS / 2 + 1]) {
      core.db.exec('BEGIN');
      deferIndexes(core.db, expected);
      expect(indexes(core.db)).toEqual(before);
      core.db.exec('ROLLBACK');
    }
  });
});
