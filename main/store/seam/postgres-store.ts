import pg from 'pg';
import { isRetryable, postgresDialect, POSTGRES_VALUE_PARSERS } from './dialect.ts';
import { checkChannel, type Queryable, type SqlValue, type Store, type TransactionOptions } from './store.ts';

/**
 * The seam over the team's PostgreSQL, with `pg` (node-postgres): a pool of connections for
 * statements and transactions, and one more connection that only LISTENs. Every query is a named
 * prepared statement on its connection (parsed and planned once per connection, like SQLite's
 * statement cache). A transaction holds one pooled connection from BEGIN to COMMIT, and runs its
 * work again when PostgreSQL says it lost a race (serialization failure, deadlock).
 */
export interface PostgresStoreOptions {
  connectionString: string;
  /** Connections in the pool (default POOL_CONNECTIONS). */
  max?: number;
  /**
   * A server's pool: a connection, once opened, stays open (none is closed for being idle), so a
   * request after a quiet spell does not wait for a new one, its statements prepared again and its
   * caches of the tables filled again.
   */
  keepOpen?: boolean;
  /** Told when an idle connection fails (the server restarted, an admin ended it); the pool replaces it. */
  onConnectionError?: (error: Error) => void;
}

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => POSTGRES_VALUE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * Prepared statement names, one per SQL text, the same on every connection. A statement of more
 * parameters than this is left unnamed, parsed each time it runs: it is a batch of rows
 * (row-batches.ts), whose text differs with each count of rows, and each named one would stay
 * prepared on every connection for its life (near 1 MB of the server's memory for 5,000
 * parameters, measured) and its text in `names` for the process's. High enough that the queue's
 * statements over every open zone (next-lead.ts, queue-view.ts: some 21 parameters a zone) stay
 * prepared for the zones of a continent.
 */
const NAMED_MOST_PARAMETERS = 400;
const names = new Map<string, string>();
function named(text: string, values: readonly SqlValue[]): pg.QueryConfig {
  if (values.length > NAMED_MOST_PARAMETERS) return { text, values: values as SqlValue[] };
  let name = names.get(text);
  if (!name) names.set(text, (name = `nc_${names.size + 1}`));
  return { name, text, values: values as SqlValue[] };
}

type Client = pg.Pool | pg.PoolClient;

/** A process's connections to the team's database, unless told otherwise. */
export const POOL_CONNECTIONS = 10;

/** How long the listening connection waits before it is opened again, at first and at most. */
const LISTEN_RETRY_FIRST_MS = 1_000;
const LISTEN_RETRY_LAST_MS = 10_000;

