import { ApiError } from '../../shared/api-error.ts';
import type { ColumnMapping, SavedMapping } from '../../shared/imports.ts';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../store/seam/store.ts';

/** Mappings a team lead saved for a CRM's odd export, to use again by name (either store). */
export async function saveMapping(q: Queryable, clock: Clock, name: string, mapping: ColumnMapping): Promise<SavedMapping> {
  const savedAt = clock.now();
  await q.run(
    'INSERT INTO column_mappings (name, mapping, saved_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET mapping = excluded.mapping, saved_at = excluded.saved_at',
    [name, JSON.stringify(mapping), savedAt],
  );
  return { name, mapping, savedAt: new Date(savedAt).toISOString() };
}

export async function listMappings(q: Queryable): Promise<SavedMapping[]> {
  const rows = await q.all<{ name: string; mapping: string; saved_at: number }>('SELECT name, mapping, saved_at FROM column_mappings ORDER BY name');
  return rows.map((r) => ({ name: r.name, mapping: JSON.parse(r.mapping) as ColumnMapping, savedAt: new Date(r.saved_at).toISOString() }));
}

export async function getMapping(q: Queryable, name: string): Promise<ColumnMapping> {
  const row = await q.one<{ mapping: string }>('SELECT mapping FROM column_mappings WHERE name = ?', [name]);
  if (!row) throw new ApiError('not-found', `There is no saved mapping named "${name}".`);
  return JSON.parse(row.mapping) as ColumnMapping;
}
