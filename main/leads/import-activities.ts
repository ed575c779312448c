import { ApiError } from '../../shared/api-error.ts';
import { ACTIVITY_TYPES, type ActivityType } from '../../shared/leads.ts';
import type { ActivityImportReport } from '../../shared/imports.ts';
import { csvRecords, decodeCsv, type CsvRecord } from '../csv/csv-read.ts';
import { unguardCell } from '../csv/csv-write.ts';
import { refreshLeadQueueColumns } from '../queue/queue-columns.ts';
import type { Queryable } from '../store/seam/store.ts';
import { normalizeHeader } from './column-aliases.ts';
import { activityTypeOf, isHandRaise, timeFromCrm } from './crm-values.ts';
import { ACTIVITY_FIELD_LIMITS, isTooLong, tooLongReason } from './field-limits.ts';
import { firstRecord } from './import-header.ts';
import { normalizePhone } from './phone-numbers.ts';

/**
 * A second file of activity (what marketing's tools saw: downloads, visits, webinars, requests
 * for a call), one row per event, joined to leads by CRM id, email or phone number.
 * All or nothing, like a lead import.
 */
const COLUMNS = {
  crmId: ['Record ID', 'Contact ID', 'Lead ID', 'Id', 'CRM ID', 'Lead Key'],
  email: ['Email', 'Email Address'],
  phone: ['Phone', 'Phone Number', 'Tel'],
  type: ['Type', 'Activity Type', 'Event', 'Event Type'],
  title: ['Title', 'Activity', 'Name', 'Asset', 'Subject'],
  url: ['URL', 'Url', 'Page', 'Page URL', 'Link'],
  time: ['Time', 'Date', 'Timestamp', 'Occurred At', 'Activity Date'],
} as const;
type Column = keyof typeof COLUMNS;
const BREATHE_EVERY = 5_000;

export async function importActivities(store: Queryable, bytes: Uint8Array, fileName: string, defaultCountry: string, lifetimeAttemptCap?: number): Promise<ActivityImportReport> {
  try {
    return await importRecords(store, csvRecords(decodeCsv(bytes), fileName), fileName, defaultCountry, lifetimeAttemptCap);
  } catch (error) {
    if (error instanceof ApiError && !error.message.includes('Nothing was imported')) {
      throw new ApiError(error.code, `${error.message} Nothing was imported.`, error.issues);
    }
    throw error;
  }
}

async function importRecords(
  store: Queryable,
  records: Generator<CsvRecord>,
  fileName: string,
  defaultCountry: string,
  lifetimeAttemptCap?: number,
): Promise<ActivityImportReport> {
  const header = firstRecord(records, fileName);
  const index = new Map<Column, number>();
  for (const [column, aliases] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const at = header.fields.findIndex((h) => aliases.some((a) => normalizeHeader(a) === normalizeHeader(h)));
    if (at !== -1) index.set(column, at);
  }
  if (!index.has('crmId') && !index.has('email') && !index.has('phone')) {
    throw new ApiError('invalid-input', `${fileName} has no column naming the lead (Record ID, Email or Phone). Nothing was imported.`);
  }
  if (!index.has('title') && !index.has('type')) throw new ApiError('invalid-input', `${fileName} has no Title or Type column. Nothing was imported.`);

  // A request for a call newer than the lead's last call makes it a hand-raiser again.
  const touch = `UPDATE leads SET
      last_activity_at = CASE WHEN last_activity_at IS NULL OR last_activity_at < ? THEN ? ELSE last_activity_at END,
      requested_call = CASE WHEN ? = 1 THEN 1 ELSE requested_call END,
      hand_raised_at = CASE WHEN ? = 1 AND (last_attempt_at IS NULL OR last_attempt_at < ?) AND (hand_raised_at IS NULL OR hand_raised_at < ?) THEN ? ELSE hand_raised_at END
    WHERE id = ?`;
  const report: ActivityImportReport = { rowsRead: 0, added: 0, alreadyThere: 0, rejected: [] };

  return store.transaction(async (tx) => {
    const leadOf = async (crmId: string, email: string, e164: string | null): Promise<number | null> => {
      const hit =
        (crmId && (await tx.one<{ id: number }>('SELECT id FROM leads WHERE crm_id = ?', [crmId]))) ||
        (email && (await tx.one<{ id: number }>('SELECT id FROM leads WHERE email = ? LIMIT 1', [email.toLowerCase()]))) ||
        (e164 && (await tx.one<{ id: number }>('SELECT lead_id AS id FROM phones WHERE e164 = ? LIMIT 1', [e164])));
      return hit ? Number(hit.id) : null;
    };
    const touched = new Set<number>();
    for (const { fields, line } of records) {
      report.rowsRead++;
      // A long file lets the event loop breathe, so the web host answers while it imports.
      if (report.rowsRead % BREATHE_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      const tooLong = overLongCell(fields, index);
      if (tooLong) {
        report.rejected.push({ line, reason: tooLong });
        continue;
      }
      const get = (column: Column) => unguardCell((fields[index.get(column) ?? -1] ?? '').trim());
      const e164 = get('phone') ? normalizePhone(get('phone'), defaultCountry).e164 : null;
      const leadId = await leadOf(get('crmId'), get('email'), e164);
      if (leadId === null) {
        report.rejected.push({ line, reason: 'no lead with this CRM id, email or number' });
        continue;
      }
      const occurredAt = timeFromCrm(get('time'));
      if (occurredAt === null) {
        report.rejected.push({ line, reason: `"${get('time')}" is not a date (write 2026-11-20 or 2026-11-20 14:03)` });
        continue;
      }
      const title = get('title') || get('type');
      const type = typeOf(get('type'), title);
      const { changes } = await tx.run('INSERT INTO activities (lead_id, type, title, url, occurred_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING', [
        leadId,
        type,
        title,
        get('url') || null,
        occurredAt,
      ]);
      if (changes > 0) report.added++;
      else report.alreadyThere++;
      const raised = isHandRaise(type) ? 1 : 0;
      await tx.run(touch, [occurredAt, occurredAt, raised, raised, occurredAt, occurredAt, occurredAt, leadId]);
      touched.add(leadId);
    }
    for (const id of touched) await refreshLeadQueueColumns(tx, id, lifetimeAttemptCap);
    return report;
  });
}

/** Checked before any cell is parsed or matched against a pattern. */
function overLongCell(fields: readonly string[], index: ReadonlyMap<Column, number>): string | null {
  for (const [column, at] of index) {
    const cell = fields[at];
    const { label, limit } = ACTIVITY_FIELD_LIMITS[column];
    if (cell !== undefined && isTooLong(cell, limit)) return tooLongReason(label, cell, limit);
  }
  return null;
}

function typeOf(type: string, title: string): ActivityType {
  const exact = ACTIVITY_TYPES.find((t) => normalizeHeader(t) === normalizeHeader(type));
  return exact ?? activityTypeOf(`${type} ${title}`, 'page-visit');
}
