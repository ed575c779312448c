import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { openDatabase } from '../../main/store/database.ts';
import { migratePostgres } from '../../main/store/postgres-migrations.ts';
import { openPostgresStore } from '../../main/store/seam/postgres-store.ts';
import { sqliteStore } from '../../main/store/seam/sqlite-store.ts';
import type { Store } from '../../main/store/seam/store.ts';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.ts';
import { tempDir } from './test-core.ts';

export type StoreKind = 'sqlite' | 'postgres';
export const STORE_KINDS: readonly StoreKind[] = ['sqlite', 'postgres'];

export interface StoreFixture {
  kind: StoreKind;
  /** A new store with the whole schema, closed after the test. */
  open(): Promise<Store>;
  /** Another connection (a second server process, another console) to the last store opened. */
  connect(options?: { max?: number }): Promise<Store>;
}

/**
 * One suite, two stores: the body runs once on a SQLite file and once on a PostgreSQL database,
 * each test on a fresh store with every migration applied. The PostgreSQL cluster is started for
 * the file only when its half runs (test/helpers/postgres-cluster.ts).
 */
export function describeEachStore(title: string, body: (fixture: StoreFixture) => void, kinds: readonly StoreKind[] = STORE_KINDS): void {
  for (const kind of kinds) {
    describe(`${title} (${kind})`, () => {
      body(kind === 'postgres' ? postgresFixture() : sqliteFixture());
    });
  }
}

function sqliteFixture(): StoreFixture {
  const open: Store[] = [];
  let lastFile: string | null = null;
  const closers: (() => void)[] = [];
  afterEach(() => {
    while (closers.length) closers.pop()!();
    open.length = 0;
  });
  const connect = async () => {
    const db = openDatabase(lastFile!);
    closers.push(() => db.close());
    const store = sqliteStore(db);
    open.push(store);
    return store;
  };
  return {
    kind: 'sqlite',
    open: async () => {
      lastFile = `${tempDir()}/leads.db`;
      return connect();
    },
    connect,
  };
}

function postgresFixture(): StoreFixture {
  const cluster = usePostgresCluster();
  let lastUrl: string | null = null;
  const open: Store[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
  });
  const connect = async ({ max }: { max?: number } = {}) => {
    const store = await openPostgresStore({ connectionString: lastUrl!, ...(max ? { max } : {}) });
    open.push(store);
    return store;
  };
  return {
    kind: 'postgres',
    open: async () => {
      lastUrl = await cluster().createDatabase();
      const store = await connect();
      await migratePostgres(store);
      return store;
    },
    connect,
  };
}

/** The PostgreSQL cluster alone, for a file whose tests are about PostgreSQL only. */
export function usePostgresCluster(): () => PostgresCluster {
  let cluster: PostgresCluster | null = null;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
  }, 120_000);
  afterAll(() => cluster?.stop());
  return () => cluster!;
}
