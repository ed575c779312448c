import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { columnMappingSchema } from '../../shared/api.ts';
import { UsageError } from '../runtime-options.ts';
import { writeOutFile } from './out-file.ts';

/** The files a command reads and writes, each mistake a sentence. */

export async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch {
    throw new UsageError(`Cannot read ${file}: no such file, or no permission to read it.`);
  }
}

/** The command's FILE argument as the API takes a file: its name and its bytes in base64. */
export async function fileArgument(command: string, args: string[], example: string): Promise<{ fileName: string; data: string }> {
  const [file] = args;
  if (!file) throw new UsageError(`${command} needs a file: npm run cli -- ${command} ${example}`);
  return { fileName: basename(file), data: (await readBytes(file)).toString('base64') };
}

/** The command's FILE argument as text (a script, dispositions, a summary). */
export async function textArgument(command: string, file: string | undefined): Promise<{ fileName: string; text: string }> {
  if (!file) throw new UsageError(`${command} needs a file: npm run cli -- ${command} FILE`);
  return { fileName: basename(file), text: (await readBytes(file)).toString('utf8') };
}

/** The first argument as an id (an import's, a lead's). */
export function idArgument(args: string[], problem: string): number {
  const id = Number(args[0]);
  if (!Number.isInteger(id) || id < 1) throw new UsageError(problem);
  return id;
}

export async function readMapping(file: string) {
  let json: unknown;
  try {
    json = JSON.parse((await readBytes(file)).toString('utf8'));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file} is not valid JSON: write it as {"phone": "Tel. Nr", "company": "Firma"}.`);
  }
  const parsed = columnMappingSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${file} is not a column mapping: ${issue?.path.join('.') || 'the file'}: ${issue?.message}.`);
  }
  return parsed.data;
}

/** A file's content to stdout (returned, for the runner to print), or written whole to --out. */
export async function printOrWrite(out: string | undefined, content: string): Promise<string | undefined> {
  if (!out) return content;
  await writeOutFile(out, [content]);
  console.error(`Written to ${out}`);
  return undefined;
}
