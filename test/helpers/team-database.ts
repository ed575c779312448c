import { createAccount } from '../../main/people/accounts.ts';
import { migratePostgres } from '../../main/store/postgres-migrations.ts';
import { openPostgresStore } from '../../main/store/seam/postgres-store.ts';
import type { Store } from '../../main/store/seam/store.ts';
import type { Role } from '../../shared/people.ts';
import type { PostgresCluster } from './postgres-cluster.ts';

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

/**
 * A throw-away team database on the cluster for a test file: migrated, with these accounts (name →
 * role, one password for all); `more` writes what else the file needs before the connection
 * closes. Returns its connection string, for the team server processes the file starts.
 */
export async function createTeamDatabase(cluster: PostgresCluster, accounts: Record<string, Role>, password: string, more?: (store: Store) => Promise<void>): Promise<string> {
  const url = await cluster.createDatabase();
  await prepareTeamDatabase(url, accounts, password, more);
  return url;
}

/** Migrates the database at `url`, makes these accounts (one password for all), then runs `more` on it. */
export async function prepareTeamDatabase(url: string, accounts: Record<string, Role>, password: string, more?: (store: Store) => Promise<void>): Promise<void> {
  const store = await openPostgresStore({ connectionString: url, max: 2 });
  try {
    await migratePostgres(store);
    for (const [name, role] of Object.entries(accounts)) await createAccount(store, Date.now(), { name, role, password });
    await more?.(store);
  } finally {
    await store.close();
  }
}
