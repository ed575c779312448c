import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Database } from '../store/database.ts';

/**
 * A call list is a saved filter over the store. Importing into a list adds the import's batch
 * to the filter, so the list is "everything these files brought", and stays so after merges.
 */
export const callListFilterSchema = z.object({ importBatchIds: z.array(z.int()).default([]) }).loose();
export type CallListFilter = z.infer<typeof callListFilterSchema>;

export function addBatchToList(db: Database, clock: Clock, name: string, batchId: number): number {
  const existing = db.prepare('SELECT id, filter FROM call_lists WHERE name = ?').get(name) as { id: number; filter: string } | undefined;
  if (!existing) {
    const filter: CallListFilter = { importBatchIds: [batchId] };
    const id = Number(db.prepare('INSERT INTO call_lists (name, filter, created_at) VALUES (?, ?, ?)').run(name, JSON.stringify(filter), clock.now()).lastInsertRowid);
    db.prepare('UPDATE import_batches SET call_list_id = ? WHERE id = ?').run(id, batchId);
    return id;
  }
  const filter = callListFilterSchema.parse(JSON.parse(existing.filter));
  filter.importBatchIds = [...new Set([...filter.importBatchIds, batchId])];
  db.prepare('UPDATE call_lists SET filter = ? WHERE id = ?').run(JSON.stringify(filter), existing.id);
  db.prepare('UPDATE import_batches SET call_list_id = ? WHERE id = ?').run(existing.id, batchId);
  return existing.id;
}

/** The ids of the leads in a list: those its import batches created, or touched since. */
export function leadIdsOfList(db: Database, name: string): number[] | null {
  const row = db.prepare('SELECT filter FROM call_lists WHERE name = ?').get(name) as { filter: string } | undefined;
  if (!row) return null;
  const { importBatchIds } = callListFilterSchema.parse(JSON.parse(row.filter));
  if (importBatchIds.length === 0) return [];
  const placeholders = importBatchIds.map(() => '?').join(', ');
  const rows = db
    .prepare(
      `SELECT id FROM leads WHERE import_batch_id IN (${placeholders})
       UNION SELECT lead_id FROM import_changes WHERE batch_id IN (${placeholders})
       ORDER BY 1`,
    )
    .all(...importBatchIds, ...importBatchIds) as { id: number }[];
  return rows.map((r) => r.id);
}
