import { ApiError } from '../../shared/api-error.ts';
import type { Queryable } from '../store/seam/store.ts';

/**
 * A console claims the lead it shows, so no other console (a second window, another rep) is
 * offered it; one claim per console. A claim is a short lease (QueueRules.claimLeaseSeconds):
 * the console renews it with a heartbeat while it is open, and lets it go when its page is
 * closed; a disposition, a skip or a snooze lets it go too. A console that crashed or lost its
 * network holds nothing for long. The queue takes its next lead through lead-leases.ts (which
 * skips a lead another console is taking at the same instant); these are the console's own moves.
 */

/** Takes the lead for the console whoever held it (an undone disposition brings the lead back to its rep). */
export async function claimLead(q: Queryable, leadId: number, consoleId: string, now: number): Promise<void> {
  await q.run('DELETE FROM claims WHERE console_id = ? AND lead_id <> ?', [consoleId, leadId]);
  await q.run(
    'INSERT INTO claims (lead_id, console_id, claimed_at) VALUES (?, ?, ?) ON CONFLICT (lead_id) DO UPDATE SET console_id = excluded.console_id, claimed_at = excluded.claimed_at',
    [leadId, consoleId, now],
  );
}

/**
 * The console is still open on this lead: its lease starts again. False when the claim is gone
 * (it lapsed and another console took the lead, or the lead was logged elsewhere): the console
 * then asks for its lead again.
 */
export function renewClaim(q: Queryable, leadId: number, consoleId: string, now: number): Promise<boolean> {
  return q.transaction(async (tx) => {
    const mine = await tx.one<{ console_id: string }>('SELECT console_id FROM claims WHERE lead_id = ?', [leadId]);
    if (mine && mine.console_id !== consoleId) return false;
    if (!mine) {
      // A lead removed since (an import undone) cannot be held again.
      if (!(await tx.one('SELECT 1 FROM leads WHERE id = ?', [leadId]))) return false;
      // A lapsed lease no one else took: this console still shows the lead, so it is its again.
      if (await tx.one('SELECT 1 FROM claims WHERE console_id = ? AND lead_id <> ?', [consoleId, leadId])) return false;
    }
    await claimLead(tx, leadId, consoleId, now);
    return true;
  });
}

export async function releaseClaims(q: Queryable, consoleId: string): Promise<void> {
  await q.run('DELETE FROM claims WHERE console_id = ?', [consoleId]);
}

export async function releaseLead(q: Queryable, leadId: number): Promise<void> {
  await q.run('DELETE FROM claims WHERE lead_id = ?', [leadId]);
}

/** Holds a lead back until an instant (a skip: a few minutes; a snooze: the rep's choice). */
export async function holdLead(q: Queryable, leadId: number, until: number, now: number): Promise<void> {
  if (until <= now) throw new ApiError('invalid-input', 'Snooze until a time in the future.');
  const changed = await q.run('UPDATE leads SET not_before = ? WHERE id = ?', [until, leadId]);
  if (changed.changes === 0) throw new ApiError('not-found', `No lead with id ${leadId}.`);
  await releaseLead(q, leadId);
}
