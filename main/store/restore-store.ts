import { copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { ApiError } from '../../shared/api-error.ts';
import type { RestoreReport } from '../../shared/backups.ts';
import type { Clock } from '../clock.ts';
import { backupFileName, backupsFolder, parseBackupName, takeBackup } from './backups.ts';
import { migrations } from './migrations.ts';
import { checkStoreFile, integrityFindings, StoreProblem } from './store-check.ts';
import { sqliteErrorCode } from './store-errors.ts';

const ALL_PAGES = 2 ** 31 - 1;
const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;

export interface StoreLocation {
  storeFile: string;
  dataDir: string;
  clock: Clock;
  /** True when this process has the store open (the console): it is written over in place, never removed. */
  inUse: boolean;
}

/**
 * Brings a backup back as the store. The backup is checked whole first (integrity_check) and
 * nothing changes if it fails. The current store is never lost: a sound one is backed up first
 * ("before-restore"), a damaged one is copied aside as it is. The backup is then written into
 * the store with SQLite's backup API, which any other connection open on it sees at once.
 */
export async function restoreStore(at: StoreLocation, candidate: string): Promise<RestoreReport> {
  const restored = checkBackupFile(candidate);
  let keptAside: RestoreReport['keptAside'] = null;
  if (existsSync(at.storeFile)) {
    let sound = true;
    try {
      checkStoreFile(at.storeFile);
    } catch (error) {
      // Read-only: nothing can be restored there either, and the sentence says what to do.
      if (!(error instanceof StoreProblem) || error.kind === 'read-only') throw error;
      sound = false;
    }
    keptAside = sound ? await takeBackup(at.storeFile, at.dataDir, at.clock, 'before-restore', { prune: false }) : setDamagedAside(at);
  }
  const source = new DatabaseSync(candidate, { readOnly: true });
  try {
    await backup(source, at.storeFile, { rate: ALL_PAGES });
  } finally {
    source.close();
  }
  return { restored, keptAside };
}

/** Checks a file is a sound Nextcall store this version can open; says why not in a sentence. */
export function checkBackupFile(file: string): RestoreReport['restored'] {
  const name = basename(file);
  if (!existsSync(file)) throw new ApiError('not-found', `There is no backup ${file}.`);
  const { size, mtimeMs } = statSync(file);
  if (size === 0) throw new ApiError('invalid-input', `${name} is empty (0 bytes): choose another backup.`);
  let db: DatabaseSync | null = null;
  try {
    db = new DatabaseSync(file, { readOnly: true });
    const findings = integrityFindings(db, 'integrity_check');
    if (findings.length) throw new ApiError('invalid-input', `${name} is damaged (its integrity check found ${findings.length >= 100 ? '100 or more' : findings.length} problem${findings.length === 1 ? '' : 's'}, the first: ${findings[0]}): choose another backup.`);
    const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
    const hasLeads = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'leads'").get() !== undefined;
    if (version === 0 || !hasLeads) throw new ApiError('invalid-input', `${name} is a SQLite database, but not a Nextcall lead store: choose one of Nextcall's backups.`);
    if (version > LATEST_SCHEMA_VERSION) throw new ApiError('invalid-input', `${name} was written by a newer Nextcall (schema ${version}; this one knows ${LATEST_SCHEMA_VERSION}): update Nextcall first.`);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const code = sqliteErrorCode(error);
    if (code !== null && [11, 26].includes(code & 0xff)) throw new ApiError('invalid-input', `${name} is not a sound Nextcall store (SQLite says: ${(error as Error).message}): choose another backup.`);
    throw error;
  } finally {
    db?.close();
  }
  return { fileName: name, takenAt: parseBackupName(name)?.takenAt ?? new Date(mtimeMs).toISOString(), bytes: size };
}

/**
 * A damaged store cannot be backed up page by page: its files are copied aside as they are
 * (for whoever wants to rescue something from it). Not in use, they are then removed, so the
 * backup is written into a fresh file rather than over a broken header.
 */
function setDamagedAside(at: StoreLocation): { fileName: string; damaged: true } {
  const folder = backupsFolder(at.dataDir);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const fileName = backupFileName(at.dataDir, at.clock.now(), 'damaged');
  copyFileSync(at.storeFile, join(folder, fileName));
  if (existsSync(`${at.storeFile}-wal`) && statSync(`${at.storeFile}-wal`).size > 0) copyFileSync(`${at.storeFile}-wal`, join(folder, `${fileName}-wal`));
  if (!at.inUse) for (const suffix of ['', '-wal', '-shm']) rmSync(`${at.storeFile}${suffix}`, { force: true });
  return { fileName, damaged: true };
}
