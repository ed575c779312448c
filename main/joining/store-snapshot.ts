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
 * one file is all of it, read, and removed. A store over what a team server takes is a sentence
 * here, before anything is sent: told from its pages in use before anything is copied (a copy of
 * a store many times the limit would fill the disk for nothing), and from the copy's size after.
 */
export async function storeSnapshot(storeFile: string): Promise<Uint8Array> {
  const source = new DatabaseSync(storeFile, { readOnly: true });
  let folder: string | null = null;
  try {
    const inUse = bytesInUse(source);
    if (inUse > MAX_STORE_BYTES) throw new ApiError('invalid-input', storeTooLargeSentence(inUse));
    // Every lead's contact details: for this user's eyes only, like the store.
    folder = mkdtempSync(join(tmpdir(), 'nextcall-upload-'));
    const copy = join(folder, 'nextcall.sqlite');
    source.exec(`VACUUM INTO '${copy.replaceAll("'", "''")}'`);
    source.close();
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
    if (source.isOpen) source.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
}

/** The store's pages that hold something (its free pages are left out of a copy): about the size of its copy. */
function bytesInUse(db: DatabaseSync): number {
  const pragma = (name: string) => Object.values(db.prepare(`PRAGMA ${name}`).get() as Record<string, number>)[0]!;
  return (pragma('page_count') - pragma('freelist_count')) * pragma('page_size');
}
