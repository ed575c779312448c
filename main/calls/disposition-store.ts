import { z } from 'zod';
import { ApiError } from '../../shared/api-error.ts';
import { dispositionSchema, type Disposition, type ListedDisposition } from '../../shared/dispositions.ts';
import { readYaml } from '../scripts/read-yaml.ts';
import type { Queryable, SqlValue } from '../store/seam/store.ts';

/**
 * Dispositions are data a team lead edits: add, rename, re-key, retire, or replace them all from
 * a file. A retired one is never offered again, but the calls logged with it keep its code and
 * label. A store starts with the defaults (main/store-seed.ts). On the store seam: a rep's own
 * file or the team's database.
 */
export const WRITE_DISPOSITION = `INSERT INTO dispositions (code, position, definition, hotkey, retired_at) VALUES (?, ?, ?, ?, NULL)
     ON CONFLICT (code) DO UPDATE SET position = excluded.position, definition = excluded.definition, hotkey = excluded.hotkey, retired_at = NULL`;

export function dispositionParams(d: Disposition, position: number): SqlValue[] {
  return [d.code, position, JSON.stringify(d), d.hotkey];
}

export const LIST_DISPOSITIONS = 'SELECT definition, retired_at FROM dispositions ORDER BY retired_at IS NOT NULL, position';

export type DispositionRow = { definition: string; retired_at: number | null };

export function listedDispositions(rows: readonly DispositionRow[]): ListedDisposition[] {
  return rows.map((r) => ({ ...(JSON.parse(r.definition) as Disposition), retired: r.retired_at !== null }));
}

export function inUse(listed: readonly ListedDisposition[]): Disposition[] {
  return listed.filter((d) => !d.retired).map(({ retired: _retired, ...d }) => d);
}

export async function listDispositions(q: Queryable): Promise<ListedDisposition[]> {
  return listedDispositions(await q.all<DispositionRow>(LIST_DISPOSITIONS));
}

export async function activeDispositions(q: Queryable): Promise<Disposition[]> {
  return inUse(await listDispositions(q));
}

/** Adds a disposition or changes one (its label, its key, its effects). */
export function saveDisposition(q: Queryable, disposition: Disposition): Promise<ListedDisposition[]> {
  return q.transaction(async (tx) => {
    const clash = (await activeDispositions(tx)).find((d) => d.hotkey === disposition.hotkey && d.code !== disposition.code);
    if (clash) throw new ApiError('conflict', `The key ${disposition.hotkey} already logs "${clash.label}".`);
    const existing = await tx.one<{ position: number }>('SELECT position FROM dispositions WHERE code = ?', [disposition.code]);
    const { next } = (await tx.one<{ next: number }>('SELECT coalesce(max(position), -1) + 1 AS next FROM dispositions'))!;
    await tx.run(WRITE_DISPOSITION, dispositionParams(disposition, existing?.position ?? next));
    return listDispositions(tx);
  });
}

export function retireDisposition(q: Queryable, code: string, now: number): Promise<ListedDisposition[]> {
  return q.transaction(async (tx) => {
    const changed = await tx.run('UPDATE dispositions SET retired_at = ?, hotkey = NULL WHERE code = ? AND retired_at IS NULL', [now, code]);
    if (changed.changes === 0) throw new ApiError('not-found', `There is no disposition "${code}" in use.`);
    if ((await activeDispositions(tx)).length === 0) throw new ApiError('conflict', 'At least one disposition must stay in use.');
    return listDispositions(tx);
  });
}

const fileSchema = z.array(dispositionSchema).min(1).max(36);

/**
 * Replaces the dispositions in use with a file's (YAML or JSON: a list). Those the file does not
 * name are retired; the file's order is the bar's order. A bad file changes nothing.
 */
export async function importDispositions(q: Queryable, text: string, fileName: string, now: number): Promise<ListedDisposition[]> {
  const read = readYaml(text);
  if (!read.ok) {
    const [problem] = read.problems;
    throw new ApiError('invalid-input', `${fileName} is not readable YAML or JSON${problem?.line ? ` (line ${problem.line})` : ''}: ${problem?.message}. Nothing was changed.`, read.problems.map((p) => ({ path: p.line ? `line ${p.line}` : '(file)', message: p.message })));
  }
  const data = read.value;
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(file)', message: i.message }));
    throw new ApiError('invalid-input', `${fileName} is not a list of dispositions: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  const list = parsed.data;
  for (const key of ['code', 'hotkey'] as const) {
    const seen = new Set<string>();
    for (const d of list) {
      if (seen.has(d[key])) throw new ApiError('invalid-input', `${fileName} uses the ${key === 'code' ? 'code' : 'key'} "${d[key]}" twice.`);
      seen.add(d[key]);
    }
  }
  return q.transaction(async (tx) => {
    await tx.run('UPDATE dispositions SET retired_at = ?, hotkey = NULL WHERE retired_at IS NULL', [now]);
    for (const [i, d] of list.entries()) await tx.run(WRITE_DISPOSITION, dispositionParams(d, i));
    return listDispositions(tx);
  });
}
