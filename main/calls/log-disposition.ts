import { ApiError } from '../../shared/api-error.ts';
import { dispositionByCode, UNDO_GRACE_MS, type Disposition } from '../../shared/dispositions.ts';
import { fullName, type CallLog } from '../../shared/leads.ts';
import { DEFAULT_QUEUE_RULES, type QueueRules } from '../../shared/queue-rules.ts';
import { canMove } from '../../shared/stages.ts';
import type { Answers } from '../../shared/scripts/script-schema.ts';
import type { Clock } from '../clock.ts';
import { getCall, getLead } from '../leads/lead-cards.ts';
import { releaseLead } from '../queue/claims.ts';
import { dialableNumbers } from '../queue/eligibility.ts';
import { dialRefusals, refusalSentence } from '../queue/dial-check.ts';
import { loadLeadFacts } from '../queue/lead-facts.ts';
import { writeLeadQueueColumns } from '../queue/queue-columns.ts';
import type { ActiveScript } from '../scripts/script-store.ts';
import { atomically, type Queryable } from '../store/seam/store.ts';
import { findOpenDial, takeLead } from './dials.ts';
import { judgeAnswers } from './qualification.ts';
import { LEAD_STATE_COLUMNS, readLeadState, recordUndo, type LeadState } from './undo-disposition.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../shared/time-units.ts';

export interface DispositionInput {
  leadId: number;
  code: string;
  notes: string;
  /** ISO instant, for a disposition that needs a callback time. */
  callbackAt?: string | undefined;
  /** The script's answers given during the call, by question id. */
  answers?: Answers | undefined;
  /** Why: for a disposition that asks for a reason, or one other than the recommended. */
  reason?: string | undefined;
  /** The number dialled; by default the one the queue would offer (first good one under its cap). */
  number?: string | undefined;
  /** When the rep dialled (ISO); the call ends now. Without it the call is logged as instant. */
  startedAt?: string | undefined;
  /** The dial recorded when the rep dialled: the call completes it (its start and its number). */
  dialId?: number | undefined;
  /** The calling session the call belongs to. */
  sessionId?: number | null | undefined;
}

export interface DispositionContext {
  /** The list's rules (waits, caps per number). */
  rules?: QueueRules;
  /** Everyone's lifetime attempt cap, kept in the lead's `callable` (a list's lower cap is checked at pick time). */
  callableCap?: number;
  script?: ActiveScript | null;
  rep?: string | null;
}

/** A callback is for a conversation soon, not a reminder for next year. */
const CALLBACK_HORIZON_MS = 180 * DAY_MS;
/** How long the rep can take a disposition back (the Undo toast). */
export { UNDO_GRACE_MS };

/**
 * Logs a call and applies its disposition in one transaction: the call row (with the script's
 * answers, the criteria met and the recommendation), the lead's attempts and retry time, its
 * stage (with a history row, and a handoff for sales when it becomes an SQL), its flags, its
 * callback, its claim — and what it all was before, so the rep can undo it for a short while.
 * On a team's store the lead's row and its numbers are locked first: a disposition logged from
 * two consoles at once is one after the other, and a number's caps count every rep's attempts.
 */
