import { ApiError } from '../../shared/api-error.ts';
import type { OpenDial } from '../../shared/leads.ts';
import { fullName } from '../../shared/leads.ts';
import type { QueueRules } from '../../shared/queue-rules.ts';
import { getLead } from '../leads/lead-cards.ts';
import { dialRefusals, refusalSentence } from '../queue/dial-check.ts';
import { loadLeadFacts } from '../queue/lead-facts.ts';
import type { Database } from '../store/database.ts';
import type { Queryable } from '../store/seam/store.ts';
import { cachedStatement } from '../store/statement-cache.ts';
import { HOUR_MS } from '../../shared/time-units.ts';

/** A dial the disposition may still complete: the call's start is at most this old. */
export const OPEN_DIAL_MS = 12 * HOUR_MS;

/**
 * Dialling writes the attempt before the softphone rings, so a crash between the dial and the
 * disposition never loses it: the dial stays on record and counts against the number's cap.
 * The disposition then completes it (its start, its number). Every rule that forbids calling
 * (do-not-call, a bad number, calling hours, caps) is checked again here, at the instant of the
 * dial: the lead may have changed since it was put on screen. On a team's store, two reps may
 * dial the same number from two leads at the same instant: the number is locked for the
 * transaction (takeNumbers), so the count of its recent attempts and the new dial are one decision.
 */
export function recordDial(
  q: Queryable,
  leadId: number,
  number: string,
  now: number,
  rules: QueueRules,
  consoleId: string | null = null,
  /** The account signed in on the console, on a team's store (the live floor names the call's rep by it); none on a rep's own. */
  accountId: number | null = null,
): Promise<{ dialId: number; at: string }> {
  return q.transaction(
    async (tx) => {
      await takeNumbers(tx, [number]);
      const facts = await loadLeadFacts(tx, leadId, now);
      if (!facts) throw new ApiError('not-found', `No lead with id ${leadId}.`);
      const refusals = dialRefusals(facts, number, rules, now);
      if (refusals.length > 0) {
        const name = fullName(await getLead(tx, leadId)) || `lead #${leadId}`;
        throw new ApiError('conflict', refusalSentence(`Not dialled: ${name}`, refusals), refusals.map((r) => ({ path: r.rule, message: r.reason })));
      }
      const { id } = (
        accountId === null
          ? await tx.one<{ id: number }>('INSERT INTO dials (lead_id, phone_e164, at, console_id) VALUES (?, ?, ?, ?) RETURNING id', [leadId, number, now, consoleId])
          : await tx.one<{ id: number }>('INSERT INTO dials (lead_id, phone_e164, at, console_id, account_id) VALUES (?, ?, ?, ?, ?) RETURNING id', [leadId, number, now, consoleId, accountId])
      )!;
      return { dialId: id, at: new Date(now).toISOString() };
    },
    // Read committed: each statement after the lock sees the dials committed before it was granted.
    { isolation: 'read committed' },
  );
}

/**
 * Every attempt on these numbers waits for the transactions already deciding one (a dial, a
 * disposition), until this one ends: the per-number 24-hour caps and the state rules then hold
 * across consoles and server processes. Taken in one order, so two leads sharing numbers never
 * wait for each other. Nothing to take on SQLite, where a writing transaction runs alone.
 */
export async function takeNumbers(tx: Queryable, numbers: readonly string[]): Promise<void> {
  const lock = tx.dialect.lockNumber;
  if (lock === null) return;
  for (const number of [...new Set(numbers)].sort()) await tx.one(lock, [number]);
}

/** A lead's row and every one of its numbers, for the transaction (a disposition); nothing on SQLite. */
export async function takeLead(tx: Queryable, leadId: number): Promise<void> {
  if (tx.dialect.lockNumber === null) return;
  await tx.one(`SELECT id FROM leads WHERE id = ?${tx.dialect.forUpdate}`, [leadId]);
  await takeNumbers(tx, (await tx.all<{ e164: string }>('SELECT e164 FROM phones WHERE lead_id = ? AND e164 IS NOT NULL', [leadId])).map((p) => p.e164));
}

export interface Dial {
  id: number;
  leadId: number;
  number: string;
  at: number;
}

const OPEN_DIAL = 'SELECT id, lead_id, phone_e164, at FROM dials WHERE id = ? AND call_id IS NULL';
type DialRow = { id: number; lead_id: number; phone_e164: string; at: number };

function toOpenDial(row: DialRow | undefined, dialId: number, leadId: number): Dial {
  if (!row || row.lead_id !== leadId) throw new ApiError('invalid-input', `Dial #${dialId} is not an open dial of this lead.`);
  return { id: row.id, leadId: row.lead_id, number: row.phone_e164, at: row.at };
}

/** An open dial of this lead (not yet completed by a disposition), or an error. */
export async function findOpenDial(q: Queryable, dialId: number, leadId: number): Promise<Dial> {
  return toOpenDial(await q.one<DialRow>(OPEN_DIAL, [dialId]), dialId, leadId);
}

/**
 * The call this console has running on a lead: its latest dial not yet logged nor let go. A
 * reload of the console finds it again, so the timer and the call's start are not lost.
 */
export async function runningDial(q: Queryable, leadId: number, consoleId: string, now: number): Promise<OpenDial | null> {
  const row = await q.one<{ id: number; phone_e164: string; at: number }>(
    `SELECT id, phone_e164, at FROM dials INDEXED BY dials_open_of_lead
     WHERE lead_id = ? AND call_id IS NULL AND closed_at IS NULL AND at > ? AND console_id = ? ORDER BY at DESC LIMIT 1`,
    [leadId, now - OPEN_DIAL_MS, consoleId],
  );
  return row ? { dialId: row.id, number: row.phone_e164, at: new Date(row.at).toISOString() } : null;
}

/** The rep let the lead go without logging the call (a skip, a snooze): the call is over, the attempt stays. */
export async function closeDials(q: Queryable, leadId: number, now: number): Promise<void> {
  await q.run('UPDATE dials SET closed_at = ? WHERE lead_id = ? AND call_id IS NULL AND closed_at IS NULL', [now, leadId]);
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
