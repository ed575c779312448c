import { ApiError } from '../../shared/api-error.ts';
import type { ExportedFile } from '../../shared/imports.ts';
import type { Stage } from '../../shared/stages.ts';
import { csvLine } from '../csv/csv-write.ts';
import type { Database } from '../store/database.ts';
import { leadIdsOfList } from './call-lists.ts';

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

interface ExportRow {
  id: number;
  crm_id: string | null;
  first_name: string;
  last_name: string;
  email: string | null;
  company: string | null;
  title: string | null;
  stage: Stage;
  source: string | null;
  time_zone: string | null;
  region: string | null;
  country: string | null;
  requested_call: number;
  do_not_call: number;
  score: number;
  attempts: number;
  last_disposition: string | null;
  last_attempt_at: number | null;
  retry_at: number | null;
  created_at: number;
  phones: string | null;
  latest_notes: string | null;
}

export interface ExportedLead {
  nextcallId: number;
  crmId: string | null;
  firstName: string;
  lastName: string;
  email: string | null;
  company: string | null;
  title: string | null;
  stage: Stage;
  source: string | null;
  timeZone: string | null;
  region: string | null;
  country: string | null;
  requestedCall: boolean;
  doNotCall: boolean;
  score: number;
  attempts: number;
  lastDisposition: string | null;
  lastCallAt: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  phones: { e164: string | null; raw: string; type: string; bad: boolean }[];
  latestNotes: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function readLeads(db: Database, listName?: string): ExportedLead[] {
  let where = '';
  let params: number[] = [];
  if (listName) {
    const ids = leadIdsOfList(db, listName);
    if (ids === null) throw new ApiError('not-found', `There is no call list named "${listName}".`);
    where = `WHERE l.id IN (SELECT value FROM json_each(?))`;
    params = [JSON.stringify(ids) as unknown as number];
  }
  const rows = db
    .prepare(
      `SELECT l.*,
         (SELECT json_group_array(json_object('e164', p.e164, 'raw', p.raw, 'type', p.type, 'bad', p.bad))
            FROM (SELECT * FROM phones WHERE lead_id = l.id ORDER BY position) p) AS phones,
         (SELECT notes FROM calls c WHERE c.lead_id = l.id AND c.notes <> '' ORDER BY c.started_at DESC, c.id DESC LIMIT 1) AS latest_notes
       FROM leads l ${where} ORDER BY l.id`,
    )
    .all(...params) as unknown as ExportRow[];
  return rows.map((r) => ({
    nextcallId: r.id,
    crmId: r.crm_id,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    company: r.company,
    title: r.title,
    stage: r.stage,
    source: r.source,
    timeZone: r.time_zone,
    region: r.region,
    country: r.country,
    requestedCall: r.requested_call === 1,
    doNotCall: r.do_not_call === 1,
    score: r.score,
    attempts: r.attempts,
    lastDisposition: r.last_disposition,
    lastCallAt: iso(r.last_attempt_at),
    nextAttemptAt: iso(r.retry_at),
    createdAt: iso(r.created_at)!,
    phones: (JSON.parse(r.phones ?? '[]') as { e164: string | null; raw: string; type: string; bad: number }[]).map((p) => ({ ...p, bad: p.bad === 1 })),
    latestNotes: r.latest_notes,
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
  'Create Date',
  'Latest Call Notes',
];

function csvRow(lead: ExportedLead): string {
  const number = (p: ExportedLead['phones'][number]) => p.e164 ?? p.raw;
  const work = lead.phones.find((p) => p.type !== 'mobile');
  const mobile = lead.phones.find((p) => p.type === 'mobile');
  const others = lead.phones.filter((p) => p !== work && p !== mobile);
  const [lifecycle, status] = LIFECYCLE[lead.stage];
  return csvLine([
    lead.crmId,
    lead.nextcallId,
    lead.firstName,
    lead.lastName,
    lead.email,
    lead.company,
    lead.title,
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
    lead.lastCallAt,
    lead.nextAttemptAt,
    lead.createdAt,
    lead.latestNotes,
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
