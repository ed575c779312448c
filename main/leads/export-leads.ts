import { DatabaseSync } from 'node:sqlite';
import { ApiError } from '../../shared/api-error.ts';
import { LIST_SIZED_EXPORT, type LeadExportResult } from '../../shared/lead-export.ts';
import type { ExportedFile } from '../../shared/imports.ts';
import type { Lead } from '../../shared/leads.ts';
import type { Stage } from '../../shared/stages.ts';
import { csvDocument, csvLine } from '../csv/csv-write.ts';
import type { Database } from '../store/database.ts';
import type { Queryable } from '../store/seam/store.ts';
import type { Answers } from '../../shared/scripts/script-schema.ts';
import { answersText } from '../calls/handoffs.ts';
import { callListScope, listScope } from './call-lists.ts';
import { toLead, type LeadRow } from './lead-rows.ts';

/**
 * Leads out, for the CRM: one row per lead with what Nextcall learnt (stage, attempts, last
 * outcome, notes). The headers are HubSpot's own, so the file re-imports into HubSpot, into
 * Salesforce with its import wizard's automatic matching, and into Nextcall, unchanged.
 * Stages are written as HubSpot lifecycle stage plus lead status (nurture is "lead" with status
 * BAD_TIMING; disqualified is "other" with status UNQUALIFIED), which Nextcall reads back as they were.
 */
export type ExportFormat = 'csv' | 'json';

/** Bumped whenever a field of the JSON export changes meaning or goes away. */
export const LEAD_EXPORT_SCHEMA_VERSION = 1;

const LIFECYCLE: Record<Stage, [lifecycle: string, status: string]> = {
  cold: ['other', 'NEW'],
  IQL: ['lead', 'OPEN'],
  MQL: ['marketingqualifiedlead', 'OPEN'],
  SQL: ['salesqualifiedlead', 'CONNECTED'],
  nurture: ['lead', 'BAD_TIMING'],
  disqualified: ['other', 'UNQUALIFIED'],
};

type ExportRow = LeadRow & {
  region: string | null;
  country: string | null;
  retry_at: number | null;
  next_callback_at: number | null;
  latest_notes: string | null;
  latest_answers: string | null;
  handoff_why: string | null;
};

type PhoneRow = { e164: string | null; raw: string; type: string; bad: number };

/** A lead as exported: the lead itself, where it is, its numbers, what comes next, the latest notes. */
export type ExportedLead = Lead & {
  region: string | null;
  country: string | null;
  nextAttemptAt: string | null;
  /** The earliest callback a rep booked and has not made yet. */
  nextCallbackAt: string | null;
  phones: { e164: string | null; raw: string; type: string; bad: boolean }[];
  latestNotes: string | null;
  /** The answers of the latest call that has any. */
  latestAnswers: Answers;
  /** Why the lead was handed to sales, if it was. */
  handoffReason: string | null;
};

/**
 * One SELECT, read row by row. Each lead's latest handoff comes from a join (handoffs have no
 * index on the lead, so a subquery per lead would scan them all for every lead); SQLite builds
 * a temporary index on the joined table once.
 */
const LATEST_HANDOFF = `
  WITH latest_handoff AS (
    SELECT lead_id, why FROM (SELECT lead_id, why, row_number() OVER (PARTITION BY lead_id ORDER BY at DESC, id DESC) AS n FROM handoffs) AS ranked WHERE n = 1
  )`;

/** What comes next for a lead and what was said last: columns both stores read alike. */
const NEXT_AND_LATEST = `
    (SELECT min(due_at) FROM callbacks cb WHERE cb.lead_id = leads.id AND cb.done_by_call_id IS NULL) AS next_callback_at,
    (SELECT notes FROM calls c WHERE c.lead_id = leads.id AND c.notes <> '' ORDER BY c.started_at DESC, c.id DESC LIMIT 1) AS latest_notes,
    (SELECT answers FROM calls c WHERE c.lead_id = leads.id AND c.answers IS NOT NULL AND c.answers <> '{}' ORDER BY c.started_at DESC, c.id DESC LIMIT 1) AS latest_answers`;

/** The rep's own store, streamed: the numbers (as JSON) and the latest handoff in the one statement. */
const SELECT_LEADS = `${LATEST_HANDOFF}
  SELECT leads.*, h.why AS handoff_why,
    (SELECT json_group_array(json_object('e164', p.e164, 'raw', p.raw, 'type', p.type, 'bad', p.bad))
       FROM (SELECT * FROM phones WHERE lead_id = leads.id ORDER BY position) p) AS phones,${NEXT_AND_LATEST}
  FROM leads LEFT JOIN latest_handoff h ON h.lead_id = leads.id`;

/** Through the seam: the lead's own columns; its numbers and handoff are read beside (leadExportOnStore). */
const SELECT_LEAD_FACTS = `SELECT leads.*,${NEXT_AND_LATEST}
  FROM leads`;

