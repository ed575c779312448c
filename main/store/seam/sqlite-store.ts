import type { SQLInputValue } from 'node:sqlite';
import type { Database } from '../database.ts';
import { cachedStatement } from '../statement-cache.ts';
import { sqliteDialect } from './dialect.ts';
import { checkChannel, type Queryable, type SqlValue, type Store } from './store.ts';

/**
 * The seam over the rep's own store: node:sqlite's synchronous calls behind the async
 * interface, on the connection main/store/database.ts opened (which stays as it is, for the core
 * not yet on the seam). Statements are compiled once per connection (statement-cache.ts).
 *
 * One connection has one transaction at a time, so transactions here take turns: a second one
 * waits for the first to end rather than write into it (the dispatcher already runs one call at
 * a time; this keeps that true for any other caller). Notifications stay in the process (a rep
 * alone has one), and are delivered after the transaction that sent them commits.
 */
export function sqliteStore(db: Database): Store {
  const listeners = new Map<string, Set<(payload: string) => void>>();
  const deliver = (sent: readonly [string, string][]) => {
    for (const [channel, payload] of sent) for (const listener of listeners.get(channel) ?? []) listener(payload);
  };
  let turn: Promise<unknown> = Promise.resolve();
  let savepoints = 0;

  const statements = (pending: [string, string][] | null): Queryable => {
    const handle: Queryable = {
      dialect: sqliteDialect,
      inTransaction: pending !== null,
      all: async <Row>(sql: string, params: readonly SqlValue[] = []) => cachedStatement(db, sql).all(...(params as SQLInputValue[])) as Row[],
      one: async <Row>(sql: string, params: readonly SqlValue[] = []) => cachedStatement(db, sql).get(...(params as SQLInputValue[])) as Row | undefined,
      run: async (sql, params = []) => ({ changes: Number(cachedStatement(db, sql).run(...(params as SQLInputValue[])).changes) }),
      async notify(channel, payload) {
        checkChannel(channel);
        if (pending) pending.push([channel, payload]);
        else queueMicrotask(() => deliver([[channel, payload]]));
      },
      transaction: async (work) => {
        if (!pending) return outermost(work);
        // Nested: a savepoint, so the inner work can fail alone.
        const name = `seam_${++savepoints}`;
        db.exec(`SAVEPOINT ${name}`);
        const mark = pending.length;
        try {
          const result = await work(handle);
          db.exec(`RELEASE ${name}`);
          return result;
        } catch (error) {
          if (db.isTransaction) db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
          pending.length = mark;
          throw error;
        }
      },
    };
    return handle;
  };

  const outermost = <T>(work: (tx: Queryable) => Promise<T>): Promise<T> => {
    const run = turn.then(async () => {
      const pending: [string, string][] = [];
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(statements(pending));
        db.exec('COMMIT');
        deliver(pending);
        return result;
      } catch (error) {
        // A failed statement may already have ended the transaction.
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
    });
    turn = run.catch(() => undefined);
    return run;
  };

  return {
    ...statements(null),
    async listen(channel, onMessage) {
      checkChannel(channel);
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(onMessage);
      return async () => void set.delete(onMessage);
    },
    // The connection belongs to whoever opened it (core.ts closes it).
    async close() {},
  };
}
