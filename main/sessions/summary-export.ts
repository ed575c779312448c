import type { ExportedFile } from '../../shared/imports.ts';
import { summaryFileName } from '../../shared/summary-figures.ts';
import type { CallingSummary } from '../../shared/summary.ts';
import { csvDocument, csvLine } from '../csv/csv-write.ts';
import type { Queryable } from '../store/seam/store.ts';
import { summaryHtml } from './summary-report.ts';
import { callsOfSummary, summarize, type SummaryScope } from './summary.ts';
import { SECOND_MS } from '../../shared/time-units.ts';

/**
 * A summary for the CRM and for the record: JSON (the summary itself, versioned), or CSV as two
 * files — one row per call, and the totals as figure/value rows.
 */
export function summaryJson(summary: CallingSummary): ExportedFile {
  return { fileName: `${baseName(summary)}.json`, mimeType: 'application/json', content: `${JSON.stringify(summary, null, 2)}\n` };
}

export function summaryTotalsCsv(summary: CallingSummary): ExportedFile {
  const rows: [string, string | number | null][] = [
    ['Calls', summary.calls],
    ['Dials', summary.dials],
    ['Contacts', summary.contacts],
    ['Conversations', summary.conversations],
    ['Qualified (SQL)', summary.qualified],
    ['Contact rate', summary.contactRate],
    ['Leads in scope', summary.coverage.leads],
    ['Leads attempted', summary.coverage.attempted],
    ['Leads never contacted', summary.coverage.neverContacted],
    ['Requests for a call', summary.speedToLead.requests],
    ['Speed to lead, to first dial, median (s)', seconds(summary.speedToLead.toDial.medianMs)],
    ['Speed to lead, to first dial, p90 (s)', seconds(summary.speedToLead.toDial.p90Ms)],
    ['Speed to lead, to first contact, median (s)', seconds(summary.speedToLead.toContact.medianMs)],
    ['Speed to lead, to first contact, p90 (s)', seconds(summary.speedToLead.toContact.p90Ms)],
    ['Attempts to first contact', summary.attemptsToFirstContact.average],
    ['Callbacks set', summary.callbacks.set],
    ['Callbacks kept on time', summary.callbacks.keptOnTime],
    ['Callbacks missed', summary.callbacks.missed],
    ['Do-not-call added', summary.dncAdded],
    ['Pauses between calls', summary.pausesBetweenCalls.count],
    ['Paused between calls (s)', summary.pausesBetweenCalls.seconds],
    ...summary.dispositions.map((d): [string, number] => [`Disposition: ${d.label}`, d.count]),
    ...summary.reasons.map((r): [string, number] => [`Reason: ${r.label}: ${r.reason}`, r.count]),
    ...summary.callsByHour.map((n, hour): [string, number] => [`Dials ${String(hour).padStart(2, '0')}:00`, n]),
  ];
  return {
    fileName: `${baseName(summary)}-totals.csv`,
    mimeType: 'text/csv',
    content: csvDocument([csvLine(['Figure', 'Value']), ...rows.map(([figure, value]) => csvLine([figure, value]))]),
  };
}

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / SECOND_MS));

export async function summaryCallsCsv(q: Queryable, summary: CallingSummary): Promise<ExportedFile> {
  const { where, params } = await callsOfSummary(q, summary.scope);
  const calls = await q.all<{
    id: number;
    started_at: number;
    ended_at: number;
    lead_id: number;
    crm_id: string | null;
    first_name: string;
    last_name: string;
    rep: string | null;
    disposition_label: string;
    stage_before: string;
    stage_after: string;
    phone_e164: string | null;
    notes: string;
  }>(
    `SELECT c.id, c.started_at, c.ended_at, l.id AS lead_id, l.crm_id, l.first_name, l.last_name, c.rep, c.disposition_label,
            c.stage_before, c.stage_after, c.phone_e164, c.notes
     FROM calls c JOIN leads l ON l.id = c.lead_id WHERE ${where} ORDER BY c.started_at, c.id`,
    params,
  );
  const header = csvLine(['Call ID', 'Started', 'Seconds', 'Lead ID', 'Record ID', 'Lead', 'Rep', 'Disposition', 'Stage before', 'Stage after', 'Number', 'Notes']);
  const rows = calls.map((c) =>
    csvLine([
      c.id,
      new Date(c.started_at).toISOString(),
      Math.round((c.ended_at - c.started_at) / SECOND_MS),
      c.lead_id,
      c.crm_id,
      `${c.first_name} ${c.last_name}`.trim(),
      c.rep,
      c.disposition_label,
      c.stage_before,
      c.stage_after,
      c.phone_e164,
      c.notes,
    ]),
  );
  return { fileName: `${baseName(summary)}-calls.csv`, mimeType: 'text/csv', content: csvDocument([header, ...rows]) };
}

export async function exportSummary(q: Queryable, scope: SummaryScope, format: 'json' | 'csv' | 'html', now: number): Promise<ExportedFile[]> {
  const summary = await summarize(q, scope, now);
  if (format === 'html') return [{ fileName: `${baseName(summary)}.html`, mimeType: 'text/html', content: summaryHtml(summary) }];
  return format === 'json' ? [summaryJson(summary)] : [await summaryCallsCsv(q, summary), summaryTotalsCsv(summary)];
}

const baseName = (summary: CallingSummary) => summaryFileName(summary.scope);
