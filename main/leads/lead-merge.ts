import { DEFAULT_QUEUE_RULES } from '../../shared/queue-rules.ts';
import { queueColumns } from '../queue/queue-columns.ts';
import type { SqlValue } from '../store/seam/store.ts';
import type { ImportedLead } from './lead-row.ts';

/**
 * The importer's rules for one lead, as plain functions: who a row is (matching), what a new lead
 * is written as, and what a lead already in the store becomes when a row completes it. Both
 * writers call them, the SQLite import's tuned one (lead-writer.ts) and the one on the store seam
 * (lead-upsert.ts, on either store), so a rule is said once, here.
 */

/** The columns an import may fill on a lead it finds already in the store (and undo restores). */
export const IMPORT_UPDATED_COLUMNS = [
  'crm_id',
  'first_name',
  'last_name',
  'email',
  'company',
  'title',
  'owner',
  'source',
  'time_zone',
  'region',
  'country',
  'requested_call',
  'do_not_call',
  'score',
  'last_activity_at',
  'hand_raised_at',
] as const;

export type ImportUpdatedColumn = (typeof IMPORT_UPDATED_COLUMNS)[number];
/** A lead's importable columns as the store holds them (flags 0/1, times in ms). */
export type LeadColumns = Record<ImportUpdatedColumn, SqlValue>;

/** What a completed lead is read as: its importable columns, and when it was last called. */
const MERGE_READ = `SELECT id, ${IMPORT_UPDATED_COLUMNS.join(', ')}, last_attempt_at FROM leads WHERE id = ?`;
export type MergeRow = LeadColumns & { id: number; last_attempt_at: number | null };

/** Matching, in order: a CRM id names a lead outright; an email, then each number, name one only if `samePerson` agrees. */
const BY_CRM_ID = 'SELECT id FROM leads WHERE crm_id = ?';
const BY_EMAIL = 'SELECT id FROM leads WHERE email = ? LIMIT 1';
const BY_NUMBER = 'SELECT DISTINCT lead_id AS id FROM phones WHERE e164 = ? ORDER BY lead_id LIMIT 20';
const IDENTITY = 'SELECT crm_id, email, first_name FROM leads WHERE id = ?';
export type Identity = { crm_id: string | null; email: string | null; first_name: string };

/**
 * Two records are not the same person when they carry different CRM ids or different emails;
 * a shared address (info@…) or a shared number (a switchboard) also needs the same first name,
 * or one of them blank.
 */
export function samePerson(found: Identity, lead: ImportedLead): boolean {
  if (found.crm_id && lead.crmId && found.crm_id !== lead.crmId) return false;
  if (found.email && lead.email && found.email !== lead.email) return false;
  return !found.first_name || !lead.firstName || found.first_name.toLowerCase() === lead.firstName.toLowerCase();
}

/** When the lead asked for a call: its latest call or demo request, or the import for a flag. */
export function handRaisedAt(lead: ImportedLead): number | null {
  if (!lead.requestedCall) return null;
  const requests = lead.activities.filter((a) => a.type === 'call-request' || a.type === 'demo-request').map((a) => a.occurredAt);
  return requests.length ? Math.max(...requests) : lead.createdAt;
}

const latestActivity = (lead: ImportedLead): number | null => (lead.activities.length ? Math.max(...lead.activities.map((a) => a.occurredAt)) : null);

