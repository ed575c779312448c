import type { Queryable } from '../store/seam/store.ts';

/**
 * How many leads the store holds: the top bar shows it after every disposition. count(*) walks
 * every page of an index, so it grows with the store (a few hundred microseconds at a million
 * leads, milliseconds on a cold cache) for a figure a disposition never changes.
 *
 * On the rep's SQLite store two temporary triggers keep the figure on this connection as leads
 * are added and removed, and it is counted again only when another connection (the CLI
 * importing while the console runs) has written the file, which SQLite reports through PRAGMA
 * data_version. The figure and the data_version it was counted at live in a TEMP table, so they
 * take part in the transaction around them: a rolled-back import takes its count back with it.
 * Nothing is written to the store's file (no migration), and a connection that never asks pays
 * nothing.
 *
 * On the team's PostgreSQL that would be state of one connection that every other server
 * process would need: there the store keeps the figure itself, as rows of changes its triggers
 * append (PostgreSQL migration 8), summed here and folded into one row now and then. Counting
 * instead cost 20.8 ms per disposition at 1,000,000 leads (docs/TEAM.md, "Team load test").
 */
export async function leadCount(q: Queryable): Promise<number> {
  if (q.dialect.kind === 'postgres') return keptTeamCount(q);
  const { data_version: dataVersion } = (await q.one<{ data_version: number }>('PRAGMA data_version'))!;
  const kept = await readKept(q);
  if (kept && kept.data_version === dataVersion) return kept.n;
  return recount(q, dataVersion);
}

async function readKept(q: Queryable): Promise<{ n: number; data_version: number } | undefined> {
  try {
    return await q.one<{ n: number; data_version: number }>('SELECT n, data_version FROM temp.lead_count');
  } catch {
    // Never counted on this connection, or the transaction that made the TEMP table was rolled
    // back, and the table with it: count again.
    return undefined;
  }
}

async function recount(q: Queryable, dataVersion: number): Promise<number> {
  // IF NOT EXISTS: a transaction rolled back after the first count takes the table with it.
  await q.run('CREATE TEMP TABLE IF NOT EXISTS lead_count (n INTEGER NOT NULL, data_version INTEGER NOT NULL)');
  await q.run('CREATE TEMP TRIGGER IF NOT EXISTS lead_count_added AFTER INSERT ON main.leads BEGIN UPDATE temp.lead_count SET n = n + 1; END');
  await q.run('CREATE TEMP TRIGGER IF NOT EXISTS lead_count_removed AFTER DELETE ON main.leads BEGIN UPDATE temp.lead_count SET n = n - 1; END');
  await q.run('DELETE FROM temp.lead_count');
  const { n } = (await q.one<{ n: number }>('SELECT count(*) AS n FROM main.leads'))!;
  await q.run('INSERT INTO temp.lead_count (n, data_version) VALUES (?, ?)', [n, dataVersion]);
  return n;
}

/** Rows of changes past which a read folds them into one, so the sum stays a few rows' work. */
const FOLD_AFTER_ROWS = 64;

async function keptTeamCount(q: Queryable): Promise<number> {
  const { n, changes } = (await q.one<{ n: number | null; changes: number }>('SELECT sum(n) AS n, count(*) AS changes FROM lead_count_changes'))!;
  if (Number(changes) > FOLD_AFTER_ROWS) {
    // One statement: the rows it deletes are the rows it sums, so a change committed meanwhile by
    // another writer (not seen by the DELETE) stays a row of its own and is never lost or doubled.
    await q.run('WITH folded AS (DELETE FROM lead_count_changes RETURNING n) INSERT INTO lead_count_changes (n) SELECT coalesce(sum(n), 0) FROM folded');
  }
  return Number(n ?? 0);
}
