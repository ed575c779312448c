import type { ExportedFile } from '../../shared/imports.ts';
import type { Handoff } from '../../shared/qualification.ts';
import type { Answers } from '../../shared/scripts/script-schema.ts';
import { csvDocument, csvLine } from '../csv/csv-write.ts';
import type { Queryable } from '../store/seam/store.ts';

/** Leads handed to sales, newest first, with the answers and the reason that justify them; one rep's only when `rep` is given. */
export async function listHandoffs(q: Queryable, limit = 1000, rep: string | null = null): Promise<Handoff[]> {
  const rows = await q.all<{
    id: number;
    lead_id: number;
    first_name: string;
    last_name: string;
    company: string | null;
    crm_id: string | null;
    call_id: number;
    rep: string | null;
    at: number;
    answers: string;
    notes: string;
    why: string;
  }>(
    `SELECT h.id, h.lead_id, l.first_name, l.last_name, l.company, l.crm_id, h.call_id, h.rep, h.at, h.answers, h.notes, h.why
     FROM handoffs h JOIN leads l ON l.id = h.lead_id ${rep === null ? '' : `WHERE ${q.dialect.sameTextAs('h.rep')} `}ORDER BY h.at DESC, h.id DESC LIMIT ?`,
    [...(rep === null ? [] : [rep]), limit],
  );
  return rows.map((r) => ({
    id: r.id,
    leadId: r.lead_id,
    leadName: `${r.first_name} ${r.last_name}`.trim(),
    company: r.company,
    crmId: r.crm_id,
    callId: r.call_id,
    rep: r.rep,
    at: new Date(r.at).toISOString(),
    answers: JSON.parse(r.answers) as Answers,
    notes: r.notes,
    why: JSON.parse(r.why) as Handoff['why'],
  }));
}

/** "budget: yes; timeline: 2027-01-15": answers in one cell, for the CRM. */
export function answersText(answers: Answers): string {
  return Object.entries(answers)
    .map(([question, answer]) => `${question}: ${Array.isArray(answer) ? answer.join(', ') : String(answer)}`)
    .join('; ');
}

export async function exportHandoffs(q: Queryable, format: 'csv' | 'json'): Promise<ExportedFile> {
  const handoffs = await listHandoffs(q, 100_000);
  if (format === 'json') {
    return { fileName: 'nextcall-handoffs.json', mimeType: 'application/json', content: `${JSON.stringify({ schemaVersion: 1, handoffs }, null, 2)}\n` };
  }
  const header = csvLine(['Handed over', 'Record ID', 'Lead', 'Company', 'Rep', 'Why', 'Criteria met', 'Answers', 'Notes']);
  const rows = handoffs.map((h) => csvLine([h.at, h.crmId, h.leadName, h.company, h.rep, h.why.summary, h.why.criteriaMet.join('; '), answersText(h.answers), h.notes]));
  return { fileName: 'nextcall-handoffs.csv', mimeType: 'text/csv', content: csvDocument([header, ...rows]) };
}
