import { ApiError } from '../../shared/api-error.ts';
import type { Clock } from '../clock.ts';
import { refreshLeadQueueColumns, type LeadQueueRow } from '../queue/queue-columns.ts';
import type { Queryable } from '../store/seam/store.ts';

/**
 * A disposition taken back within its grace period puts back what that call changed, and only
 * that: each lead field the call wrote returns to its value before the call, unless someone else
 * (an import, another console, the CLI) has changed it since; then their change stands. So an
 * undo never clears a do-not-call or a stage that an import set after the call. The call, its
 * history row, its handoff and the callback it booked go; the dial it completed is open again.
 */
const LEAD_FIELDS = ['attempts', 'last_attempt_at', 'last_disposition', 'stage', 'do_not_call', 'retry_at', 'not_before', 'hand_raised_at'] as const;
type LeadField = (typeof LEAD_FIELDS)[number];
type Value = string | number | null;

interface Snapshot {
  /** The lead's fields the call may write, before it. */
  lead: Record<LeadField, Value>;
  phones: { id: number; bad: number }[];
}

interface Change {
  before: Snapshot;
  /** The same fields right after the call was logged: a field that still has this value was not touched since. */
  after: Snapshot;
}

/**
 * The lead's fields a call may write and its numbers, in two statements. A disposition reads it
 * before its writes (which gives the id of the number dialled) and has its UPDATE return it
 * after (which gives the queue columns, queue-columns.ts), so neither is read again.
 */
export interface LeadState {
  lead: Record<LeadField, Value> & LeadQueueRow;
  phones: { id: number; e164: string | null; bad: number }[];
}

/** The lead's columns of a LeadState, for a statement that reads or returns them (a disposition's UPDATE … RETURNING). */
export const LEAD_STATE_COLUMNS = LEAD_FIELDS.join(', ');

export async function readLeadState(q: Queryable, leadId: number): Promise<LeadState> {
  return {
    lead: (await q.one<LeadState['lead']>(`SELECT ${LEAD_STATE_COLUMNS} FROM leads WHERE id = ?`, [leadId]))!,
    phones: await q.all<{ id: number; e164: string | null; bad: number }>('SELECT id, e164, bad FROM phones WHERE lead_id = ? ORDER BY id', [leadId]),
  };
}

const snapshotOf = ({ lead, phones }: LeadState): Snapshot => ({ lead, phones: phones.map(({ id, bad }) => ({ id, bad })) });

/** After the call is logged (same transaction): what the call made of the lead, kept beside what it was. */
export async function recordUndo(q: Queryable, callId: number, change: { before: LeadState; after: LeadState }, until: number): Promise<void> {
  const kept: Change = { before: snapshotOf(change.before), after: snapshotOf(change.after) };
  await q.run('INSERT INTO call_undo (call_id, before, until) VALUES (?, ?, ?)', [callId, JSON.stringify(kept), until]);
}

export function undoDisposition(q: Queryable, clock: Clock, callId: number, lifetimeAttemptCap?: number): Promise<{ callId: number; leadId: number; kept: string[] }> {
  return q.transaction(async (db) => {
    const row = await db.one<{ before: string; until: number; lead_id: number }>(
      'SELECT u.before, u.until, c.lead_id FROM call_undo u JOIN calls c ON c.id = u.call_id WHERE u.call_id = ?',
      [callId],
    );
    if (!row) throw new ApiError('not-found', `Call #${callId} cannot be undone (it is not a recent disposition).`);
    if (clock.now() > row.until) throw new ApiError('conflict', 'Too late to undo this disposition: the grace period has passed.');
    const later = await db.one('SELECT id FROM calls WHERE lead_id = ? AND id > ? LIMIT 1', [row.lead_id, callId]);
    if (later) throw new ApiError('conflict', 'A later call on this lead was logged since: undo that one first.');
    const change = JSON.parse(row.before) as Partial<Change>;
    if (!change.after || !change.before) throw new ApiError('conflict', 'This disposition was logged by an older version of Nextcall and cannot be undone.');
    const { before, after } = change as Change;

    await db.run('DELETE FROM callbacks WHERE set_by_call_id = ?', [callId]);
    await db.run('DELETE FROM handoffs WHERE call_id = ?', [callId]);
    await db.run('DELETE FROM stage_history WHERE call_id = ?', [callId]);
    await db.run('UPDATE callbacks SET done_by_call_id = NULL WHERE done_by_call_id = ?', [callId]);
    // The call's note goes back to being the rep's note in progress.
    await db.run(
      `INSERT INTO note_drafts (lead_id, text, saved_at) SELECT lead_id, notes, CAST(? AS BIGINT) FROM calls WHERE id = ? AND notes <> ''
       ON CONFLICT (lead_id) DO UPDATE SET text = excluded.text, saved_at = excluded.saved_at`,
      [clock.now(), callId],
    );
    // The dial this call completed is open again (the call is running again, as before the key).
    await db.run('UPDATE dials SET call_id = NULL WHERE call_id = ?', [callId]);
    await db.run('DELETE FROM calls WHERE id = ?', [callId]);

    const kept: string[] = [];
    for (const field of LEAD_FIELDS) {
      if (before.lead[field] === after.lead[field]) continue;
      // IS NOT DISTINCT FROM compares NULLs too: the field goes back only if it still holds what the call wrote.
      const restored = await db.run(`UPDATE leads SET ${field} = ? WHERE id = ? AND ${field} IS NOT DISTINCT FROM ?`, [before.lead[field], row.lead_id, after.lead[field]]);
      if (restored.changes === 0) kept.push(field);
    }
    for (const phone of before.phones) {
      const then = after.phones.find((p) => p.id === phone.id);
      if (then && then.bad !== phone.bad) await db.run('UPDATE phones SET bad = ? WHERE id = ? AND bad = ?', [phone.bad, phone.id, then.bad]);
    }
    await refreshLeadQueueColumns(db, row.lead_id, lifetimeAttemptCap);
    return { callId, leadId: row.lead_id, kept };
  });
}
