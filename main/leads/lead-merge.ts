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

/** What the store holds under a row's keys: a lead's id and the identity it is compared by. */
export type Candidate = Identity & { id: number };
export type Identity = { crm_id: string | null; email: string | null; first_name: string };
const CANDIDATE = 'id, crm_id, email, first_name';
const BY_CRM_ID = 'SELECT id FROM leads WHERE crm_id = ?';
const IDENTITY = `SELECT ${CANDIDATE} FROM leads WHERE id = ?`;
const BY_EMAIL = `SELECT ${CANDIDATE} FROM leads WHERE email = ? ORDER BY id LIMIT 1`;
const BY_NUMBER = `SELECT DISTINCT l.id, l.crm_id, l.email, l.first_name FROM phones p JOIN leads l ON l.id = p.lead_id WHERE p.e164 = ? ORDER BY l.id LIMIT 20`;

export interface Candidates {
  /** The lead with the row's CRM id. */
  byCrmId: number | undefined;
  /** The first lead with the row's email. */
  byEmail: Candidate | undefined;
  /** For each of the row's numbers in E.164, in the row's order: the leads that have it. */
  byNumber: Candidate[][];
}

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

/**
 * The lead a row describes, among what the store holds under its keys: a CRM id names a lead
 * outright; then the email's lead, then each number's leads in turn, each only if `samePerson`.
 */
export function chooseMatch(lead: ImportedLead, found: Candidates): number | undefined {
  if (found.byCrmId !== undefined) return found.byCrmId;
  if (found.byEmail && samePerson(found.byEmail, lead)) return found.byEmail.id;
  for (const hits of found.byNumber) {
    const match = hits.find((hit) => samePerson(hit, lead));
    if (match) return match.id;
  }
  return undefined;
}

/**
 * The same lookups in one statement, for a store a round trip away (PostgreSQL): rows tagged
 * `key` 'c' (CRM id), 'e' (email) or 'p' with `n`, the number's place among the row's numbers.
 */
export function candidatesQuery(lead: ImportedLead): { sql: string; params: SqlValue[] } {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  if (lead.crmId) {
    parts.push(`SELECT 'c' AS key, 0 AS n, ${CANDIDATE} FROM leads WHERE crm_id = ?`);
    params.push(lead.crmId);
  }
  if (lead.email) {
    parts.push(`SELECT * FROM (SELECT 'e' AS key, 0 AS n, ${CANDIDATE} FROM leads WHERE email = ? ORDER BY id LIMIT 1) AS e`);
    params.push(lead.email);
  }
  numbersOf(lead).forEach((e164, n) => {
    parts.push(`SELECT * FROM (SELECT DISTINCT 'p' AS key, ${n} AS n, l.id, l.crm_id, l.email, l.first_name FROM phones p JOIN leads l ON l.id = p.lead_id
                WHERE p.e164 = ? ORDER BY l.id LIMIT 20) AS p${n}`);
    params.push(e164);
  });
  return { sql: parts.join(' UNION ALL '), params };
}

/** candidatesQuery's rows as the candidates `chooseMatch` weighs. */
export function candidatesFrom(lead: ImportedLead, rows: readonly (Candidate & { key: string; n: number })[]): Candidates {
  const byNumber: Candidate[][] = numbersOf(lead).map(() => []);
  let byCrmId: number | undefined;
  let byEmail: Candidate | undefined;
  for (const { key, n, ...candidate } of [...rows].sort((a, b) => a.id - b.id)) {
    if (key === 'c') byCrmId = candidate.id;
    else if (key === 'e') byEmail = candidate;
    else byNumber[n]!.push(candidate);
  }
  return { byCrmId, byEmail, byNumber };
}

const numbersOf = (lead: ImportedLead): string[] => lead.phones.flatMap((p) => (p.e164 ? [p.e164] : []));

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

/** The same, its id named: the SQLite writer numbers the leads it holds to write 50 at a time (lead-writer.ts). */
const INSERT_LEAD_WITH_ID = INSERT_LEAD.replace('INSERT INTO leads (', 'INSERT INTO leads (id, ').replace('VALUES (', 'VALUES (?, ');

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
  insertLeadWithId: INSERT_LEAD_WITH_ID,
  updateMerged: UPDATE_MERGED,
  addZone: ADD_ZONE,
  hasNumber: HAS_NUMBER,
  nextPosition: NEXT_POSITION,
  insertPhone: INSERT_PHONE,
  insertActivity: INSERT_ACTIVITY,
  logBefore: LOG_BEFORE,
} as const;
