import type { Store } from '../../main/store/seam/store.ts';

/**
 * Every table of a team database as a digest per table, for "a refused call wrote nothing"
 * checks on PostgreSQL (the SQLite store has storeText in fuzz-checks.ts).
 */
export async function databaseDigest(store: Store): Promise<Record<string, string>> {
  const tables = await store.all<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  const digest: Record<string, string> = {};
  for (const { name } of tables) {
    const row = await store.one<{ digest: string | null }>(`SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) AS digest FROM "${name}" t`);
    digest[name] = row?.digest ?? '';
  }
  return digest;
}
