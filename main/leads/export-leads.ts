import { ApiError } from '../../shared/api-error.ts';
import type { ExportedFile } from '../../shared/imports.ts';
import type { Lead } from '../../shared/leads.ts';
import type { Stage } from '../../shared/stages.ts';
import { csvLine } from '../csv/csv-write.ts';
import type { Database } from '../store/database.ts';
import type { Answers } from '../../shared/scripts/script-schema.ts';
import { answersText } from '../calls/handoffs.ts';
import { leadIdsOfList } from './call-lists.ts';
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
  phones: string | null;
  latest_notes: string | null;
  latest_answers: string | null;
  handoff_why: string | null;
};

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

function readLeads(db: Database, listName?: string): ExportedLead[] {
  let where = '';
  let params: string[] = [];
  if (listName) {
    const ids = leadIdsOfList(db, listName);
    if (ids === null) throw new ApiError('not-found', `There is no call list named "${listName}".`);
    where = `WHERE l.id IN (SELECT value FROM json_each(?))`;
    params = [JSON.stringify(ids)];
  }
  const rows = db
    .prepare(
      `SELECT l.*,
         (SELECT json_group_array(json_object('e164', p.e164, 'raw', p.raw, 'type', p.type, 'bad', p.bad))
            FROM (SELECT * FROM phones WHERE lead_id = l.id ORDER BY position) p) AS phones,
         (SELECT min(due_at) FROM callbacks cb WHERE cb.lead_id = l.id AND cb.done_by_call_id IS NULL) AS next_callback_at,
         (SELECT notes FROM calls c WHERE c.lead_id = l.id AND c.notes <> '' ORDER BY c.started_at DESC, c.id DESC LIMIT 1) AS latest_notes,
         (SELECT answers FROM calls c WHERE c.lead_id = l.id AND c.answers IS NOT NULL AND c.answers <> '{}' ORDER BY c.started_at DESC, c.id DESC LIMIT 1) AS latest_answers,
         (SELECT why FROM handoffs h WHERE h.lead_id = l.id ORDER BY h.at DESC, h.id DESC LIMIT 1) AS handoff_why
       FROM leads l ${where} ORDER BY l.id`,
    )
    .all(...params) as unknown as ExportRow[];
  return rows.map((r) => ({
    ...toLead(r),
    region: r.region,
    country: r.country,
    nextAttemptAt: r.retry_at === null ? null : new Date(r.retry_at).toISOString(),
    nextCallbackAt: r.next_callback_at === null ? null : new Date(r.next_callback_at).toISOString(),
    phones: (JSON.parse(r.phones ?? '[]') as { e164: string | null; raw: string; type: string; bad: number }[]).map((p) => ({ ...p, bad: p.bad === 1 })),
    latestNotes: r.latest_notes,
    latestAnswers: r.latest_answers ? (JSON.parse(r.latest_answers) as Answers) : {},
    handoffReason: r.handoff_why ? (JSON.parse(r.handoff_why) as { summary: string }).summary : null,
  }));
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
  ]);
}

export function exportLeads(db: Database, format: ExportFormat, listName?: string): ExportedFile {
  const leads = readLeads(db, listName);
  const base = `nextcall-leads${listName ? `-${listName.replace(/[^\w-]+/g, '-')}` : ''}`;
  if (format === 'json') {
    return {
      fileName: `${base}.json`,
      mimeType: 'application/json',
      content: `${JSON.stringify({ schemaVersion: LEAD_EXPORT_SCHEMA_VERSION, list: listName ?? null, leads }, null, 2)}\n`,
    };
  }
  return { fileName: `${base}.csv`, mimeType: 'text/csv', content: `${[csvLine(HEADERS), ...leads.map(csvRow)].join('\r\n')}\r\n` };
}
