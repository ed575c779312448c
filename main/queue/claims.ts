import { ApiError } from '../../shared/api-error.ts';
import type { Database } from '../store/database.ts';
import { cachedStatement } from '../store/statement-cache.ts';

/**
 * A console claims the lead it shows, so no other console (a second window, another rep) is
 * offered it; one claim per console. A claim is a short lease (QueueRules.claimLeaseSeconds):
 * the console renews it with a heartbeat while it is open, and lets it go when its page is
 * closed; a disposition, a skip or a snooze lets it go too. A console that crashed or lost its
 * network holds nothing for long.
 */
export function claimLead(db: Database, leadId: number, consoleId: string, now: number): void {
  cachedStatement(db, 'DELETE FROM claims WHERE console_id = ? AND lead_id <> ?').run(consoleId, leadId);
  cachedStatement(db, 'INSERT INTO claims (lead_id, console_id, claimed_at) VALUES (?, ?, ?) ON CONFLICT (lead_id) DO UPDATE SET console_id = excluded.console_id, claimed_at = excluded.claimed_at').run(
    leadId,
    consoleId,
    now,
  );
}

/**
 * The console is still open on this lead: its lease starts again. False when the claim is gone
 * (it lapsed and another console took the lead, or the lead was logged elsewhere): the console
 * then asks for its lead again.
 */
export function renewClaim(db: Database, leadId: number, consoleId: string, now: number): boolean {
  const mine = cachedStatement(db, 'SELECT console_id FROM claims WHERE lead_id = ?').get(leadId) as { console_id: string } | undefined;
  if (mine && mine.console_id !== consoleId) return false;
  if (!mine) {
    // A lead removed since (an import undone) cannot be held again.
    if (!cachedStatement(db, 'SELECT 1 FROM leads WHERE id = ?').get(leadId)) return false;
    // A lapsed lease no one else took: this console still shows the lead, so it is its again.
    const other = cachedStatement(db, 'SELECT 1 FROM claims WHERE console_id = ? AND lead_id <> ?').get(consoleId, leadId);
    if (other) return false;
  }
  claimLead(db, leadId, consoleId, now);
  return true;
}

export function releaseClaims(db: Database, consoleId: string): void {
  cachedStatement(db, 'DELETE FROM claims WHERE console_id = ?').run(consoleId);
}

export function releaseLead(db: Database, leadId: number): void {
  cachedStatement(db, 'DELETE FROM claims WHERE lead_id = ?').run(leadId);
}

/** Holds a lead back until an instant (a skip: a few minutes; a snooze: the rep's choice). */
export function holdLead(db: Database, leadId: number, until: number, now: number): void {
  if (until <= now) throw new ApiError('invalid-input', 'Snooze until a time in the future.');
  const changed = cachedStatement(db, 'UPDATE leads SET not_before = ? WHERE id = ?').run(until, leadId);
  if (changed.changes === 0) throw new ApiError('not-found', `No lead with id ${leadId}.`);
  releaseLead(db, leadId);
}
