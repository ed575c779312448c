import { z } from 'zod';
import { ApiError } from '../../shared/api-error.ts';
import { queueRulesSchema, type QueueRules } from '../../shared/queue-rules.ts';
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

/** A list as the queue uses it: who is on it, and its own calling rules if it has any. */
export function callListScope(db: Database, name: string): { inList: (leadId: number) => boolean; rules: QueueRules | null } {
  const row = db.prepare('SELECT filter, rules FROM call_lists WHERE name = ?').get(name) as { filter: string; rules: string | null } | undefined;
  if (!row) throw new ApiError('not-found', `There is no call list named "${name}".`);
  const batches = JSON.stringify(callListFilterSchema.parse(JSON.parse(row.filter)).importBatchIds);
  const member = db.prepare(`
    SELECT 1 FROM leads WHERE id = :id AND (import_batch_id IN (SELECT value FROM json_each(:batches))
      OR id IN (SELECT lead_id FROM import_changes WHERE batch_id IN (SELECT value FROM json_each(:batches))))`);
  return {
    inList: (id) => member.get({ id, batches }) !== undefined,
    rules: row.rules === null ? null : queueRulesSchema.parse(JSON.parse(row.rules)),
  };
}