/** A new lead's row, positional, in INSERT_LEAD's order. */
const INSERT_LEAD = `
  INSERT INTO leads (crm_id, first_name, last_name, email, company, title, owner, source, time_zone, region, country,
                     requested_call, do_not_call, score, last_activity_at, stage, created_at, import_batch_id, callable, stage_rank,
                     hand_raised_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function newLeadValues(lead: ImportedLead, batchId: number | null, lifetimeAttemptCap = DEFAULT_QUEUE_RULES.lifetimeAttemptCap): SqlValue[] {
  const facts = { stage: lead.stage, doNotCall: lead.doNotCall, numbers: lead.phones, attempts: 0, retryAt: null };
  const { callable, stageRank } = queueColumns(facts, lifetimeAttemptCap);
  return [
    lead.crmId,
    lead.firstName,
    lead.lastName,
    lead.email,
    lead.company,
    lead.title,
    lead.owner,
    lead.source,
    lead.timeZone,
    lead.region,
    lead.country,
    lead.requestedCall ? 1 : 0,
    lead.doNotCall ? 1 : 0,
    lead.score,
    latestActivity(lead),
    lead.stage,
    lead.createdAt,
    batchId,
    callable,
    stageRank,
    handRaisedAt(lead),
  ];
}

const filled = (now: SqlValue, incoming: SqlValue): SqlValue => now ?? incoming;
const higher = (now: SqlValue, incoming: number): number => Math.max(Number(now ?? 0), incoming);

/**
 * A lead the store has, completed by a row: blanks filled, flags raised (never lowered), the score
 * and the latest activity the higher, never anything overwritten. A request for a call newer than
 * the lead's last call makes it a hand-raiser again (a request older than that call was answered).
 */
export function mergedColumns(now: MergeRow, lead: ImportedLead): LeadColumns {
  const activityAt = latestActivity(lead);
  const raisedAt = handRaisedAt(lead);
  const answered = now.last_attempt_at !== null && raisedAt !== null && now.last_attempt_at >= raisedAt;
  return {
    crm_id: filled(now.crm_id, lead.crmId),
    first_name: now.first_name === '' ? lead.firstName : now.first_name,
    last_name: now.last_name === '' ? lead.lastName : now.last_name,
    email: filled(now.email, lead.email),
    company: filled(now.company, lead.company),
    title: filled(now.title, lead.title),
    owner: filled(now.owner, lead.owner),
    source: filled(now.source, lead.source),
    time_zone: filled(now.time_zone, lead.timeZone),
    region: filled(now.region, lead.region),
    country: filled(now.country, lead.country),
    requested_call: higher(now.requested_call, lead.requestedCall ? 1 : 0),
    do_not_call: higher(now.do_not_call, lead.doNotCall ? 1 : 0),
    score: higher(now.score, lead.score),
    last_activity_at: activityAt === null ? now.last_activity_at : higher(now.last_activity_at, activityAt),
    hand_raised_at: raisedAt !== null && !answered ? filled(now.hand_raised_at, raisedAt) : now.hand_raised_at,
  };
}

/** The importable columns alone, as the undo log keeps them (`import_changes.before`/`after`). */
export function importedColumnsJson(row: LeadColumns): string {
  return JSON.stringify(Object.fromEntries(IMPORT_UPDATED_COLUMNS.map((c) => [c, row[c]])));
}

const UPDATE_MERGED = `UPDATE leads SET ${IMPORT_UPDATED_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`;
export const updateMergedValues = (id: number, columns: LeadColumns): SqlValue[] => [...IMPORT_UPDATED_COLUMNS.map((c) => columns[c]), id];

const ADD_ZONE = 'INSERT INTO queue_zones (time_zone) VALUES (?) ON CONFLICT (time_zone) DO NOTHING';
const HAS_NUMBER = 'SELECT 1 AS found FROM phones WHERE lead_id = ? AND (e164 = ? OR raw = ?)';
const NEXT_POSITION = 'SELECT coalesce(max(position), -1) + 1 AS p FROM phones WHERE lead_id = ?';
const INSERT_PHONE = 'INSERT INTO phones (lead_id, position, raw, e164, type, import_batch_id, bad) VALUES (?, ?, ?, ?, ?, ?, ?)';
const INSERT_ACTIVITY = `INSERT INTO activities (lead_id, type, title, url, occurred_at, details, import_batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (lead_id, type, title, occurred_at) DO NOTHING`;
const LOG_BEFORE = 'INSERT INTO import_changes (batch_id, lead_id, before) VALUES (?, ?, ?) ON CONFLICT (batch_id, lead_id) DO NOTHING';

/** The statements both writers run, one text each (the seam's SQL: `?`, ON CONFLICT, both stores). */
export const LEAD_SQL = {
  byCrmId: BY_CRM_ID,
  byEmail: BY_EMAIL,
  byNumber: BY_NUMBER,
  identity: IDENTITY,
  mergeRead: MERGE_READ,
  insertLead: INSERT_LEAD,
  updateMerged: UPDATE_MERGED,
  addZone: ADD_ZONE,
  hasNumber: HAS_NUMBER,
  nextPosition: NEXT_POSITION,
  insertPhone: INSERT_PHONE,
  insertActivity: INSERT_ACTIVITY,
  logBefore: LOG_BEFORE,
} as const;
