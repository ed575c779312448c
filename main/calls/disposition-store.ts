import { z } from 'zod';
import { ApiError } from '../../shared/api-error.ts';
import { DEFAULT_DISPOSITIONS, dispositionSchema, type Disposition, type ListedDisposition } from '../../shared/dispositions.ts';
import { readYaml } from '../scripts/read-yaml.ts';
import { transaction, type Database } from '../store/database.ts';
import { cachedStatement } from '../store/statement-cache.ts';

/**
 * Dispositions are data a team lead edits: add, rename, re-key, retire, or replace them all from
 * a file. A retired one is never offered again, but the calls logged with it keep its code and
 * label. A store starts with the defaults.
 */
export function ensureDefaultDispositions(db: Database): void {
  const { n } = cachedStatement(db, 'SELECT count(*) AS n FROM dispositions').get() as { n: number };
  if (n === 0) transaction(db, () => DEFAULT_DISPOSITIONS.forEach((d, i) => write(db, d, i)));
}

function write(db: Database, d: Disposition, position: number): void {
  cachedStatement(
    db,
    `INSERT INTO dispositions (code, position, definition, hotkey, retired_at) VALUES (?, ?, ?, ?, NULL)
     ON CONFLICT (code) DO UPDATE SET position = excluded.position, definition = excluded.definition, hotkey = excluded.hotkey, retired_at = NULL`,
  ).run(d.code, position, JSON.stringify(d), d.hotkey);
}

export function listDispositions(db: Database): ListedDisposition[] {
  const rows = cachedStatement(db, 'SELECT definition, retired_at FROM dispositions ORDER BY retired_at IS NOT NULL, position').all() as {
    definition: string;
    retired_at: number | null;
  }[];
  return rows.map((r) => ({ ...(JSON.parse(r.definition) as Disposition), retired: r.retired_at !== null }));
}

export function activeDispositions(db: Database): Disposition[] {
  return listDispositions(db)
    .filter((d) => !d.retired)
    .map(({ retired: _retired, ...d }) => d);
}

/** Adds a disposition or changes one (its label, its key, its effects). */
export function saveDisposition(db: Database, disposition: Disposition): ListedDisposition[] {
  return transaction(db, () => {
    const clash = activeDispositions(db).find((d) => d.hotkey === disposition.hotkey && d.code !== disposition.code);
    if (clash) throw new ApiError('conflict', `The key ${disposition.hotkey} already logs "${clash.label}".`);
    const existing = cachedStatement(db, 'SELECT position FROM dispositions WHERE code = ?').get(disposition.code) as { position: number } | undefined;
    const { next } = cachedStatement(db, 'SELECT coalesce(max(position), -1) + 1 AS next FROM dispositions').get() as { next: number };
    write(db, disposition, existing?.position ?? next);
    return listDispositions(db);
  });
}

export function retireDisposition(db: Database, code: string, now: number): ListedDisposition[] {
  return transaction(db, () => {
    const changed = cachedStatement(db, 'UPDATE dispositions SET retired_at = ?, hotkey = NULL WHERE code = ? AND retired_at IS NULL').run(now, code);
    if (changed.changes === 0) throw new ApiError('not-found', `There is no disposition "${code}" in use.`);
    if (activeDispositions(db).length === 0) throw new ApiError('conflict', 'At least one disposition must stay in use.');
    return listDispositions(db);
  });
}

const fileSchema = z.array(dispositionSchema).min(1).max(36);

/**
 * Replaces the dispositions in use with a file's (YAML or JSON: a list). Those the file does not
 * name are retired; the file's order is the bar's order. A bad file changes nothing.
 */
export function importDispositions(db: Database, text: string, fileName: string, now: number): ListedDisposition[] {
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
  return transaction(db, () => {
    cachedStatement(db, 'UPDATE dispositions SET retired_at = ?, hotkey = NULL WHERE retired_at IS NULL').run(now);
    list.forEach((d, i) => write(db, d, i));
    return listDispositions(db);
  });
}
