import { ApiError } from '../../shared/api-error.ts';
import { dispositionByCode, type Disposition } from '../../shared/dispositions.ts';
import type { CallLog } from '../../shared/leads.ts';
import { canMove } from '../../shared/stages.ts';
import type { Clock } from '../clock.ts';
import { getCall, getLead, phonesOf } from '../leads/lead-rows.ts';
import { refreshQueueColumns } from '../queue/queue-columns.ts';
import { transaction, type Database } from '../store/database.ts';

export interface DispositionInput {
  leadId: number;
  code: string;
  notes: string;
}

const MINUTE = 60_000;

/**
 * Logs a call and applies its disposition in one transaction: the call row, the lead's
 * attempts and retry time, its stage (with a history row), its flags. A crash leaves either
 * all of it or none of it.
 */
export function logDisposition(db: Database, clock: Clock, dispositions: readonly Disposition[], input: DispositionInput): CallLog {
  const disposition = dispositionByCode(dispositions, input.code);
  if (!disposition) throw new ApiError('invalid-input', `There is no disposition "${input.code}".`);

  return transaction(db, () => {
    const lead = getLead(db, input.leadId);
    const now = clock.now();
    const dialed = phonesOf(db, lead.id).find((p) => !p.bad && p.e164 !== null) ?? null;
    const stageAfter = disposition.moveTo && canMove(lead.stage, disposition.moveTo) ? disposition.moveTo : lead.stage;

    const call = db
      .prepare(
        `INSERT INTO calls (lead_id, phone_id, phone_e164, disposition_code, disposition_label, notes,
                            started_at, ended_at, stage_before, stage_after)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(lead.id, dialed?.id ?? null, dialed?.e164 ?? null, disposition.code, disposition.label, input.notes, now, now, lead.stage, stageAfter);
    const callId = Number(call.lastInsertRowid);

    db.prepare(
      `UPDATE leads SET
         attempts = attempts + ?,
         last_attempt_at = ?,
         last_disposition = ?,
         stage = ?,
         do_not_call = max(do_not_call, ?),
         retry_at = ?
       WHERE id = ?`,
    ).run(
      disposition.countsAsAttempt ? 1 : 0,
      now,
      disposition.label,
      stageAfter,
      disposition.doNotCall ? 1 : 0,
      disposition.retryAfterMinutes === undefined ? null : now + disposition.retryAfterMinutes * MINUTE,
      lead.id,
    );

    if (disposition.badNumber && dialed) db.prepare('UPDATE phones SET bad = 1 WHERE id = ?').run(dialed.id);
    if (stageAfter !== lead.stage) {
      db.prepare('INSERT INTO stage_history (lead_id, from_stage, to_stage, reason, call_id, at) VALUES (?, ?, ?, ?, ?, ?)').run(
        lead.id,
        lead.stage,
        stageAfter,
        disposition.label,
        callId,
        now,
      );
    }
    refreshQueueColumns(db, lead.id);
    return getCall(db, callId);
  });
}
