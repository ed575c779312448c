import { ApiError } from '../../shared/api-error.ts';
import type { Script } from '../../shared/scripts/script-schema.ts';
import type { Queryable, SqlValue } from '../store/seam/store.ts';
import { parseScript } from './parse-script.ts';

/**
 * Scripts are versioned documents: importing a script with an id already known makes its next
 * version. One script is active: the console follows it. A file that does not validate changes
 * nothing, and the error names its line and field. A store starts with the built-in playbooks
 * (main/store-seed.ts). On the store seam: a rep's own file or the team's database.
 */
export interface StoredScript {
  id: string;
  version: number;
  name: string;
  active: boolean;
  importedAt: string;
}

export interface ActiveScript {
  id: string;
  version: number;
  script: Script;
}

export const INSERT_SCRIPT = 'INSERT INTO scripts (id, version, name, document, definition, imported_at) VALUES (?, ?, ?, ?, ?, ?)';

export function scriptParams(script: Script, version: number, text: string, now: number): SqlValue[] {
  return [script.id, version, script.name, text, JSON.stringify(script), now];
}

/** The one active script: these two statements, in this order, in one transaction. */
export const ACTIVATE_SCRIPT = ['UPDATE scripts SET active = 0 WHERE active = 1', 'UPDATE scripts SET active = 1 WHERE id = ? AND version = ?'] as const;

export function validateScript(text: string, fileName: string, dispositionCodes: readonly string[]): Script {
  const parsed = parseScript(text, dispositionCodes);
  if (parsed.ok) return parsed.script;
  const issues = parsed.problems.map((p) => ({ path: p.field, message: `${p.line === null ? '' : `line ${p.line}: `}${p.message}` }));
  throw new ApiError('invalid-input', `${fileName} is not a valid script: ${issues.map((i) => `${i.path} (${i.message})`).join('; ')}. Nothing was changed.`, issues);
}

export async function importScript(q: Queryable, text: string, fileName: string, dispositionCodes: readonly string[], now: number, activate = true): Promise<StoredScript> {
  const script = validateScript(text, fileName, dispositionCodes);
  return q.transaction(async (tx) => {
    const { version } = (await tx.one<{ version: number }>('SELECT coalesce(max(version), 0) + 1 AS version FROM scripts WHERE id = ?', [script.id]))!;
    await tx.run(INSERT_SCRIPT, scriptParams(script, version, text, now));
    if (activate) await activateScript(tx, script.id, version);
    return (await listScripts(tx)).find((s) => s.id === script.id && s.version === version)!;
  });
}

export function activateScript(q: Queryable, id: string, version?: number): Promise<void> {
  return q.transaction(async (tx) => {
    const row = await tx.one<{ version: number }>('SELECT version FROM scripts WHERE id = ? ORDER BY (version = ?) DESC, version DESC LIMIT 1', [id, version ?? -1]);
    if (!row || (version !== undefined && row.version !== version)) throw new ApiError('not-found', `There is no script "${id}"${version ? ` version ${version}` : ''}.`);
    await tx.run(ACTIVATE_SCRIPT[0]);
    await tx.run(ACTIVATE_SCRIPT[1], [id, row.version]);
  });
}

export async function listScripts(q: Queryable): Promise<StoredScript[]> {
  const rows = await q.all<{ id: string; version: number; name: string; active: number; imported_at: number }>(
    'SELECT id, version, name, active, imported_at FROM scripts ORDER BY id, version DESC',
  );
  return rows.map((r) => ({ id: r.id, version: r.version, name: r.name, active: r.active === 1, importedAt: new Date(r.imported_at).toISOString() }));
}

/** The script the console follows now, as validated when it was imported. */
export async function activeScript(q: Queryable): Promise<ActiveScript | null> {
  const row = await q.one<{ id: string; version: number; definition: string }>('SELECT id, version, definition FROM scripts WHERE active = 1');
  return row ? { id: row.id, version: row.version, script: JSON.parse(row.definition) as Script } : null;
}

export async function scriptDocument(q: Queryable, id: string, version?: number): Promise<{ fileName: string; mimeType: string; content: string }> {
  const row = await q.one<{ version: number; document: string }>('SELECT version, document FROM scripts WHERE id = ? ORDER BY (version = ?) DESC, version DESC LIMIT 1', [id, version ?? -1]);
  if (!row) throw new ApiError('not-found', `There is no script "${id}".`);
  return { fileName: `${id}-v${row.version}.yaml`, mimeType: 'application/yaml', content: row.document };
}
