import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { backupsFolder, listBackups } from './backups.ts';
import { headerProblem, readCleanClose, whyCheckWhole } from './clean-close.ts';
import { migrations } from './migrations.ts';
import { sqliteErrorCode, storeErrorCode, storeErrorSentence } from './store-errors.ts';

/**
 * The store is checked before anything writes to it. A damaged file is named in one sentence,
 * with what to do, and left exactly as it is: SQLite would otherwise take a zero-byte file for
 * a new store, and a damaged one would open and then fail call after call.
 */
const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;

export type StoreProblemKind = 'empty' | 'damaged' | 'read-only' | 'newer';

export class StoreProblem extends Error {
  readonly file: string;
  readonly kind: StoreProblemKind;
  /** What is wrong, without the remedy: "The lead store FILE is damaged (…), so Nextcall did not open it". */
  readonly summary: string;
  /** The integrity check's own findings, for `check`. */
  readonly findings: string[];

  constructor(file: string, kind: StoreProblemKind, summary: string, remedy: string, findings: string[] = []) {
    super(`${summary}: ${remedy}.`);
    this.name = 'StoreProblem';
    this.file = file;
    this.kind = kind;
    this.summary = summary;
    this.findings = findings;
  }
}

export interface StoreHealth {
  file: string;
  /** 'new' when there is no store yet (it will be made). */
  state: 'sound' | 'new';
  /** 'header': the clean close's record vouched for the file, so only the cheap check ran (clean-close.ts). */
  check: 'quick_check' | 'integrity_check' | 'header';
  /** When the store last passed a whole-file check (a new store: now), when the opener gave the time. */
  fullCheckAt: number | null;
}

/**
 * Reads the store without writing to it; throws StoreProblem when it must not be opened.
 * Given `now` (the opener's clock), the whole-file check is skipped when the record of the last
 * clean close vouches for the file (clean-close.ts says why that is safe); the cheap check runs
 * always. Without it (restore, backups) or `thorough` (the CLI's check), the whole file is read.
 */
export function checkStoreFile(file: string, { thorough = false, now }: { thorough?: boolean; now?: number } = {}): StoreHealth {
  const folder = dirname(file);
  if (!existsSync(file)) {
    if (!writable(nearestExisting(folder))) throw readOnly(file);
    return { file, state: 'new', check: thorough ? 'integrity_check' : 'quick_check', fullCheckAt: now ?? null };
  }
  // SQLite takes an empty file for a new store and would fill it; a store that was emptied
  // (a bad copy, a sync tool) must be restored instead. An empty file beside a WAL is a store
  // whose first pages are still in the WAL: SQLite reads it whole.
  if (statSync(file).size === 0 && !(existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0)) {
    throw new StoreProblem(file, 'empty', `The lead store ${file} is empty (0 bytes), so Nextcall did not open it and left it as it is`, restoreRemedy(file, 'or delete the empty file to start a new, empty store'));
  }
  // WAL writes files beside the store: the folder must be writable too.
  if (!writable(file) || !writable(folder)) throw readOnly(file);

  const record = now === undefined || thorough ? null : readCleanClose(file);
  const vouched = record !== null && whyCheckWhole(file, record, now!) === null;
  const check = thorough ? 'integrity_check' : vouched ? 'header' : 'quick_check';
  let db: DatabaseSync | null = null;
  try {
    if (check === 'header') {
      const problem = headerProblem(file);
      if (problem) throw damaged(file, problem);
    }
    db = new DatabaseSync(file, { readOnly: true });
    // The cheap check still has SQLite read the header and the whole schema.
    let findings: string[] = [];
    if (check === 'header') db.prepare('SELECT count(*) AS n FROM sqlite_schema').get();
    else findings = integrityFindings(db, check);
    if (findings.length) throw damaged(file, `its ${check.replace('_', ' ')} found ${findings.length >= 100 ? '100 or more' : findings.length} problem${findings.length === 1 ? '' : 's'}, the first: ${findings[0]}`, findings);
    const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
    if (version > LATEST_SCHEMA_VERSION) {
      throw new StoreProblem(
        file,
        'newer',
        `The lead store ${file} was written by a newer Nextcall (schema ${version}; this one knows ${LATEST_SCHEMA_VERSION}), so this one did not open it`,
        restoreRemedy(file, 'or update Nextcall'),
      );
    }
  } catch (error) {
    if (error instanceof StoreProblem) throw error;
    const code = sqliteErrorCode(error);
    if (code === 26) throw damaged(file, 'SQLite says: file is not a database; its header is damaged');
    if (code !== null && (code & 0xff) === 11) throw damaged(file, 'SQLite says: database disk image is malformed');
    if (code !== null && [8, 14].includes(code & 0xff)) throw readOnly(file);
    throw error;
  } finally {
    db?.close();
  }
  return { file, state: 'sound', check, fullCheckAt: check === 'header' ? record!.fullCheckAt : (now ?? null) };
}

