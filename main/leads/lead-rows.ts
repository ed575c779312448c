import type { Activity, ActivityType, CallLog, Lead, LeadCard, LeadSource, Phone, PhoneType, StageChange } from '../../shared/leads.ts';
import type { Stage } from '../../shared/stages.ts';
import { ApiError } from '../../shared/api-error.ts';
import type { Database } from '../store/database.ts';
import { cachedStatement } from '../store/statement-cache.ts';
import { SECOND_MS } from '../../shared/time-units.ts';

/** Reads leads and what hangs off them, shaped for the contract (ISO times, booleans). */

export interface LeadRow {
  id: number;
  crm_id: string | null;
  first_name: string;
  last_name: string;
  email: string | null;
  company: string | null;
  title: string | null;
  owner: string | null;
  stage: Stage;
  source: LeadSource | null;
  time_zone: string | null;
  requested_call: number;
  do_not_call: number;
  score: number;
  attempts: number;
  last_attempt_at: number | null;
  last_disposition: string | null;
  created_at: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function toLead(row: LeadRow): Lead {
  return {
    id: row.id,
    crmId: row.crm_id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    company: row.company,
    title: row.title,
    owner: row.owner,
    stage: row.stage,
    source: row.source,
    timeZone: row.time_zone,
    requestedCall: row.requested_call === 1,
    doNotCall: row.do_not_call === 1,
    score: row.score,
    attempts: row.attempts,
    lastAttemptAt: isoOrNull(row.last_attempt_at),
    lastDisposition: row.last_disposition,
    createdAt: iso(row.created_at),
  };
}

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

const CALL_COLUMNS = `c.id, c.lead_id, l.first_name, l.last_name, c.disposition_code, c.disposition_label,
  c.phone_e164, c.notes, c.started_at, c.ended_at, c.stage_before, c.stage_after, c.rep, c.answers, c.recommended, c.override_reason`;

/** The most activities and calls a card carries; older ones stay in the store. */
const CARD_HISTORY_LIMIT = 50;

export function findLead(db: Database, leadId: number): Lead | null {
  const row = cachedStatement(db, 'SELECT * FROM leads WHERE id = ?').get(leadId) as LeadRow | undefined;
  return row ? toLead(row) : null;
}

export function getLead(db: Database, leadId: number): Lead {
  const lead = findLead(db, leadId);
  if (!lead) throw new ApiError('not-found', `No lead with id ${leadId}.`);
  return lead;
}

export function phonesOf(db: Database, leadId: number): Phone[] {
  const rows = cachedStatement(db, 'SELECT id, raw, e164, type, bad FROM phones WHERE lead_id = ? ORDER BY position')
    .all(leadId) as { id: number; raw: string; e164: string | null; type: PhoneType; bad: number }[];
  return rows.map((r) => ({ id: r.id, raw: r.raw, e164: r.e164, type: r.type, bad: r.bad === 1 }));
}

export function getLeadCard(db: Database, leadId: number): LeadCard {
  const lead = getLead(db, leadId);
  const activities = (
    cachedStatement(db, 'SELECT id, type, title, url, occurred_at FROM activities WHERE lead_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?')
      .all(leadId, CARD_HISTORY_LIMIT) as { id: number; type: ActivityType; title: string; url: string | null; occurred_at: number }[]
  ).map((r): Activity => ({ id: r.id, type: r.type, title: r.title, url: r.url, occurredAt: iso(r.occurred_at) }));
  const calls = (
    cachedStatement(db, `SELECT ${CALL_COLUMNS} FROM calls c JOIN leads l ON l.id = c.lead_id WHERE c.lead_id = ? ORDER BY c.started_at DESC, c.id DESC LIMIT ?`)
      .all(leadId, CARD_HISTORY_LIMIT) as unknown as CallRow[]
  ).map(toCall);
  const stageHistory = (
    cachedStatement(db, 'SELECT from_stage, to_stage, reason, at, rep, call_id FROM stage_history WHERE lead_id = ? ORDER BY at DESC, id DESC LIMIT ?')
      .all(leadId, CARD_HISTORY_LIMIT) as { from_stage: Stage | null; to_stage: Stage; reason: string; at: number; rep: string | null; call_id: number | null }[]
  ).map((r): StageChange => ({ from: r.from_stage, to: r.to_stage, reason: r.reason, at: iso(r.at), rep: r.rep, callId: r.call_id }));
  const draft = (cachedStatement(db, 'SELECT text FROM note_drafts WHERE lead_id = ?').get(leadId) as { text: string } | undefined)?.text ?? '';
  return { lead, phones: phonesOf(db, leadId), activities, calls, stageHistory, draft };
}

export function getCall(db: Database, callId: number): CallLog {
  const row = cachedStatement(db, `SELECT ${CALL_COLUMNS} FROM calls c JOIN leads l ON l.id = c.lead_id WHERE c.id = ?`).get(callId) as
    | CallRow
    | undefined;
  if (!row) throw new ApiError('not-found', `No call with id ${callId}.`);
  return toCall(row);
}

export function recentCalls(db: Database, limit: number): CallLog[] {
  const rows = db
    .prepare(`SELECT ${CALL_COLUMNS} FROM calls c JOIN leads l ON l.id = c.lead_id ORDER BY c.started_at DESC, c.id DESC LIMIT ?`)
    .all(limit) as unknown as CallRow[];
  return rows.map(toCall);
}

export function countLeads(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM leads').get() as { n: number }).n;
}
