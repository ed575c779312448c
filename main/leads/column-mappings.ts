import { ApiError } from '../../shared/api-error.ts';
import type { ColumnMapping, SavedMapping } from '../../shared/imports.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../store/database.ts';

/** Mappings a team lead saved for a CRM's odd export, to use again by name. */
export function saveMapping(db: Database, clock: Clock, name: string, mapping: ColumnMapping): SavedMapping {
  const savedAt = clock.now();
  db.prepare('INSERT INTO column_mappings (name, mapping, saved_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET mapping = excluded.mapping, saved_at = excluded.saved_at').run(
    name,
    JSON.stringify(mapping),
    savedAt,
  );
  return { name, mapping, savedAt: new Date(savedAt).toISOString() };
}

export function listMappings(db: Database): SavedMapping[] {
  const rows = db.prepare('SELECT name, mapping, saved_at FROM column_mappings ORDER BY name').all() as { name: string; mapping: string; saved_at: number }[];
  return rows.map((r) => ({ name: r.name, mapping: JSON.parse(r.mapping) as ColumnMapping, savedAt: new Date(r.saved_at).toISOString() }));
}

export function getMapping(db: Database, name: string): ColumnMapping {
  const row = db.prepare('SELECT mapping FROM column_mappings WHERE name = ?').get(name) as { mapping: string } | undefined;
  if (!row) throw new ApiError('not-found', `There is no saved mapping named "${name}".`);
  return JSON.parse(row.mapping) as ColumnMapping;
}
