import type { Database } from '../store/database.ts';

/**
 * An index kept row by row costs a walk down its tree for every lead, number and activity
 * written, at a random place for most of them (emails, companies, the queue's sort keys): at
 * 100,000 imported leads that was over half of the writing. Built once over the table,
 * CREATE INDEX sorts the keys and fills its pages in order, several times cheaper per row and
 * fewer pages to commit.
 *
 * So an import that is large beside the store lifts the secondary indexes of the tables it
 * writes, inside its own transaction, and builds them again before it commits. Rebuilding
 * reads the whole table, so a small import into a big store keeps them. The indexes the
 * import itself asks (matching by email and number, a lead's numbers when it completes one)
 * stay, as do the ones that carry a UNIQUE constraint. As with the search index
 * (import-search-index.ts), a rollback (an error, a dry run, a crash) brings them back with
 * everything else, and no other connection sees the store without them: the import holds the
 * write lock from its first statement.
 */
const TABLES = ['leads', 'phones', 'activities'];
const ASKED_BY_THE_IMPORT = ['leads_email', 'phones_e164', 'phones_lead'];
/** The ones an import into an empty store does not ask: it matches rows in memory (import-lead-keys.ts). */
const ASKED_ONLY_BY_LOOKUPS = ['leads_email', 'phones_e164'];
/**
 * Queue indexes over leads that have been called (their WHERE asks `attempts > 0`): an import
 * writes no attempt, so no lead it creates enters them, and the few it completes are kept row by
 * row for less than a rebuild's read of the whole table.
 */
export const NOT_ENTERED_BY_AN_IMPORT = ['queue_retries', 'queue_rest', 'queue_hand_raisers_again'];
/** Below this many rows an import writes its indexes row by row: the rebuild would not pay. */
export const MIN_DEFERRED_ROWS = 5_000;

export function deferIndexes(db: Database, expectedRows: number, matchesInMemory = false): { finish(): void } {
  // The largest id stands in for the store's size: one step down the table's tree, where count(*) reads an index whole.
  const storeSize = (db.prepare('SELECT coalesce(max(id), 0) AS n FROM leads').get() as { n: number }).n;
  if (expectedRows < MIN_DEFERRED_ROWS || expectedRows < storeSize) return { finish() {} };
  const kept = [...(matchesInMemory ? ASKED_BY_THE_IMPORT.filter((name) => !ASKED_ONLY_BY_LOOKUPS.includes(name)) : ASKED_BY_THE_IMPORT), ...NOT_ENTERED_BY_AN_IMPORT];
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
         AND tbl_name IN (${TABLES.map(() => '?').join(', ')}) AND name NOT IN (${kept.map(() => '?').join(', ')})`,
    )
    .all(...TABLES, ...kept) as { name: string; sql: string }[];
  for (const { name } of indexes) db.exec(`DROP INDEX ${name}`);
  return {
    /** After the last write to the three tables, before anything reads them by these indexes. */
    finish() {
      for (const { sql } of indexes) db.exec(sql);
    },
  };
}
