import { ApiError } from '../../shared/api-error.ts';
import type { Database } from '../store/database.ts';
import { cachedStatement } from '../store/statement-cache.ts';

/**
 * A console claims the lead it shows, so no other console (a second window, another rep) is
 * offered it; one claim per console. A disposition, a skip or a snooze lets it go; a claim by a
 * console that crashed lapses after QueueRules.claimMinutes.
 */
export function claimLead(db: Database, leadId: number, consoleId: string, now: number): void {
  cachedStatement(db, 'DELETE FROM claims WHERE console_id = ? AND lead_id <> ?').run(consoleId, leadId);
  cachedStatement(db, 'INSERT INTO claims (lead_id, console_id, claimed_at) VALUES (?, ?, ?) ON CONFLICT (lead_id) DO UPDATE SET console_id = excluded.console_id, claimed_at = excluded.claimed_at').run(
    leadId,
    consoleId,
    now,
  );
}

export function releaseClaims(db: Database, consoleId: string): void {
  db.prepare('DELETE FROM claims WHERE console_id = ?').run(consoleId);
}

export function releaseLead(db: Database, leadId: number): void {
  cachedStatement(db, 'DELETE FROM claims WHERE lead_id = ?').run(leadId);
}

/** Holds a lead back until an instant (a skip: a few minutes; a snooze: the rep's choice). */
export function holdLead(db: Database, leadId: number, until: number, now: number): void {
  if (until <= now) throw new ApiError('invalid-input', 'Snooze until a time in the future.');
  const changed = db.prepare('UPDATE leads SET not_before = ? WHERE id = ?').run(until, leadId);
  if (changed.changes === 0) throw new ApiError('not-found', `No lead with id ${leadId}.`);
  releaseLead(db, leadId);
}
