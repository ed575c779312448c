import { ApiError } from '../../shared/api-error.ts';
import type { UndoReport } from '../../shared/imports.ts';
import type { Clock } from '../clock.ts';
import { refreshLeadQueueColumns } from '../queue/queue-columns.ts';
import type { Queryable, SqlValue } from '../store/seam/store.ts';
import { IMPORT_UPDATED_COLUMNS } from './lead-merge.ts';

/**
 * Takes an import back: the leads it created are removed, the leads it completed are restored
 * field by field, the numbers and activities it added go. Imports are undone newest first, so
 * an undo never pulls the ground from under a later import. Nothing a rep did is lost: a lead
 * the import created that has been called since is kept, and a field changed since the import
 * (by a call, a rep, a later import) stays as it is now.
 */
export async function undoImport(q: Queryable, clock: Clock, batchId: number, lifetimeAttemptCap?: number): Promise<UndoReport> {
  return q.transaction(async (tx) => {
    const batch = await tx.one<{ id: number; imported_at: number; undone_at: number | null }>('SELECT id, imported_at, undone_at FROM import_batches WHERE id = ?', [batchId]);
    if (!batch) throw new ApiError('not-found', `There is no import #${batchId}.`);
    if (batch.undone_at !== null) throw new ApiError('conflict', `Import #${batchId} is already undone.`);
    const later = await tx.one<{ id: number }>('SELECT id FROM import_batches WHERE id > ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1', [batchId]);
    if (later) throw new ApiError('conflict', `Import #${later.id} came after #${batchId}: undo it first.`);

    const changes = await tx.all<{ lead_id: number; before: string; after: string | null }>('SELECT lead_id, before, after FROM import_changes WHERE batch_id = ?', [batchId]);
    for (const change of changes) {
      const before = JSON.parse(change.before) as Record<string, SqlValue>;
      const after = JSON.parse(change.after ?? '{}') as Record<string, SqlValue>;
      const now = (await tx.one<Record<string, SqlValue>>(`SELECT ${IMPORT_UPDATED_COLUMNS.join(', ')} FROM leads WHERE id = ?`, [change.lead_id]))!;
      // A field the import set and nobody has touched since goes back; anything a rep, a call or
      // a later import changed since stays as it is now.
      const restore = IMPORT_UPDATED_COLUMNS.filter((c) => now[c] === after[c] && before[c] !== now[c]);
      if (restore.length === 0) continue;
      await tx.run(`UPDATE leads SET ${restore.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, [...restore.map((c) => before[c] ?? null), change.lead_id]);
    }
    await tx.run('DELETE FROM phones WHERE import_batch_id = ? AND lead_id IN (SELECT lead_id FROM import_changes WHERE batch_id = ?)', [batchId, batchId]);
    await tx.run('DELETE FROM activities WHERE import_batch_id = ? AND lead_id IN (SELECT lead_id FROM import_changes WHERE batch_id = ?)', [batchId, batchId]);
    for (const change of changes) await refreshLeadQueueColumns(tx, change.lead_id, lifetimeAttemptCap);

    const kept = await tx.all<{ id: number }>('SELECT id FROM leads l WHERE import_batch_id = ? AND EXISTS (SELECT 1 FROM calls c WHERE c.lead_id = l.id)', [batchId]);
    const removed = await tx.run('DELETE FROM leads WHERE import_batch_id = ? AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.lead_id = leads.id)', [batchId]);
    await tx.run('UPDATE import_batches SET undone_at = ? WHERE id = ?', [clock.now(), batchId]);
    return { batchId, removed: removed.changes, restored: changes.length, kept: kept.length };
  });
}
