import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ApiError } from '../../shared/api-error.ts';
import { MAX_STORE_BYTES, storeTooLargeSentence } from '../../shared/store-upload.ts';

/**
 * This computer's store as bytes to send to a team server (Settings → Team, "Upload this
 * computer's store"): a consistent copy taken through a read-only connection (`VACUUM INTO`, as
 * the console's own connection and its WAL are left as they are), compacted and out of WAL so the
 * one file is all of it, read, and removed. A copy over what a team server takes is a sentence
 * here, before anything is sent.
 */
export async function storeSnapshot(storeFile: string): Promise<Uint8Array> {
  // Every lead's contact details: for this user's eyes only, like the store.
  const folder = mkdtempSync(join(tmpdir(), 'nextcall-upload-'));
  try {
    const copy = join(folder, 'nextcall.sqlite');
    const source = new DatabaseSync(storeFile, { readOnly: true });
    try {
      source.exec(`VACUUM INTO '${copy.replaceAll("'", "''")}'`);
    } finally {
      source.close();
    }
    const plain = new DatabaseSync(copy);
    try {
      plain.exec('PRAGMA journal_mode = DELETE');
    } finally {
      plain.close();
    }
    const { size } = statSync(copy);
    if (size > MAX_STORE_BYTES) throw new ApiError('invalid-input', storeTooLargeSentence(size));
    return await readFile(copy);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
