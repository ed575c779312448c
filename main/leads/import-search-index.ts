import type { Database } from '../store/database.ts';

/**
 * The full-text index of names, companies and emails (`lead_words`, migration 8) is kept by
 * triggers on `leads`. Fired row by row, FTS5 writes its pending terms out at every statement:
 * at 100,000 imported leads that was most of the import (about 7 of 9 seconds of writing),
 * where one INSERT … SELECT over the same leads takes a fraction of a second.
 *
 * So an import lifts the insert and update triggers inside its own transaction and indexes
 * what it wrote once, at the end: the leads it created, and the leads it completed (their words
 * as they were come from the undo log, `import_changes.before`, taken before the first change).
 * The triggers come back as the schema held them, in the same transaction: a rollback (an
 * error, a dry run, a crash) restores them with everything else, and no other connection ever
 * sees the store without them (the import holds the write lock from its first statement).
 */
const DEFERRED_TRIGGERS = ['lead_words_insert', 'lead_words_update'];

export function deferSearchIndex(db: Database, batchId: number): { finish(): void } {
  const triggers = db
    .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name IN (${DEFERRED_TRIGGERS.map(() => '?').join(', ')})`)
    .all(...DEFERRED_TRIGGERS) as { name: string; sql: string }[];
  for (const { name } of triggers) db.exec(`DROP TRIGGER ${name}`);
  return {
    /** After the last write to the batch's leads: index them once, then restore the triggers. */
    finish() {
      if (triggers.length === 0) return;
      db.prepare(
        `INSERT INTO lead_words (lead_words, rowid, first_name, last_name, company, email)
         SELECT 'delete', lead_id, before ->> 'first_name', before ->> 'last_name', coalesce(before ->> 'company', ''), coalesce(before ->> 'email', '')
         FROM import_changes WHERE batch_id = ?`,
      ).run(batchId);
      db.prepare(
        `INSERT INTO lead_words (rowid, first_name, last_name, company, email)
         SELECT id, first_name, last_name, coalesce(company, ''), coalesce(email, '') FROM leads WHERE import_batch_id = ?
         UNION ALL
         SELECT id, first_name, last_name, coalesce(company, ''), coalesce(email, '') FROM leads
         WHERE id IN (SELECT lead_id FROM import_changes WHERE batch_id = ?)`,
      ).run(batchId, batchId);
      for (const { sql } of triggers) db.exec(sql);
    },
  };
}