function toExportedLead(r: ExportRow, phones: PhoneRow[]): ExportedLead {
  return {
    ...toLead(r),
    region: r.region,
    country: r.country,
    nextAttemptAt: r.retry_at === null ? null : new Date(r.retry_at).toISOString(),
    nextCallbackAt: r.next_callback_at === null ? null : new Date(r.next_callback_at).toISOString(),
    phones: phones.map((p) => ({ e164: p.e164, raw: p.raw, type: p.type, bad: p.bad === 1 })),
    latestNotes: r.latest_notes,
    latestAnswers: r.latest_answers ? (JSON.parse(r.latest_answers) as Answers) : {},
    handoffReason: r.handoff_why ? (JSON.parse(r.handoff_why) as { summary: string }).summary : null,
  };
}

/** Which leads: all of them, or a call list's (its filter, as the queue reads it). */
function scopeOf(db: Database, listName: string | undefined): { where: string; params: (string | number)[] } {
  return listName ? callListScope(db, listName).list : { where: '1', params: [] };
}

/**
 * The rows, from a read-only connection of their own inside one read transaction: the file is
 * the store at one instant, even while reps log calls during a long export (WAL lets them write
 * meanwhile), and the console's own connection is never left with a statement half read.
 * A store in memory (no file) is read on its own connection.
 */
function* snapshotRows(db: Database, sql: string, params: (string | number)[]): Generator<ExportedLead> {
  const file = db.location();
  const reader = file ? new DatabaseSync(file, { readOnly: true }) : db;
  try {
    if (reader !== db) reader.exec('BEGIN');
    for (const row of reader.prepare(sql).iterate(...params)) {
      const r = row as unknown as ExportRow & { phones: string | null };
      yield toExportedLead(r, JSON.parse(r.phones ?? '[]') as PhoneRow[]);
    }
  } finally {
    if (reader !== db) reader.close();
  }
}

const HEADERS = [
  'Record ID',
  'Nextcall ID',
  'First Name',
  'Last Name',
  'Email',
  'Company Name',
  'Job Title',
  'Contact owner',
  'Phone Number',
  'Mobile Phone Number',
  'Other Phone Numbers',
  'Lifecycle Stage',
  'Lead Status',
  'Nextcall Stage',
  'Original Source',
  'Time Zone',
  'State/Region',
  'Country/Region',
  'Requested Call',
  'Do Not Call',
  'Lead Score',
  'Call Attempts',
  'Last Disposition',
  'Last Call Date',
  'Next Attempt Date',
  'Next Callback Date',
  'Create Date',
  'Latest Call Notes',
  'Qualification Answers',
  'Handoff Reason',
  // Last, so the columns before keep the places CRM mappings saved for them.
  'Bad Phone Numbers',
];

function csvRow(lead: ExportedLead): string {
  const number = (p: ExportedLead['phones'][number]) => p.e164 ?? p.raw;
  const work = lead.phones.find((p) => p.type !== 'mobile');
  const mobile = lead.phones.find((p) => p.type === 'mobile');
  const others = lead.phones.filter((p) => p !== work && p !== mobile);
  const [lifecycle, status] = LIFECYCLE[lead.stage];
  return csvLine([
    lead.crmId,
    lead.id,
    lead.firstName,
    lead.lastName,
    lead.email,
    lead.company,
    lead.title,
    lead.owner,
    work && number(work),
    mobile && number(mobile),
    others.map(number).join('; '),
    lifecycle,
    status,
    lead.stage,
    lead.source,
    lead.timeZone,
    lead.region,
    lead.country,
    lead.requestedCall ? 'true' : 'false',
    lead.doNotCall ? 'true' : 'false',
    lead.score,
    lead.attempts,
    lead.lastDisposition,
    lead.lastAttemptAt,
    lead.nextAttemptAt,
    lead.nextCallbackAt,
    lead.createdAt,
    lead.latestNotes,
    answersText(lead.latestAnswers),
    lead.handoffReason,
    lead.phones.filter((p) => p.bad).map(number).join('; '),
  ]);
}

/** An export ready to run: its name, its size in leads, and its text piece by piece. */
export interface LeadExport {
  fileName: string;
  mimeType: string;
  leads: number;
  /** The file's text in pieces of about CHUNK_CHARS, read from the store as they are asked for. */
  chunks(): Generator<string>;
}

const CHUNK_CHARS = 256 * 1024;

/** Prepares an export (checks the list, counts its leads); nothing is read until chunks() is. */
export function leadExport(db: Database, format: ExportFormat, listName?: string): LeadExport {
  const { where, params } = scopeOf(db, listName);
  const { n } = db.prepare(`SELECT count(*) AS n FROM leads WHERE ${where}`).get(...params) as { n: number };
  const sql = `${SELECT_LEADS} WHERE ${where} ORDER BY leads.id`;
  return exportOf(format, listName, n, () => snapshotRows(db, sql, params));
}

function exportOf(format: ExportFormat, listName: string | undefined, leads: number, rows: () => Iterable<ExportedLead>): LeadExport {
  const base = `nextcall-leads${listName ? `-${listName.replace(/[^\w-]+/g, '-')}` : ''}`;
  if (format === 'json') {
    return { fileName: `${base}.json`, mimeType: 'application/json', leads, chunks: () => pieces(jsonText(rows(), listName ?? null)) };
  }
  return { fileName: `${base}.csv`, mimeType: 'text/csv', leads, chunks: () => pieces(csvText(rows())) };
}

