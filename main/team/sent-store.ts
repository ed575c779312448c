import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../shared/api-error.ts';
import type { UploadReport } from '../../shared/store-upload.ts';
import { currentCaller } from '../people/caller.ts';
import { UsageError } from '../runtime-options.ts';
import type { Store } from '../store/seam/store.ts';
import { openRepStore } from './rep-store-file.ts';
import { uploadStore, type UploadOptions } from './store-upload.ts';

/**
 * A rep's store sent to the team server (Settings → Team in the rep's desktop app): its bytes,
 * never a path, since the server must not open a file a client names. They are written to a
 * folder of the server's own making (readable by this user only), opened there read-only as the
 * CLI opens a rep's file (an older store migrated on a copy, anything else a sentence), uploaded
 * with the same `uploadStore` (one transaction; a dry run rolls back), and the folder removed.
 * The calls are recorded under the account `as` names, or the signed-in team lead's own;
 * `onProgress` hears the leads written (the uploading console's progress, leads.ts).
 *
 * One at a time in a process: each holds a store of up to 100 MB in memory and on disk, and
 * reading it blocks the process (node:sqlite is synchronous), so a second waits its turn.
 */
export async function uploadSentStore(team: Store, bytes: Uint8Array, { as, dryRun, onProgress }: { as?: string | undefined; dryRun: boolean; onProgress?: UploadOptions['onProgress'] }): Promise<UploadReport> {
  const signedIn = currentCaller()?.person;
  // The door let only a signed-in team lead or admin this far.
  if (!signedIn) throw new ApiError('unauthorized', 'Sign in first: your session has ended or you have not signed in.');
  if (uploading) throw new ApiError('conflict', 'Another store is being uploaded to this team server right now: try again when it has finished. Nothing was uploaded.');
  uploading = true;
  try {
    return await uploadFromFolder(team, bytes, { as: as ?? signedIn.name, dryRun, ...(onProgress ? { onProgress } : {}) });
  } finally {
    uploading = false;
  }
}

let uploading = false;

async function uploadFromFolder(team: Store, bytes: Uint8Array, options: UploadOptions): Promise<UploadReport> {
  const folder = mkdtempSync(join(tmpdir(), 'nextcall-sent-store-'));
  try {
    const file = join(folder, 'nextcall.sqlite');
    writeFileSync(file, bytes, { mode: 0o600 });
    const rep = openRepStore(file, 'The store sent');
    try {
      return await uploadStore(team, rep.db, options);
    } finally {
      rep.close();
    }
  } catch (error) {
    // The sentences a team lead at the terminal reads: the same for one in Settings → Team.
    if (error instanceof UsageError) throw new ApiError('invalid-input', error.message);
    throw error;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
