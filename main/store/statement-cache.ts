import type { Database } from './database.ts';

type Statement = ReturnType<Database['prepare']>;

/**
 * Statements compiled once per connection and kept: preparing costs about as much as running a
 * small indexed query, and a disposition runs some thirty of them before the next lead is ready.
 * For statements run to the end at once (get, all, run), whose text is fixed; not for iterate(),
 * where a second caller of the same text would reset the first one's walk.
 */
export function cachedStatement(db: Database, sql: string): Statement {
  let byText = kept.get(db);
  if (!byText) kept.set(db, (byText = new Map()));
  let statement = byText.get(sql);
  if (!statement) {
    // Texts are fixed in the code, so this bound is never reached in practice; it only keeps a
    // mistake (a value pasted into the text) from growing without end.
    if (byText.size >= KEEP_AT_MOST) byText.clear();
    byText.set(sql, (statement = db.prepare(sql)));
  }
  return statement;
}

const KEEP_AT_MOST = 500;
const kept = new WeakMap<Database, Map<string, Statement>>();
