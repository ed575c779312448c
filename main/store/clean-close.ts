import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { PRIVATE_FILE_MODE } from './private-files.ts';
import { DAY_MS } from '../../shared/time-units.ts';

/**
 * What the store looked like when Nextcall last closed it cleanly, so the next start can tell
 * whether anything could have damaged it since, and skip the whole-file check when nothing could.
 *
 * Why: PRAGMA quick_check reads every page of the store, 257–645 ms on a 100,000-lead store on
 * the machine this was measured on (more than the rest of a start together), and grows with the store.
 * A store damaged between two runs of Nextcall is damaged in one of three ways, and each leaves a
 * trace this record sees:
 *   - Nextcall (or the machine) stopped mid-write: the record is removed when the store is opened
 *     and written back only on a clean close, so after a crash there is none; SQLite's -wal file
 *     left behind says the same.
 *   - Something else wrote the file (a copy cut short, a sync tool, a restore by hand, an editor):
 *     its size, modification time, inode or the header's change counter differ from the record.
 *   - The disk itself (a bad sector): nothing on the file changes, so the full check runs anyway
 *     once FULL_CHECK_EVERY_MS has passed since the last one; and every start's backup reads the
 *     whole store and checks its copy in the background, which names such a store within the day.
 * A cheap check runs on every open all the same: the header is read and matched against the
 * file's size, and SQLite reads the schema (store-check.ts).
 */
export const CLEAN_CLOSE_SUFFIX = '-closed.json';

/** A week: the longest a store goes without its whole-file check when nothing else asks for one. */
export const FULL_CHECK_EVERY_MS = 7 * DAY_MS;

export interface FileMark {
  size: number;
  mtimeMs: number;
  ino: number;
  /** The header's file change counter (offset 24), bumped by SQLite on every committed change outside WAL. */
  changeCounter: number;
}

export interface CleanClose extends FileMark {
  /** When the store last passed a whole-file check (quick_check or integrity_check). */
  fullCheckAt: number;
}

export function cleanCloseFile(storeFile: string): string {
  return `${storeFile}${CLEAN_CLOSE_SUFFIX}`;
}

/** The record of the last clean close, or null (never closed cleanly, or the record is unreadable). */
export function readCleanClose(storeFile: string): CleanClose | null {
  try {
    const record = JSON.parse(readFileSync(cleanCloseFile(storeFile), 'utf8')) as Partial<CleanClose>;
    const fields = [record.size, record.mtimeMs, record.ino, record.changeCounter, record.fullCheckAt];
    return fields.every((value) => typeof value === 'number' && Number.isFinite(value)) ? (record as CleanClose) : null;
  } catch {
    return null;
  }
}

/** Called once the store is open: until it is closed cleanly, the next start checks it whole. */
export function forgetCleanClose(storeFile: string): void {
  rmSync(cleanCloseFile(storeFile), { force: true });
}

/**
 * Called after the last connection is closed. Only a close that merged the WAL into the store
 * (no -wal file left, as SQLite does when the last connection closes) counts as clean: with a
 * WAL left, another process still has the store open and may yet stop mid-write.
 */
export function recordCleanClose(storeFile: string, fullCheckAt: number): void {
  if (!existsSync(storeFile) || walInUse(storeFile)) return;
  const record: CleanClose = { ...fileMark(storeFile), fullCheckAt };
  writeFileSync(cleanCloseFile(storeFile), `${JSON.stringify(record)}\n`, { mode: PRIVATE_FILE_MODE });
}

/**
 * Why the store needs its whole-file check now, or null when the clean close's record vouches
 * for it: the same file, untouched since, checked whole within FULL_CHECK_EVERY_MS.
 */
export function whyCheckWhole(storeFile: string, record: CleanClose | null, now: number): string | null {
  if (!record) return 'no clean close on record';
  if (walInUse(storeFile)) return 'a write-ahead log was left behind';
  const mark = fileMark(storeFile);
  if (mark.size !== record.size || mark.mtimeMs !== record.mtimeMs || mark.ino !== record.ino || mark.changeCounter !== record.changeCounter) {
    return 'the file changed since Nextcall closed it';
  }
  if (!(now - record.fullCheckAt < FULL_CHECK_EVERY_MS) || record.fullCheckAt > now) return 'the last whole-file check is a week old';
  return null;
}

/**
 * The header's own account of the file, checked on every open (a hundred bytes, no page read):
 * SQLite's signature, a page size it could have written, and, when the header's page count is
 * current (offset 92 equals the change counter), a file exactly that many pages long. Returns
 * what is wrong, or null.
 */
export function headerProblem(storeFile: string): string | null {
  const header = readHeader(storeFile);
  if (header.length < 100 || header.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0') return 'file is not a database; its header is damaged';
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return 'its header gives an impossible page size';
  const pages = header.readUInt32BE(28);
  const counterCurrent = header.readUInt32BE(92) === header.readUInt32BE(24);
  const size = statSync(storeFile).size;
  if (counterCurrent && pages > 0 && !walInUse(storeFile) && size !== pages * pageSize) {
    return `its header says ${pages} pages of ${pageSize} bytes, the file holds ${size} bytes`;
  }
  return null;
}

function fileMark(storeFile: string): FileMark {
  const stat = statSync(storeFile);
  const header = readHeader(storeFile);
  return { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, changeCounter: header.length >= 28 ? header.readUInt32BE(24) : -1 };
}

function readHeader(storeFile: string): Buffer {
  const fd = openSync(storeFile, 'r');
  try {
    const header = Buffer.alloc(100);
    const read = readSync(fd, header, 0, 100, 0);
    return header.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

function walInUse(storeFile: string): boolean {
  const wal = `${storeFile}-wal`;
  return existsSync(wal) && statSync(wal).size > 0;
}
