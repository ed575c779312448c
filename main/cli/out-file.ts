import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UsageError } from '../runtime-options.ts';

/**
 * Where the CLI writes --out. The file is written beside its target under a temporary name and
 * renamed over it only once complete, so a failed or interrupted export never leaves half a file
 * where the last good one was. Whatever goes wrong is said in a sentence, never a stack trace.
 */
export async function writeOutFile(path: string, pieces: Iterable<string> | AsyncIterable<string>): Promise<void> {
  const target = resolve(path);
  const folder = dirname(target);
  const folderStat = await stat(folder).catch(() => null);
  if (!folderStat) throw new UsageError(`Cannot write ${path}: the folder ${folder} does not exist. Create it first, or choose another --out.`);
  if (!folderStat.isDirectory()) throw new UsageError(`Cannot write ${path}: ${folder} is a file, not a folder. Choose another --out.`);
  if ((await stat(target).catch(() => null))?.isDirectory()) throw new UsageError(`Cannot write ${path}: it is a folder. Give a file name, e.g. --out ${join(path, 'export.csv')}.`);

  const partial = join(folder, `.${basename(target)}.${process.pid}.partial`);
  try {
    await pipeline(Readable.from(pieces, { objectMode: false }), createWriteStream(partial, { flags: 'wx' }));
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw new UsageError(outProblem(path, error));
  }
}

/** Writes to stdout at the pace the reader takes it (a pipe into a slow consumer, a file). */
export async function writeStdout(pieces: Iterable<string> | AsyncIterable<string>): Promise<void> {
  for await (const piece of pieces) {
    if (!process.stdout.write(piece)) await once(process.stdout, 'drain');
  }
}

/** What a failed write means, in words. Errors that are not about the file are passed on as they are. */
export function outProblem(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `Cannot write ${path}: no permission to write in that folder. Choose another --out.`;
    case 'EROFS':
      return `Cannot write ${path}: that disk is read-only. Choose another --out.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `Cannot write ${path}: the disk is full. Free some space, or choose another --out; nothing was written.`;
    case 'ENOENT':
    case 'ENOTDIR':
      return `Cannot write ${path}: its folder does not exist. Create it first, or choose another --out.`;
    case 'EISDIR':
      return `Cannot write ${path}: it is a folder. Give a file name.`;
    case 'ENAMETOOLONG':
      return `Cannot write ${path}: the name is too long. Choose a shorter --out.`;
    default:
      if (error instanceof UsageError) return error.message;
      return `Cannot write ${path}: ${(error as Error)?.message ?? String(error)}.`;
  }
}