/** What SQLite's check found, a line each (none: the store is sound). */
export function integrityFindings(db: DatabaseSync, check: 'quick_check' | 'integrity_check'): string[] {
  const rows = db.prepare(`PRAGMA ${check}(100)`).all() as Record<string, string>[];
  const lines = rows.flatMap((row) => String(Object.values(row)[0]).split('\n'));
  if (lines.length === 1 && lines[0] === 'ok') return [];
  return lines.filter((line) => line.trim() && !line.startsWith('***'));
}

/** The sentence for an error met while opening the store after its check (a read-only folder, say), or null. */
export function storeProblemFrom(file: string, error: unknown): StoreProblem | null {
  if (error instanceof StoreProblem) return error;
  const code = sqliteErrorCode(error);
  const fsCode = (error as { code?: unknown } | null)?.code;
  if ((code !== null && [8, 14].includes(code & 0xff)) || fsCode === 'EACCES' || fsCode === 'EROFS' || fsCode === 'EPERM') return readOnly(file);
  if (code !== null && [11, 26].includes(code & 0xff)) return damaged(file, 'SQLite says: database disk image is malformed');
  return null;
}

function damaged(file: string, why: string, findings: string[] = []): StoreProblem {
  return new StoreProblem(file, 'damaged', `The lead store ${file} is damaged (${why}), so Nextcall did not open it and left it as it is`, restoreRemedy(file), findings);
}

function readOnly(file: string): StoreProblem {
  return new StoreProblem(
    file,
    'read-only',
    `Nextcall cannot write to its lead store ${file}: the file or its folder is read-only`,
    `give your user write permission on ${dirname(file)} (and on ${basename(file)} in it), then start Nextcall again`,
  );
}

/** What to do: restore the newest backup, named, with the command that does it. */
function restoreRemedy(file: string, orElse?: string): string {
  const dataDir = dirname(file);
  const newest = listBackups(dataDir).backups[0];
  const restore = newest
    ? `restore a backup, the newest with "npm run cli -- restore ${newest.fileName} --data-dir ${dataDir}" (taken ${newest.takenAt.slice(0, 16).replace('T', ' ')} UTC; the others are in ${backupsFolder(dataDir)})`
    : `restore a backup with "npm run cli -- restore FILE --data-dir ${dataDir}" (there is none in ${backupsFolder(dataDir)} yet)`;
  return `${restore}, which keeps this file aside${orElse ? `, ${orElse}` : ''}`;
}

/** The folder itself, or the closest parent that exists (the one a new data folder is made in). */
function nearestExisting(folder: string): string {
  let current = folder;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The sentence a shell prints when the store stops it from starting, or null for any other error. */
export function storeStartupMessage(error: unknown): string | null {
  if (error instanceof StoreProblem) return error.message;
  const code = storeErrorCode(error);
  return code === null ? null : storeErrorSentence(code);
}
