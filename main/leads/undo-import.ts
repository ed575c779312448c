import { ApiError } from '../../shared/api-error.ts';
import type { UndoReport } from '../../shared/imports.ts';
import type { Clock } from '../clock.ts';
import { refreshQueueColumns } from '../queue/queue-columns.ts';
import { transaction, type Database } from '../store/database.ts';
import { IMPORT_UPDATED_COLUMNS } from './lead-merge.ts';

/**
 * Takes an import back: the leads it created are removed, the leads it completed are restored
 * field by field, the numbers and activities it added go. Imports are undone newest first, so
 * an undo never pulls the ground from under a later import. Nothing a rep did is lost: a lead
 * the import created that has been called since is kept, and a field changed since the import
 * (by a call, a rep, a later import) stays as it is now.
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

    const changes = db.prepare('SELECT lead_id, before, after FROM import_changes WHERE batch_id = ?').all(batchId) as {
      lead_id: number;
      before: string;
      after: string | null;
    }[];
    const current = db.prepare(`SELECT ${IMPORT_UPDATED_COLUMNS.join(', ')} FROM leads WHERE id = ?`);
    for (const change of changes) {
      const before = JSON.parse(change.before) as Record<string, string | number | null>;
      const after = JSON.parse(change.after ?? '{}') as Record<string, string | number | null>;
      const now = current.get(change.lead_id) as Record<string, string | number | null>;
      // A field the import set and nobody has touched since goes back; anything a rep, a call or
      // a later import changed since stays as it is now.
      const restore = IMPORT_UPDATED_COLUMNS.filter((c) => now[c] === after[c] && before[c] !== now[c]);
      if (restore.length === 0) continue;
      db.prepare(`UPDATE leads SET ${restore.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...restore.map((c) => before[c] ?? null), change.lead_id);
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
