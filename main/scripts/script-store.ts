import { ApiError } from '../../shared/api-error.ts';
import type { Script } from '../../shared/scripts/script-schema.ts';
import type { Database } from '../store/database.ts';
import { transaction } from '../store/database.ts';
import { parseScript } from './parse-script.ts';
import { BANT_PLAYBOOK, PERMISSION_PLAYBOOK } from './playbooks.ts';
import { cachedStatement } from '../store/statement-cache.ts';

/**
 * Scripts are versioned documents: importing a script with an id already known makes its next
 * version. One script is active: the console follows it. A file that does not validate changes
 * nothing, and the error names its line and field.
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

export function ensureBuiltInScripts(db: Database, dispositionCodes: readonly string[], now: number): void {
  const { n } = db.prepare('SELECT count(*) AS n FROM scripts').get() as { n: number };
  if (n > 0) return;
  transaction(db, () => {
    importScript(db, PERMISSION_PLAYBOOK, 'permission.yaml', dispositionCodes, now, false);
    importScript(db, BANT_PLAYBOOK, 'bant.yaml', dispositionCodes, now, true);
  });
}

export function validateScript(text: string, fileName: string, dispositionCodes: readonly string[]): Script {
  const parsed = parseScript(text, dispositionCodes);
  if (parsed.ok) return parsed.script;
  const issues = parsed.problems.map((p) => ({ path: p.field, message: `${p.line === null ? '' : `line ${p.line}: `}${p.message}` }));
  throw new ApiError('invalid-input', `${fileName} is not a valid script: ${issues.map((i) => `${i.path} (${i.message})`).join('; ')}. Nothing was changed.`, issues);
}

export function importScript(db: Database, text: string, fileName: string, dispositionCodes: readonly string[], now: number, activate = true): StoredScript {
  const script = validateScript(text, fileName, dispositionCodes);
  return transaction(db, () => {
    const { version } = db.prepare('SELECT coalesce(max(version), 0) + 1 AS version FROM scripts WHERE id = ?').get(script.id) as { version: number };
    db.prepare('INSERT INTO scripts (id, version, name, document, definition, imported_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      script.id,
      version,
      script.name,
      text,
      JSON.stringify(script),
      now,
    );
    if (activate) activateScript(db, script.id, version);
    return listScripts(db).find((s) => s.id === script.id && s.version === version)!;
  });
}

export function activateScript(db: Database, id: string, version?: number): void {
  const row = db.prepare('SELECT version FROM scripts WHERE id = ? ORDER BY (version = ?) DESC, version DESC LIMIT 1').get(id, version ?? -1) as { version: number } | undefined;
  if (!row || (version !== undefined && row.version !== version)) throw new ApiError('not-found', `There is no script "${id}"${version ? ` version ${version}` : ''}.`);
  db.prepare('UPDATE scripts SET active = 0 WHERE active = 1').run();
  db.prepare('UPDATE scripts SET active = 1 WHERE id = ? AND version = ?').run(id, row.version);
}

export function listScripts(db: Database): StoredScript[] {
  const rows = db.prepare('SELECT id, version, name, active, imported_at FROM scripts ORDER BY id, version DESC').all() as {
    id: string;
    version: number;
    name: string;
    active: number;
    imported_at: number;
  }[];
  return rows.map((r) => ({ id: r.id, version: r.version, name: r.name, active: r.active === 1, importedAt: new Date(r.imported_at).toISOString() }));
}

/** The script the console follows now, as validated when it was imported. */
export function activeScript(db: Database): ActiveScript | null {
  const row = cachedStatement(db, 'SELECT id, version, definition FROM scripts WHERE active = 1').get() as { id: string; version: number; definition: string } | undefined;
  return row ? { id: row.id, version: row.version, script: JSON.parse(row.definition) as Script } : null;
}

export function scriptDocument(db: Database, id: string, version?: number): { fileName: string; mimeType: string; content: string } {
  const row = db.prepare('SELECT version, document FROM scripts WHERE id = ? ORDER BY (version = ?) DESC, version DESC LIMIT 1').get(id, version ?? -1) as
    | { version: number; document: string }
    | undefined;
  if (!row) throw new ApiError('not-found', `There is no script "${id}".`);
  return { fileName: `${id}-v${row.version}.yaml`, mimeType: 'application/yaml', content: row.document };
}
