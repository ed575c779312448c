import { join } from 'node:path';
import type { BackupInfo, BackupReason, RestoreReport } from '../shared/backups.ts';
import { createEventHub, type EventHub } from './api/event-hub.ts';
import type { Clock } from './clock.ts';
import { preparePrivateFolder, STORE_FILE, tightenPrivateEntries } from './data-dir.ts';
import type { PreferenceStore } from './preferences/preferences.ts';
import { eraseDeletedRecordings } from './phone/recordings.ts';
import { seedDatabase } from './store-seed.ts';
import { backupsFolder, takeBackup } from './store/backups.ts';
import { openDatabase, openReadOnlyDatabase, type Database } from './store/database.ts';
import { sqliteStore } from './store/seam/sqlite-store.ts';
import type { Store } from './store/seam/store.ts';
import { migrate } from './store/migrations.ts';
import { restoreStore } from './store/restore-store.ts';
import { checkStoreFile } from './store/store-check.ts';
import { forgetCleanClose, recordCleanClose } from './store/clean-close.ts';

/** Everything the services need, made once per process by whichever shell runs them. */
export interface Core {
  db: Database;
  /** The same store behind the async seam, for the modules already written against it (sessions). */
  store: Store;
  clock: Clock;
  prefs: PreferenceStore;
  events: EventHub;
  /** The data folder, and the store file in it (backups go in its backups/ folder). */
  dataDir: string;
  storeFile: string;
  /**
   * A read-only connection on the same file, and the store over it, opened the first time it is
   * asked for and closed with the core: it reads the store as last committed while an import's
   * transaction is open on `db` (main/api/dispatch.ts answers reads from it during an import).
   */
  readOnly(): ReadOnlyStore;
  close(): void;
}

export interface ReadOnlyStore {
  db: Database;
  store: Store;
}

export interface CoreOptions {
  dataDir: string;
  clock: Clock;
  prefs: PreferenceStore;
}

/** Opens the store (checked first: a damaged one throws a StoreProblem and is left untouched). */
export function openCore({ dataDir, clock, prefs }: CoreOptions): Core {
  const storeFile = join(dataDir, STORE_FILE);
  // First, before anything touches the data folder: a damaged store is left exactly as it is.
  // Whole, unless the record of its last clean close vouches for it (store/clean-close.ts).
  const checked = checkStoreFile(storeFile, { now: clock.now() });
  // Open from here on: a crash before close() leaves no record, so the next start checks it whole.
  forgetCleanClose(storeFile);
  // The store holds every lead's contact details: for this user's eyes only (data-dir.ts).
  preparePrivateFolder(dataDir);
  const db = openDatabase(storeFile, { checked });
  tightenPrivateEntries(dataDir);
  seedDatabase(db, clock.now());
  // Recordings whose rows went with a crash between the delete's commit and the erase: erased now.
  eraseDeletedRecordings(db, dataDir);
  let readOnly: ReadOnlyStore | null = null;
  return {
    db,
    store: sqliteStore(db),
    clock,
    prefs,
    events: createEventHub(),
    dataDir,
    storeFile,
    readOnly: () => {
      if (!readOnly) {
        const reader = openReadOnlyDatabase(storeFile);
        readOnly = { db: reader, store: sqliteStore(reader) };
      }
      return readOnly;
    },
    close: () => {
      if (readOnly?.db.isOpen) readOnly.db.close();
      readOnly = null;
      if (!db.isOpen) return;
      db.close();
      recordCleanClose(storeFile, checked.fullCheckAt ?? clock.now());
    },
  };
}

/** A backup of the open store, now. */
export function backUpCore(core: Core, reason: BackupReason): Promise<BackupInfo> {
  return takeBackup(core.storeFile, core.dataDir, core.clock, reason);
}

/**
 * Restores one of the store's backups (by its name in backups/) under the open core: the store
 * as it was is kept as a backup first, and the restored one is brought up to this version's schema.
 */
export async function restoreCore(core: Core, fileName: string): Promise<RestoreReport> {
  const report = await restoreStore({ storeFile: core.storeFile, dataDir: core.dataDir, clock: core.clock, inUse: true }, join(backupsFolder(core.dataDir), fileName));
  migrate(core.db);
  seedDatabase(core.db, core.clock.now());
  return report;
}
