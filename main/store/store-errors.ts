import { ApiError, type StoreErrorCode } from '../../shared/api-error.ts';

/**
 * SQLite's own failures, said once, in words a rep can act on. Every adapter reaches the core
 * through the dispatcher, which asks here before it falls back to "internal": so the console,
 * the web host and the CLI say the same sentence, and never `database is locked` with a stack.
 * In each case SQLite rolled the statement back: nothing was half-written.
 */

// Primary result codes (https://sqlite.org/rescode.html); node:sqlite reports extended ones in `errcode`.
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_READONLY = 8;
const SQLITE_IOERR = 10;
const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;
const SQLITE_NOTADB = 26;
/** SQLITE_IOERR_NOSPC: a write the file system refused for want of space. */
const SQLITE_IOERR_NOSPC = SQLITE_IOERR | (25 << 8);

const SENTENCES: Record<StoreErrorCode, string> = {
  'store-busy':
    'The lead store is busy: another Nextcall (an import from the command line, say) is writing to it. Nothing was saved; try again in a moment.',
  'store-full': 'The disk that holds the lead store is full. Nothing was saved; free some space on it, then try again.',
  'store-read-only':
    'The lead store cannot be written: its file or its folder is read-only. Nothing was saved; give your user write permission on the data folder, then try again.',
  'store-damaged':
    'The lead store is damaged. Nothing was saved; restore a backup in Settings, Backups (the damaged store is kept aside), or with npm run cli -- restore FILE.',
};

/** The SQLite result code of an error node:sqlite threw, or null for any other error. */
export function sqliteErrorCode(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  return code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number' ? errcode : null;
}

/** Which store condition an error is, if it is one. */
export function storeErrorCode(error: unknown): StoreErrorCode | null {
  const code = sqliteErrorCode(error);
  if (code === null) return null;
  if (code === SQLITE_IOERR_NOSPC) return 'store-full';
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return 'store-busy';
    case SQLITE_FULL:
      return 'store-full';
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
      return 'store-read-only';
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return 'store-damaged';
    default:
      return null;
  }
}

/** The sentence for a store condition. */
export function storeErrorSentence(code: StoreErrorCode): string {
  return SENTENCES[code];
}

/** The ApiError an adapter returns for a store failure, or null when the error is something else. */
export function storeFailure(error: unknown): ApiError | null {
  const code = storeErrorCode(error);
  return code === null ? null : new ApiError(code, SENTENCES[code]);
}
