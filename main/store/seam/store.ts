import type { Dialect } from './dialect.ts';

/**
 * The seam: the narrow, async interface the core is written against, so one core runs on a rep's
 * own SQLite file or on the team's PostgreSQL. Two adapters implement it (sqlite-store.ts over
 * node:sqlite, postgres-store.ts over `pg`); every difference between the two SQL dialects is
 * said once, in dialect.ts, never in a query of the core.
 *
 * Core SQL is written once: `?` placeholders, epoch milliseconds as integers, flags as 0/1,
 * `ON CONFLICT … DO …` upserts, `RETURNING` for a new row's id, JSON read in TypeScript.
 */
export type SqlValue = string | number | null;

export type Isolation = 'read committed' | 'repeatable read' | 'serializable';

export interface TransactionOptions {
  /**
   * PostgreSQL's isolation level. The default, serializable, is what the core was written for:
   * on SQLite every write transaction runs alone (BEGIN IMMEDIATE), so a check followed by a
   * write is safe; serializable keeps that true on PostgreSQL, where a conflict makes one of
   * the transactions fail and run again. Claims ask for read committed: they skip rows locked
   * by others instead of conflicting with them. SQLite ignores the option.
   */
  isolation?: Isolation;
  /** Runs of the work when PostgreSQL reports a serialization failure or a deadlock (default 6). */
  attempts?: number;
}

/** What a statement inside or outside a transaction can do. */
export interface Queryable {
  readonly dialect: Dialect;
  /** This handle is a transaction's (the `tx` handed to its work), not the store itself. */
  readonly inTransaction: boolean;
  /** Every row. */
  all<Row = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** The first row, or undefined. */
  one<Row = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<Row | undefined>;
  /** A write; how many rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /**
   * Work that lands whole or not at all. On PostgreSQL the work may run more than once (after a
   * serialization failure or a deadlock): it must do nothing outside the database but return a
   * value, and announce changes with `tx.notify`, which is delivered only on commit. Inside a
   * transaction, use the `tx` handed to the work: a nested `tx.transaction` is a savepoint.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Tells every listener on the channel, once the surrounding transaction (if any) commits. */
  notify(channel: string, payload: string): Promise<void>;
}

export interface Store extends Queryable {
  /**
   * Calls `onMessage` with the payload of every notification on the channel, from this process
   * or (on PostgreSQL) any other connected to the same database. Resolves to the unsubscribe.
   * `onResumed`: on PostgreSQL, the listening connection was lost and is back; notifications sent
   * meanwhile were not heard, so the listener reads again what it keeps (SQLite never loses one).
   */
  listen(channel: string, onMessage: (payload: string) => void, onResumed?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * Work that lands whole or not at all: a transaction of its own when `q` is the store; inside a
 * caller's transaction, a part of it, with no savepoint around it (on PostgreSQL a savepoint is
 * two more round trips). A failure then fails the caller's whole transaction, which is what a
 * caller that lets the error pass wants; one that would catch it and go on needs
 * `q.transaction` (a savepoint) instead. The options apply only when a transaction is begun.
 */
export function atomically<T>(q: Queryable, work: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T> {
  return q.inTransaction ? work(q) : q.transaction(work, options);
}

/** Channel names are identifiers in PostgreSQL: checked once here for both stores. */
export function checkChannel(channel: string): string {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`"${channel}" is not a channel name: lower-case letters, digits and _.`);
  return channel;
}
