import { DatabaseSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrations.ts';
import { checkStoreFile, storeProblemFrom, type StoreHealth } from './store-check.ts';

export type Database = DatabaseSync;

/**
 * Opens (or creates) the lead store and brings its schema up to date.
 * The file is checked first (PRAGMA quick_check, read-only; or by the caller, who passes what it
 * found): a damaged, emptied or read-only store throws a StoreProblem that names it and says what
 * to do, and is never written to.
 * WAL lets the console read while an import writes; synchronous=FULL makes a committed
 * disposition survive a power cut, which matters more to a rep than a few microseconds.
 * busy_timeout: a disposition waits this long for another process's import to commit before
 * it says the store is busy.
 */
export function openDatabase(file: string, { checked }: { checked?: StoreHealth } = {}): Database {
  if (file !== ':memory:') {
    // Checked before the folder is made: an empty file that a caller made since (to set its mode)
    // is then a new store, not an emptied one.
    if (!checked) checkStoreFile(file);
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (error) {
      throw storeProblemFrom(file, error) ?? error;
    }
  }
  let db: Database | null = null;
  try {
    db = new DatabaseSync(file);
    db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA foreign_keys = ON;
      PRAGMA busy_timeout = 5000;
      PRAGMA cache_size = -65536;
    `);
    migrate(db);
    return db;
  } catch (error) {
    if (db?.isOpen) db.close();
    throw storeProblemFrom(file, error) ?? error;
  }
}

/**
 * A second connection on the same store file, read-only: while an import's transaction is open on
 * the first, this one reads the store as last committed (WAL keeps the two apart), so the
 * console can find a lead and open its card during the import (main/api/dispatch.ts). Nothing is
 * migrated or checked here: the first connection did both, and node:sqlite refuses any write.
 * busy_timeout: a read waits rather than fail while another connection recovers the WAL;
 * the cache is the first connection's size, for the same searches.
 */
export function openReadOnlyDatabase(file: string): Database {
  let db: Database | null = null;
  try {
    db = new DatabaseSync(file, { readOnly: true });
    db.exec(`
      PRAGMA busy_timeout = 5000;
      PRAGMA cache_size = -65536;
    `);
    return db;
  } catch (error) {
    if (db?.isOpen) db.close();
    throw storeProblemFrom(file, error) ?? error;
  }
}

/**
 * Runs work inside one transaction: all of it lands or none of it does.
 * Nested calls join the outer transaction through a savepoint.
 */
export function transaction<T>(db: Database, work: () => T): T {
  if (db.isTransaction) {
    const name = `sp_${++savepointCounter}`;
    db.exec(`SAVEPOINT ${name}`);
    try {
      const result = work();
      db.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      if (db.isTransaction) db.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw error;
    }
  }
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    // A failed statement may already have ended the transaction; rolling back again would
    // throw and hide the error that matters.
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

let savepointCounter = 0;
