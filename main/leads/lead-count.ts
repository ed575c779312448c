import type { Database } from '../store/database.ts';

/**
 * How many leads the store holds: the top bar shows it after every disposition. count(*) walks
 * every page of an index, so it grows with the store (a few hundred microseconds at a million
 * leads, milliseconds on a cold cache) for a figure a disposition never changes. Instead two
 * temporary triggers keep the figure on this connection as leads are added and removed, and
 * it is counted again only when another connection (the CLI importing while the console runs)
 * has written the file, which SQLite reports through PRAGMA data_version.
 *
 * The figure and the data_version it was counted at live in a TEMP table, so they take part in
 * the transaction around them: a rolled-back import takes its count back with it. Nothing is
 * written to the store's file (no migration), and a connection that never asks pays nothing.
 */
export function leadCount(db: Database): number {
  const s = statements(db);
  const dataVersion = (s.dataVersion.get() as { data_version: number }).data_version;
  const kept = s.read ? readKept(s.read) : undefined;
  if (kept && kept.data_version === dataVersion) return kept.n;
  return recount(db, s, dataVersion);
}

interface Statements {
  dataVersion: ReturnType<Database['prepare']>;
  read: ReturnType<Database['prepare']> | null;
}
const cache = new WeakMap<Database, Statements>();

function statements(db: Database): Statements {
  let s = cache.get(db);
  if (!s) cache.set(db, (s = { dataVersion: db.prepare('PRAGMA data_version'), read: null }));
  return s;
}

function readKept(read: ReturnType<Database['prepare']>): { n: number; data_version: number } | undefined {
  try {
    return read.get() as { n: number; data_version: number } | undefined;
  } catch {
    // The transaction that made the TEMP table was rolled back, and the table with it: count again.
    return undefined;
  }
}

function recount(db: Database, s: Statements, dataVersion: number): number {
  // IF NOT EXISTS: a transaction rolled back after the first count takes the table with it.
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS lead_count (n INTEGER NOT NULL, data_version INTEGER NOT NULL);
    CREATE TEMP TRIGGER IF NOT EXISTS lead_count_added AFTER INSERT ON main.leads BEGIN UPDATE temp.lead_count SET n = n + 1; END;
    CREATE TEMP TRIGGER IF NOT EXISTS lead_count_removed AFTER DELETE ON main.leads BEGIN UPDATE temp.lead_count SET n = n - 1; END;
    DELETE FROM temp.lead_count;
  `);
  const { n } = db.prepare('SELECT count(*) AS n FROM main.leads').get() as { n: number };
  db.prepare('INSERT INTO temp.lead_count (n, data_version) VALUES (?, ?)').run(n, dataVersion);
  s.read = db.prepare('SELECT n, data_version FROM temp.lead_count');
  return n;
}
