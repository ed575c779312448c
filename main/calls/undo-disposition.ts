import { ApiError } from '../../shared/api-error.ts';
import type { Clock } from '../clock.ts';
import { transaction, type Database } from '../store/database.ts';

/**
 * A disposition taken back within its grace period restores every row it touched exactly as it
 * was: the lead (all of it), its numbers, its callbacks and its claim; the call, its history row
 * and its handoff go.
 */
interface Snapshot {
  lead: Record<string, unknown>;
  phones: { id: number; bad: number }[];
  callbacks: { id: number; done_by_call_id: number | null }[];
  claim: Record<string, unknown> | null;
}

export function snapshotForUndo(db: Database, leadId: number): Snapshot {
  return {
    lead: db.prepare('SELECT * FROM leads WHERE id = ?').get(leadId) as Record<string, unknown>,
    phones: db.prepare('SELECT id, bad FROM phones WHERE lead_id = ?').all(leadId) as { id: number; bad: number }[],
    callbacks: db.prepare('SELECT id, done_by_call_id FROM callbacks WHERE lead_id = ?').all(leadId) as { id: number; done_by_call_id: number | null }[],
    claim: (db.prepare('SELECT * FROM claims WHERE lead_id = ?').get(leadId) as Record<string, unknown> | undefined) ?? null,
  };
}

export function undoDisposition(db: Database, clock: Clock, callId: number): { callId: number; leadId: number } {
  return transaction(db, () => {
    const row = db.prepare('SELECT u.before, u.until, c.lead_id FROM call_undo u JOIN calls c ON c.id = u.call_id WHERE u.call_id = ?').get(callId) as
      | { before: string; until: number; lead_id: number }
      | undefined;
    if (!row) throw new ApiError('not-found', `Call #${callId} cannot be undone (it is not a recent disposition).`);
    if (clock.now() > row.until) throw new ApiError('conflict', 'Too late to undo this disposition: the grace period has passed.');
    const later = db.prepare('SELECT id FROM calls WHERE lead_id = ? AND id > ? LIMIT 1').get(row.lead_id, callId);
    if (later) throw new ApiError('conflict', 'A later call on this lead was logged since: undo that one first.');
    const before = JSON.parse(row.before) as Snapshot;

    db.prepare('DELETE FROM callbacks WHERE set_by_call_id = ?').run(callId);
    db.prepare('DELETE FROM handoffs WHERE call_id = ?').run(callId);
    db.prepare('DELETE FROM stage_history WHERE call_id = ?').run(callId);
    // The call's note goes back to being the rep's note in progress.
    db.prepare(
      `INSERT INTO note_drafts (lead_id, text, saved_at) SELECT lead_id, notes, ? FROM calls WHERE id = ? AND notes <> ''
       ON CONFLICT (lead_id) DO UPDATE SET text = excluded.text, saved_at = excluded.saved_at`,
    ).run(clock.now(), callId);
    db.prepare('DELETE FROM calls WHERE id = ?').run(callId);
    const columns = Object.keys(before.lead).filter((c) => c !== 'id');
    db.prepare(`UPDATE leads SET ${columns.map((c) => `${c} = :${c}`).join(', ')} WHERE id = :id`).run(before.lead as Record<string, string | number | null>);
    for (const phone of before.phones) db.prepare('UPDATE phones SET bad = ? WHERE id = ?').run(phone.bad, phone.id);
    for (const cb of before.callbacks) db.prepare('UPDATE callbacks SET done_by_call_id = ? WHERE id = ?').run(cb.done_by_call_id, cb.id);
    db.prepare('DELETE FROM claims WHERE lead_id = ?').run(row.lead_id);
    if (before.claim) {
      const c = before.claim as { lead_id: number; console_id: string; claimed_at: number };
      db.prepare('INSERT INTO claims (lead_id, console_id, claimed_at) VALUES (?, ?, ?)').run(c.lead_id, c.console_id, c.claimed_at);
    }
    return { callId, leadId: row.lead_id };
  });
}