export async function openPostgresStore({ connectionString, max = POOL_CONNECTIONS, keepOpen = false, onConnectionError = () => {} }: PostgresStoreOptions): Promise<Store> {
  const pool = new pg.Pool({ connectionString, max, ...(keepOpen ? { min: max } : {}), types, application_name: 'nextcall' });
  pool.on('error', onConnectionError);
  // Fails here, with the server's own sentence, rather than on the first call.
  (await pool.connect()).release();

  const query = async (client: Client, sql: string, params: readonly SqlValue[]) => client.query(named(postgresDialect.sql(sql), params));

  let savepoints = 0;
  const statements = (client: Client, inTransaction: boolean): Queryable => {
    const handle: Queryable = {
      dialect: postgresDialect,
      inTransaction,
      all: async <Row>(sql: string, params: readonly SqlValue[] = []) => (await query(client, sql, params)).rows as Row[],
      one: async <Row>(sql: string, params: readonly SqlValue[] = []) => (await query(client, sql, params)).rows[0] as Row | undefined,
      run: async (sql, params = []) => ({ changes: (await query(client, sql, params)).rowCount ?? 0 }),
      // pg_notify inside a transaction is sent when it commits, and never if it rolls back.
      notify: async (channel, payload) => void (await query(client, 'SELECT pg_notify(?, ?)', [checkChannel(channel), payload])),
      transaction: async (work, options) => {
        if (!inTransaction) return outermost(work, options);
        const name = `seam_${++savepoints}`;
        await (client as pg.PoolClient).query(`SAVEPOINT ${name}`);
        try {
          const result = await work(handle);
          await (client as pg.PoolClient).query(`RELEASE SAVEPOINT ${name}`);
          return result;
        } catch (error) {
          await (client as pg.PoolClient).query(`ROLLBACK TO SAVEPOINT ${name}`);
          throw error;
        }
      },
    };
    return handle;
  };

  async function outermost<T>(work: (tx: Queryable) => Promise<T>, { isolation = 'serializable', attempts = 6 }: TransactionOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      let broken = false;
      // The connection can die mid-transaction (the server restarted, an admin ended it): the
      // pool only watches idle ones, so this one is watched here, and leaves the pool after.
      const onError = (error: Error) => {
        broken = true;
        onConnectionError(error);
      };
      client.on('error', onError);
      try {
        await client.query(`BEGIN ISOLATION LEVEL ${isolation.toUpperCase()}`);
        const result = await work(statements(client, true));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          // The connection itself failed: it leaves the pool rather than serve another caller.
          broken = true;
        }
        if (!isRetryable(error) || attempt >= attempts) throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
      // Lost a race: wait a little, more each time and never in step with the winner, then again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * 2 ** attempt));
    }
  }

  // The one connection that LISTENs. When it is lost (the database restarted, an admin ended it)
  // it is opened again, 1 s after, then twice as long each time up to 10 s, every channel is
  // listened to again, and each channel's `onResumed` is told: what was announced meanwhile was
  // not heard, so whoever listens reads what it keeps again.
  let listener: Promise<pg.Client> | null = null;
  let closed = false;
  const listeners = new Map<string, Set<(payload: string) => void>>();
  const resumers = new Map<string, Set<() => void>>();
  const connectListener = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString, types, application_name: 'nextcall-listen' });
    const lost = () => {
      client.removeAllListeners('end');
      if (closed || !listener) return;
      listener = null;
      setTimeout(() => void reconnect(LISTEN_RETRY_FIRST_MS), LISTEN_RETRY_FIRST_MS).unref();
    };
    client.on('error', (error) => {
      onConnectionError(error);
      lost();
    });
    client.on('end', lost);
    client.on('notification', ({ channel, payload }) => {
      for (const onMessage of listeners.get(channel) ?? []) onMessage(payload ?? '');
    });
    try {
      await client.connect();
    } catch (error) {
      client.removeAllListeners();
      throw error;
    }
    return client;
  };
  const listening = (): Promise<pg.Client> => {
    listener ??= connectListener().catch((error: unknown) => {
      listener = null;
      throw error;
    });
    return listener;
  };
  const reconnect = async (waited: number): Promise<void> => {
    if (closed) return;
    try {
      const client = await listening();
      for (const channel of listeners.keys()) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      onConnectionError(error instanceof Error ? error : new Error(String(error)));
      const wait = Math.min(waited * 2, LISTEN_RETRY_LAST_MS);
      setTimeout(() => void reconnect(wait), wait).unref();
      return;
    }
    for (const channel of listeners.keys()) for (const onResumed of resumers.get(channel) ?? []) onResumed();
  };

  return {
    ...statements(pool, false),
    async listen(channel, onMessage, onResumed) {
      checkChannel(channel);
      const client = await listening();
      let set = listeners.get(channel);
      if (!set) {
        listeners.set(channel, (set = new Set()));
        await client.query(`LISTEN ${channel}`);
      }
      set.add(onMessage);
      if (onResumed) resumers.set(channel, (resumers.get(channel) ?? new Set()).add(onResumed));
      return async () => {
        set.delete(onMessage);
        if (onResumed) resumers.get(channel)?.delete(onResumed);
        if (set.size === 0 && listeners.get(channel) === set) {
          listeners.delete(channel);
          await (await listening()).query(`UNLISTEN ${channel}`);
        }
      };
    },
    async close() {
      closed = true;
      const client = await listener?.catch(() => null);
      client?.removeAllListeners('end');
      await client?.end();
      await pool.end();
    },
  };
}
