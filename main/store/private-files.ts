import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The data folder holds every lead's name, email and phone number, so what Nextcall keeps there
 * is readable by the user who runs it and nobody else: folders 0700, files 0600. Anything that
 * writes into the data folder (the store, its backups, the preferences, an export) goes through
 * these helpers rather than fs's defaults, which give 0755 and 0644 under the usual umask.
 *
 * POSIX modes only: on Windows chmod cannot take read access away, and the user's profile
 * (%APPDATA%) is what keeps other accounts out.
 */
export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the folder (and any missing parents) for its owner only, or tightens it if it exists. */
export function ensurePrivateFolder(folder: string): void {
  // mkdir's mode applies to the folders it creates, and only after the umask; chmod settles it.
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  tightenPrivateTree(folder, { recursive: false });
}

/** Writes a file readable by its owner only; a file that was there before is tightened too. */
export async function writePrivateFile(file: string, data: string | Uint8Array): Promise<void> {
  await writeFile(file, data, { mode: PRIVATE_FILE_MODE });
  await chmod(file, PRIVATE_FILE_MODE);
}

/**
 * Tightens a file, or a folder and (unless told otherwise) everything under it: folders 0700,
 * files 0600, as an older version may have left them. A symbolic link is left alone, and so is
 * what it points at: the target may be anywhere on the disk. Something missing is not an error
 * (nothing to protect), nor is something another account owns (not ours to change: starting
 * anyway beats refusing to open the store).
 */
export function tightenPrivateTree(path: string, { recursive = true } = {}): void {
  let stat;
  try {
    stat = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (stat.isSymbolicLink()) return;
  const mode = stat.isDirectory() ? PRIVATE_FOLDER_MODE : stat.isFile() ? PRIVATE_FILE_MODE : null;
  if (mode === null) return;
  if ((stat.mode & 0o777) !== mode) {
    try {
      chmodSync(path, mode);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
    }
  }
  if (stat.isDirectory() && recursive) for (const entry of readdirSync(path)) tightenPrivateTree(join(path, entry));
}
