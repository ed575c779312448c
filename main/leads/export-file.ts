import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PRIVATE_FILE_MODE } from '../store/private-files.ts';

/**
 * An export written to a file, whatever its size: piece by piece, at the pace the disk takes it,
 * under a temporary name beside the target, renamed over it only once complete. A failed or
 * interrupted export never leaves half a file where the last good one was. Every lead's name,
 * email and number is in it, so it is its owner's only (0600), like everything in the data folder.
 */
export async function writeExportFile(path: string, pieces: Iterable<string> | AsyncIterable<string>): Promise<void> {
  const target = resolve(path);
  const partial = join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
  try {
    await pipeline(Readable.from(pieces, { objectMode: false }), createWriteStream(partial, { flags: 'wx', mode: PRIVATE_FILE_MODE }));
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** Why a file could not be written, in words; `advice` says what to do instead ("Choose another --out."). */
export function fileProblem(path: string, error: unknown, advice: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `Cannot write ${path}: no permission to write in that folder. ${advice}`;
    case 'EROFS':
      return `Cannot write ${path}: that disk is read-only. ${advice}`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `Cannot write ${path}: the disk is full; nothing was written. Free some space. ${advice}`;
    case 'ENOENT':
    case 'ENOTDIR':
      return `Cannot write ${path}: its folder does not exist. ${advice}`;
    case 'EISDIR':
      return `Cannot write ${path}: it is a folder. ${advice}`;
    case 'ENAMETOOLONG':
      return `Cannot write ${path}: the name is too long. ${advice}`;
    default:
      return `Cannot write ${path}: ${(error as Error | undefined)?.message ?? String(error)}.`;
  }
}
