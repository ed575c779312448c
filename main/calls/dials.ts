import { ApiError } from '../../shared/api-error.ts';
import type { OpenDial } from '../../shared/leads.ts';
import { fullName } from '../../shared/leads.ts';
import type { QueueRules } from '../../shared/queue-rules.ts';
import { getLead } from '../leads/lead-rows.ts';
import { dialRefusals, refusalSentence } from '../queue/dial-check.ts';
import { loadLeadFacts } from '../queue/lead-facts.ts';
import type { Database } from '../store/database.ts';
import { cachedStatement } from '../store/statement-cache.ts';
import { HOUR_MS } from '../../shared/time-units.ts';

/** A dial the disposition may still complete: the call's start is at most this old. */
export const OPEN_DIAL_MS = 12 * HOUR_MS;

/**
 * Dialling writes the attempt before the softphone rings, so a crash between the dial and the
 * disposition never loses it: the dial stays on record and counts against the number's cap.
 * The disposition then completes it (its start, its number). Every rule that forbids calling
 * (do-not-call, a bad number, calling hours, caps) is checked again here, at the instant of the
 * dial: the lead may have changed since it was put on screen.
 */
export function recordDial(
  db: Database,
  leadId: number,
  number: string,
  now: number,
  rules: QueueRules,
  consoleId: string | null = null,
): { dialId: number; at: string } {
  const facts = loadLeadFacts(db, leadId, now);
  if (!facts) throw new ApiError('not-found', `No lead with id ${leadId}.`);
  const refusals = dialRefusals(facts, number, rules, now);
  if (refusals.length > 0) {
    throw new ApiError('conflict', refusalSentence(`Not dialled: ${fullName(getLead(db, leadId)) || `lead #${leadId}`}`, refusals), refusals.map((r) => ({ path: r.rule, message: r.reason })));
  }
  const dialId = Number(cachedStatement(db, 'INSERT INTO dials (lead_id, phone_e164, at, console_id) VALUES (?, ?, ?, ?)').run(leadId, number, now, consoleId).lastInsertRowid);
  return { dialId, at: new Date(now).toISOString() };
}

export interface Dial {
  id: number;
  leadId: number;
  number: string;
  at: number;
}

/** An open dial of this lead (not yet completed by a disposition), or an error. */
export function openDial(db: Database, dialId: number, leadId: number): Dial {
  const row = cachedStatement(db, 'SELECT id, lead_id, phone_e164, at FROM dials WHERE id = ? AND call_id IS NULL').get(dialId) as
    | { id: number; lead_id: number; phone_e164: string; at: number }
    | undefined;
  if (!row || row.lead_id !== leadId) throw new ApiError('invalid-input', `Dial #${dialId} is not an open dial of this lead.`);
  return { id: row.id, leadId: row.lead_id, number: row.phone_e164, at: row.at };
}

/**
 * The call this console has running on a lead: its latest dial not yet logged nor let go. A
 * reload of the console finds it again, so the timer and the call's start are not lost.
 */
export function runningDial(db: Database, leadId: number, consoleId: string, now: number): OpenDial | null {
  const row = cachedStatement(
    db,
    `SELECT id, phone_e164, at FROM dials INDEXED BY dials_open_of_lead
     WHERE lead_id = ? AND call_id IS NULL AND closed_at IS NULL AND at > ? AND console_id = ? ORDER BY at DESC LIMIT 1`,
  ).get(leadId, now - OPEN_DIAL_MS, consoleId) as { id: number; phone_e164: string; at: number } | undefined;
  return row ? { dialId: row.id, number: row.phone_e164, at: new Date(row.at).toISOString() } : null;
}

/** The rep let the lead go without logging the call (a skip, a snooze): the call is over, the attempt stays. */
export function closeDials(db: Database, leadId: number, now: number): void {
  cachedStatement(db, 'UPDATE dials SET closed_at = ? WHERE lead_id = ? AND call_id IS NULL AND closed_at IS NULL').run(now, leadId);
}

/** How long after main accepts a dial its link may still be handed to the softphone. */
export const DIAL_LINK_GRACE_MS = 30_000;

/**
 * Whether the core accepted a dial of this number a moment ago: the desktop shell opens a dial
 * link only then, so a link followed without the check (a stale page, a crafted one) never rings.
 */
export function dialJustAccepted(db: Database, e164: string, now: number): boolean {
  return cachedStatement(db, 'SELECT 1 FROM dials WHERE phone_e164 = ? AND at > ? AND at <= ? AND call_id IS NULL AND closed_at IS NULL LIMIT 1').get(e164, now - DIAL_LINK_GRACE_MS, now) !== undefined;
}
