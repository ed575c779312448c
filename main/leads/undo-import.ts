import { ApiError } from '../../shared/api-error.ts';
import type { UndoReport } from '../../shared/imports.ts';
import type { Clock } from '../clock.ts';
import { refreshQueueColumns } from '../queue/queue-columns.ts';
import { transaction, type Database } from '../store/database.ts';
import { IMPORT_UPDATED_COLUMNS } from './lead-writer.ts';

/**
 * Takes an import back: the leads it created are removed, the leads it completed are restored
 * field by field, the numbers and activities it added go. Imports are undone newest first, so
 * an undo never pulls the ground from under a later import. Nothing a rep did is lost: a lead
 * the import created that has been called since is kept, and a do-not-call flag on a lead that
 * has been called since is left as it is.
 */
export function undoImport(db: Database, clock: Clock, batchId: number, lifetimeAttemptCap?: number): UndoReport {
  return transaction(db, () => {
    const batch = db.prepare('SELECT id, imported_at, undone_at FROM import_batches WHERE id = ?').get(batchId) as
      | { id: number; imported_at: number; undone_at: number | null }
      | undefined;
    if (!batch) throw new ApiError('not-found', `There is no import #${batchId}.`);
    if (batch.undone_at !== null) throw new ApiError('conflict', `Import #${batchId} is already undone.`);
    const later = db.prepare('SELECT id FROM import_batches WHERE id > ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1').get(batchId) as
      | { id: number }
      | undefined;
    if (later) throw new ApiError('conflict', `Import #${later.id} came after #${batchId}: undo it first.`);

    const calledSince = db.prepare('SELECT 1 FROM calls WHERE lead_id = ? AND started_at >= ? LIMIT 1');
    const changes = db.prepare('SELECT lead_id, before FROM import_changes WHERE batch_id = ?').all(batchId) as { lead_id: number; before: string }[];
    const restore = db.prepare(`UPDATE leads SET ${IMPORT_UPDATED_COLUMNS.map((c) => `${c} = :${c}`).join(', ')} WHERE id = :id`);
    for (const change of changes) {
      const before = JSON.parse(change.before) as Record<(typeof IMPORT_UPDATED_COLUMNS)[number], unknown>;
      const current = db.prepare('SELECT do_not_call FROM leads WHERE id = ?').get(change.lead_id) as { do_not_call: number };
      if (calledSince.get(change.lead_id, batch.imported_at)) before.do_not_call = current.do_not_call;
      restore.run({ ...(before as Record<string, string | number | null>), id: change.lead_id });
    }
    db.prepare('DELETE FROM phones WHERE import_batch_id = ? AND lead_id IN (SELECT lead_id FROM import_changes WHERE batch_id = ?)').run(batchId, batchId);
    db.prepare('DELETE FROM activities WHERE import_batch_id = ? AND lead_id IN (SELECT lead_id FROM import_changes WHERE batch_id = ?)').run(
      batchId,
      batchId,
    );
    for (const change of changes) refreshQueueColumns(db, change.lead_id, lifetimeAttemptCap);

    const keptIds = db
      .prepare('SELECT id FROM leads l WHERE import_batch_id = ? AND EXISTS (SELECT 1 FROM calls c WHERE c.lead_id = l.id)')
      .all(batchId) as { id: number }[];
    const removed = db.prepare('DELETE FROM leads WHERE import_batch_id = ? AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.lead_id = leads.id)').run(batchId);
    db.prepare('UPDATE import_batches SET undone_at = ? WHERE id = ?').run(clock.now(), batchId);
    return { batchId, removed: Number(removed.changes), restored: changes.length, kept: keptIds.length };
  });
}
