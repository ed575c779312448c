import type { Activity, ActivityType, CallLog, Lead, LeadCard, Phone, PhoneType, StageChange } from '../../shared/leads.ts';
import type { Stage } from '../../shared/stages.ts';
import { ApiError } from '../../shared/api-error.ts';
import type { Queryable } from '../store/seam/store.ts';
import { SECOND_MS } from '../../shared/time-units.ts';
import { toLead, type LeadRow } from './lead-rows.ts';

/**
 * A lead and what hangs off it, shaped for the contract (ISO times, booleans), read through the
 * store seam: the card the console shows, the call a disposition logged. The same reads on the
 * rep's SQLite store and the team's PostgreSQL.
 */
interface CallRow {
  id: number;
  lead_id: number;
  first_name: string;
  last_name: string;
  disposition_code: string;
  disposition_label: string;
  phone_e164: string | null;
  notes: string;
  started_at: number;
  ended_at: number;
  stage_before: Stage;
  stage_after: Stage;
  rep: string | null;
  answers: string | null;
  recommended: string | null;
  override_reason: string | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

const CALL_COLUMNS = `c.id, c.lead_id, l.first_name, l.last_name, c.disposition_code, c.disposition_label,
  c.phone_e164, c.notes, c.started_at, c.ended_at, c.stage_before, c.stage_after, c.rep, c.answers, c.recommended, c.override_reason`;

/** The most activities and calls a card carries; older ones stay in the store. */
const CARD_HISTORY_LIMIT = 50;

function toCall(row: CallRow): CallLog {
  return {
    id: row.id,
    leadId: row.lead_id,
    leadName: `${row.first_name} ${row.last_name}`.trim(),
    dispositionCode: row.disposition_code,
    dispositionLabel: row.disposition_label,
    phoneE164: row.phone_e164,
    notes: row.notes,
    startedAt: iso(row.started_at),
    durationSeconds: Math.round((row.ended_at - row.started_at) / SECOND_MS),
    stageBefore: row.stage_before,
    stageAfter: row.stage_after,
    rep: row.rep,
    answers: row.answers ? (JSON.parse(row.answers) as CallLog['answers']) : {},
    recommended: row.recommended,
    reason: row.override_reason,
  };
}

export async function findLead(q: Queryable, leadId: number): Promise<Lead | null> {
  const row = await q.one<LeadRow>('SELECT * FROM leads WHERE id = ?', [leadId]);
  return row ? toLead(row) : null;
}

const noSuchLead = (leadId: number) => new ApiError('not-found', `No lead with id ${leadId}.`);

export async function getLead(q: Queryable, leadId: number): Promise<Lead> {
  const lead = await findLead(q, leadId);
  if (!lead) throw noSuchLead(leadId);
  return lead;
}

export async function phonesOf(q: Queryable, leadId: number): Promise<Phone[]> {
  const rows = await q.all<{ id: number; raw: string; e164: string | null; type: PhoneType; bad: number }>(
    'SELECT id, raw, e164, type, bad FROM phones WHERE lead_id = ? ORDER BY position',
    [leadId],
  );
  return rows.map((r) => ({ id: r.id, raw: r.raw, e164: r.e164, type: r.type, bad: r.bad === 1 }));
}

export async function getLeadCard(q: Queryable, leadId: number): Promise<LeadCard> {
  // The lead and the rep's note in progress in one statement (on PostgreSQL one round trip less).
  const row = await q.one<LeadRow & { draft_text: string | null }>('SELECT leads.*, (SELECT text FROM note_drafts WHERE lead_id = leads.id) AS draft_text FROM leads WHERE id = ?', [leadId]);
  if (!row) throw noSuchLead(leadId);
  const lead = toLead(row);
  const activities = (
    await q.all<{ id: number; type: ActivityType; title: string; url: string | null; occurred_at: number }>(
      'SELECT id, type, title, url, occurred_at FROM activities WHERE lead_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?',
      [leadId, CARD_HISTORY_LIMIT],
    )
  ).map((r): Activity => ({ id: r.id, type: r.type, title: r.title, url: r.url, occurredAt: iso(r.occurred_at) }));
  const calls = (
    await q.all<CallRow>(`SELECT ${CALL_COLUMNS} FROM calls c JOIN leads l ON l.id = c.lead_id WHERE c.lead_id = ? ORDER BY c.started_at DESC, c.id DESC LIMIT ?`, [
      leadId,
      CARD_HISTORY_LIMIT,
    ])
  ).map(toCall);
  const stageHistory = (
    await q.all<{ from_stage: Stage | null; to_stage: Stage; reason: string; at: number; rep: string | null; call_id: number | null }>(
      'SELECT from_stage, to_stage, reason, at, rep, call_id FROM stage_history WHERE lead_id = ? ORDER BY at DESC, id DESC LIMIT ?',
      [leadId, CARD_HISTORY_LIMIT],
    )
  ).map((r): StageChange => ({ from: r.from_stage, to: r.to_stage, reason: r.reason, at: iso(r.at), rep: r.rep, callId: r.call_id }));
  return { lead, phones: await phonesOf(q, leadId), activities, calls, stageHistory, draft: row.draft_text ?? '' };
}

export async function getCall(q: Queryable, callId: number): Promise<CallLog> {
  const row = await q.one<CallRow>(`SELECT ${CALL_COLUMNS} FROM calls c JOIN leads l ON l.id = c.lead_id WHERE c.id = ?`, [callId]);
  if (!row) throw new ApiError('not-found', `No call with id ${callId}.`);
  return toCall(row);
}

/** The latest calls logged; of one rep only when `rep` is given (a rep on the team server reads their own). */
export async function recentCalls(q: Queryable, limit: number, rep: string | null = null): Promise<CallLog[]> {
  const whose = rep === null ? '' : `WHERE ${q.dialect.sameTextAs('c.rep')} `;
  return (
    await q.all<CallRow>(`SELECT ${CALL_COLUMNS} FROM calls c JOIN leads l ON l.id = c.lead_id ${whose}ORDER BY c.started_at DESC, c.id DESC LIMIT ?`, [...(rep === null ? [] : [rep]), limit])
  ).map(toCall);
}