export async function logDisposition(
  q: Queryable,
  clock: Clock,
  dispositions: readonly Disposition[],
  input: DispositionInput,
  { rules = DEFAULT_QUEUE_RULES, callableCap = DEFAULT_QUEUE_RULES.lifetimeAttemptCap, script = null, rep = null }: DispositionContext = {},
): Promise<CallLog> {
  const disposition = dispositionByCode(dispositions, input.code);
  if (!disposition) throw new ApiError('invalid-input', `There is no disposition "${input.code}" in use.`);
  const now = clock.now();
  const callbackAt = callbackTime(disposition, input.callbackAt, now);
  const reason = input.reason?.trim() || null;
  const startedAt = input.startedAt === undefined ? now : Date.parse(input.startedAt);
  if (!(startedAt <= now && startedAt >= now - 12 * HOUR_MS)) throw new ApiError('invalid-input', 'The call must have started in the last 12 hours.');
  if (disposition.needsReason && !reason) throw new ApiError('invalid-input', `"${disposition.label}" needs a reason.`);

  const write = async (db: Queryable, input: DispositionInput): Promise<CallLog> => {
    const lead = await getLead(db, input.leadId);
    const dial = input.dialId === undefined ? null : await findOpenDial(db, input.dialId, lead.id);
    if (dial) {
      input = { ...input, number: dial.number };
    }
    const judged = await judgeAnswers(db, script, lead, input.answers ?? {}, now);
    if (judged.recommended && judged.recommended.disposition !== disposition.code && !reason) {
      const label = dispositionByCode(dispositions, judged.recommended.disposition)?.label ?? judged.recommended.disposition;
      throw new ApiError('invalid-input', `The agreed criteria recommend "${label}": say why you chose "${disposition.label}".`);
    }
    const before = await readLeadState(db, lead.id);
    const facts = (await loadLeadFacts(db, lead.id, now))!;
    // The number dialled: the dial's, or the one the console says; else the one the queue
    // offered (the first good one still under its 24-hour cap).
    const dialed = input.number ?? dialableNumbers(facts, rules, now)[0] ?? facts.goodNumbers[0] ?? null;
    if (!dial && dialed !== null && disposition.countsAsAttempt && !disposition.doNotCall) {
      // No dial on record: logging this attempt is the dial, so it passes the dial's check now.
      // (A recorded dial was checked when it was placed; the call it started is logged whatever
      // happened since. Marking a lead do-not-call is never refused.)
      const refusals = dialRefusals(facts, dialed, rules, now);
      if (refusals.length > 0) throw new ApiError('conflict', refusalSentence(`Not logged: ${fullName(lead) || `lead #${lead.id}`}`, refusals));
    } else if (!dial && input.number !== undefined && !facts.goodNumbers.includes(input.number) && !facts.badNumbers.includes(input.number)) {
      throw new ApiError('invalid-input', `${input.number} is not a number of this lead.`);
    }
    const dialedId = dialed === null ? null : before.phones.find((p) => p.e164 === dialed)!.id;
    const stageAfter = disposition.moveTo && canMove(lead.stage, disposition.moveTo) ? disposition.moveTo : lead.stage;

    const call = await db.one<{ id: number }>(
      `INSERT INTO calls (lead_id, phone_id, phone_e164, disposition_code, disposition_label, notes, started_at, ended_at,
                          stage_before, stage_after, counts_as_attempt, rep, script_id, script_version, answers, criteria_met,
                          recommended, override_reason, session_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [
      lead.id,
      dialedId,
      dialed,
      disposition.code,
      disposition.label,
      input.notes,
      dial?.at ?? startedAt,
      now,
      lead.stage,
      stageAfter,
      disposition.countsAsAttempt ? 1 : 0,
      rep,
      script?.id ?? null,
      script?.version ?? null,
      JSON.stringify(judged.answers),
      JSON.stringify(judged.met.map((c) => c.id)),
      judged.recommended?.disposition ?? null,
      reason,
      input.sessionId ?? null,
      ],
    );
    const callId = call!.id;

    // What the call made of the lead, returned by the write itself (nothing after writes these fields).
    const leadAfter = await db.one<LeadState['lead']>(
      `UPDATE leads SET
         attempts = attempts + ?,
         last_attempt_at = ?,
         last_disposition = ?,
         stage = ?,
         do_not_call = CASE WHEN ? = 1 THEN 1 ELSE do_not_call END,
         retry_at = ?,
         not_before = NULL,
         hand_raised_at = CASE WHEN ? = 1 THEN NULL ELSE hand_raised_at END
       WHERE id = ?
       RETURNING ${LEAD_STATE_COLUMNS}`,
      [
      disposition.countsAsAttempt ? 1 : 0,
      now,
      disposition.label,
      stageAfter,
      disposition.doNotCall ? 1 : 0,
      retryTime(disposition, stageAfter, now),
      // A rep who spoke to the lead has answered its request for a call.
      disposition.contact ? 1 : 0,
      lead.id,
      ],
    );

    await db.run('UPDATE callbacks SET done_by_call_id = ? WHERE lead_id = ? AND done_by_call_id IS NULL', [callId, lead.id]);
    if (callbackAt !== null) await db.run('INSERT INTO callbacks (lead_id, due_at, set_by_call_id) VALUES (?, ?, ?)', [lead.id, callbackAt, callId]);
    const markedBad = disposition.badNumber && dialedId !== null;
    if (markedBad) await db.run('UPDATE phones SET bad = 1 WHERE id = ?', [dialedId]);
    if (stageAfter !== lead.stage) {
      await db.run('INSERT INTO stage_history (lead_id, from_stage, to_stage, reason, call_id, at, rep) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        lead.id,
        lead.stage,
        stageAfter,
        reason ? `${disposition.label}: ${reason}` : disposition.label,
        callId,
        now,
        rep,
      ]);
    }
    if (stageAfter === 'SQL' && lead.stage !== 'SQL') {
      const why = judged.recommended?.disposition === disposition.code ? judged.recommended.because : (reason ?? disposition.label);
      await db.run('INSERT INTO handoffs (lead_id, call_id, rep, at, answers, notes, why) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        lead.id,
        callId,
        rep,
        now,
        JSON.stringify(judged.answers),
        input.notes,
        JSON.stringify({ summary: why, criteriaMet: judged.met.map((c) => c.label) }),
      ]);
    }
    await releaseLead(db, lead.id);
    // The note is now the call's: the draft goes.
    await db.run('DELETE FROM note_drafts WHERE lead_id = ?', [lead.id]);
    const after: LeadState = { lead: leadAfter!, phones: markedBad ? before.phones.map((p) => (p.id === dialedId ? { ...p, bad: 1 } : p)) : before.phones };
    await writeLeadQueueColumns(db, lead.id, after.lead, after.phones, callableCap);
    if (dial) await db.run('UPDATE dials SET call_id = ? WHERE id = ?', [callId, dial.id]);
    await recordUndo(db, callId, { before, after }, now + UNDO_GRACE_MS);
    return getCall(db, callId);
  };

  // Inside the caller's transaction (the disposition with its next claim), a part of it.
  return atomically(
    q,
    async (tx) => {
      await takeLead(tx, input.leadId);
      return write(tx, input);
    },
    // Read committed under those locks: each statement sees what committed before they were granted.
    { isolation: 'read committed' },
  );
}

/**
 * When the queue may offer the lead again: the disposition's wait, or for a lead sent to
 * nurture its recycle date. A callback brings the lead back through the callback tier instead.
 */
function retryTime(disposition: Disposition, stageAfter: string, now: number): number | null {
  if (stageAfter === 'nurture') return disposition.recycleAfterDays === undefined ? null : now + disposition.recycleAfterDays * DAY_MS;
  if (disposition.needsCallbackTime) return null;
  return disposition.retryAfterMinutes === undefined ? null : now + disposition.retryAfterMinutes * MINUTE_MS;
}

function callbackTime(disposition: Disposition, requested: string | undefined, now: number): number | null {
  if (!disposition.needsCallbackTime) {
    if (requested !== undefined) throw new ApiError('invalid-input', `"${disposition.label}" takes no callback time.`);
    return null;
  }
  if (requested === undefined) throw new ApiError('invalid-input', `"${disposition.label}" needs a callback time.`);
  const at = Date.parse(requested);
  if (!(at > now)) throw new ApiError('invalid-input', 'The callback time has passed: pick a time in the future.');
  if (at > now + CALLBACK_HORIZON_MS) throw new ApiError('invalid-input', 'A callback must be within 180 days.');
  return at;
}