/**
 * The same export read through the store seam, on either store (the team server's): the leads,
 * then their numbers and latest handoffs, in one read transaction (repeatable read on
 * PostgreSQL), so the file is the store at one instant. The leads are held in memory until the
 * file is written, so an export on the seam is at most a list's size (LIST_SIZED_EXPORT); more is
 * refused before anything is read. A rep's own store streams any size (leadExport, above).
 */
export async function leadExportOnStore(q: Queryable, format: ExportFormat, listName?: string): Promise<LeadExport> {
  const leads = await q.transaction(
    async (tx) => {
      const { where, params } = listName ? (await listScope(tx, listName)).list : { where: '1 = 1', params: [] };
      const n = (await tx.one<{ n: number }>(`SELECT count(*) AS n FROM leads WHERE ${where}`, params))!.n;
      if (n > LIST_SIZED_EXPORT) throw tooManyToHandOver(n);
      const rows = await tx.all<ExportRow>(`${SELECT_LEAD_FACTS} WHERE ${where} ORDER BY leads.id`, params);
      const scope = `SELECT leads.id FROM leads WHERE ${where}`;
      const phones = new Map<number, PhoneRow[]>();
      for (const p of await tx.all<PhoneRow & { lead_id: number }>(`SELECT lead_id, e164, raw, type, bad FROM phones WHERE lead_id IN (${scope}) ORDER BY lead_id, position`, params)) {
        phones.set(p.lead_id, [...(phones.get(p.lead_id) ?? []), p]);
      }
      const handoffs = new Map(
        (await tx.all<{ lead_id: number; why: string }>(`${LATEST_HANDOFF} SELECT lead_id, why FROM latest_handoff WHERE lead_id IN (${scope})`, params)).map((h) => [h.lead_id, h.why]),
      );
      return rows.map((r) => toExportedLead({ ...r, handoff_why: handoffs.get(r.id) ?? null }, phones.get(r.id) ?? []));
    },
    { isolation: 'repeatable read' },
  );
  return exportOf(format, listName, leads.length, () => leads);
}

function tooManyToHandOver(leads: number): ApiError {
  return new ApiError(
    'invalid-input',
    `${leads.toLocaleString('en-US')} leads are more than can be handed over in one piece (${LIST_SIZED_EXPORT.toLocaleString('en-US')}): export from the console, or with npm run cli -- export leads --out FILE.`,
  );
}

/**
 * The export as one file in memory: for a list-sized export only (the API's answer, the tests).
 * A whole store goes through chunks() to a file or a download instead.
 */
export function exportLeads(db: Database, format: ExportFormat, listName?: string): ExportedFile {
  const file = leadExport(db, format, listName);
  return { fileName: file.fileName, mimeType: file.mimeType, content: [...file.chunks()].join('') };
}

/** A shell's way to take an export as a stream: to a file the team lead chose, or a download. */
export type ExportSink = (file: LeadExport) => Promise<LeadExportResult>;

/**
 * `leads.export`: through the shell's sink when it has one; otherwise (no shell to stream to)
 * the file itself, up to a list's size, so no caller can make the process build a million-lead
 * string.
 */
export async function exportLeadsThrough(file: LeadExport, sink: ExportSink | undefined): Promise<LeadExportResult> {
  if (sink) return sink(file);
  if (file.leads > LIST_SIZED_EXPORT) throw tooManyToHandOver(file.leads);
  return { kind: 'file', file: { fileName: file.fileName, mimeType: file.mimeType, content: [...file.chunks()].join('') }, leads: file.leads };
}

function* csvText(leads: Iterable<ExportedLead>): Generator<string> {
  yield csvDocument([csvLine(HEADERS)]);
  for (const lead of leads) yield `${csvRow(lead)}\r\n`;
}

/** The same text JSON.stringify(…, null, 2) would give, written one lead at a time. */
function* jsonText(leads: Iterable<ExportedLead>, list: string | null): Generator<string> {
  const head = JSON.stringify({ schemaVersion: LEAD_EXPORT_SCHEMA_VERSION, list }, null, 2).slice(0, -2);
  let first = true;
  for (const exported of leads) {
    const lead = JSON.stringify(exported, null, 2).replaceAll('\n', '\n    ');
    yield first ? `${head},\n  "leads": [\n    ${lead}` : `,\n    ${lead}`;
    first = false;
  }
  yield first ? `${head},\n  "leads": []\n}\n` : '\n  ]\n}\n';
}

/** Gathers small strings into pieces of about CHUNK_CHARS, so a writer is not called per row. */
function* pieces(parts: Iterable<string>): Generator<string> {
  let buffer: string[] = [];
  let size = 0;
  for (const part of parts) {
    buffer.push(part);
    size += part.length;
    if (size >= CHUNK_CHARS) {
      yield buffer.join('');
      buffer = [];
      size = 0;
    }
  }
  if (buffer.length) yield buffer.join('');
}
