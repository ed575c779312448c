import { ApiError } from '../../shared/api-error.ts';
import { loadLeadFacts } from '../queue/lead-facts.ts';
import type { Database } from '../store/database.ts';

/**
 * Dialling writes the attempt before the softphone rings, so a crash between the dial and the
 * disposition never loses it: the dial stays on record and counts against the number's cap.
 * The disposition then completes it (its start, its number).
 */
export function recordDial(db: Database, leadId: number, number: string, now: number): { dialId: number; at: string } {
  const facts = loadLeadFacts(db, leadId, now);
  if (!facts) throw new ApiError('not-found', `No lead with id ${leadId}.`);
  if (!facts.goodNumbers.includes(number)) throw new ApiError('invalid-input', `${number} is not a good number of this lead.`);
  const dialId = Number(db.prepare('INSERT INTO dials (lead_id, phone_e164, at) VALUES (?, ?, ?)').run(leadId, number, now).lastInsertRowid);
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
  const row = db.prepare('SELECT id, lead_id, phone_e164, at FROM dials WHERE id = ? AND call_id IS NULL').get(dialId) as
    | { id: number; lead_id: number; phone_e164: string; at: number }
    | undefined;
  if (!row || row.lead_id !== leadId) throw new ApiError('invalid-input', `Dial #${dialId} is not an open dial of this lead.`);
  return { id: row.id, leadId: row.lead_id, number: row.phone_e164, at: row.at };
}
