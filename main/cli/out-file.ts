import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileProblem, writeExportFile } from '../leads/export-file.ts';
import { UsageError } from '../runtime-options.ts';

/**
 * Where the CLI writes --out (whole, or not at all: see writeExportFile). The usual mistakes are
 * caught before anything is written, and whatever goes wrong is a sentence, never a stack trace.
 */
export async function writeOutFile(path: string, pieces: Iterable<string> | AsyncIterable<string>): Promise<void> {
  const target = resolve(path);
  const folder = dirname(target);
  const folderStat = await stat(folder).catch(() => null);
  if (!folderStat) throw new UsageError(`Cannot write ${path}: the folder ${folder} does not exist. Create it first, or choose another --out.`);
  if (!folderStat.isDirectory()) throw new UsageError(`Cannot write ${path}: ${folder} is a file, not a folder. Choose another --out.`);
  if ((await stat(target).catch(() => null))?.isDirectory()) throw new UsageError(`Cannot write ${path}: it is a folder. Give a file name, e.g. --out ${join(path, 'export.csv')}.`);

  try {
    await writeExportFile(target, pieces);
  } catch (error) {
    throw new UsageError(outProblem(path, error));
  }
}

/** Writes to stdout at the pace the reader takes it (a pipe into a slow consumer, a file). */
export async function writeStdout(pieces: Iterable<string> | AsyncIterable<string>): Promise<void> {
  for await (const piece of pieces) {
    if (!process.stdout.write(piece)) await once(process.stdout, 'drain');
  }
}

/** What a failed write means, in words. */
export function outProblem(path: string, error: unknown): string {
  return error instanceof UsageError ? error.message : fileProblem(path, error, 'Choose another --out.');
}
