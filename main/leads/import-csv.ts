import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { ApiError } from '../../shared/api-error.ts';
import type { ActivityType, ImportReport, Lead, PhoneType, RejectedRow } from '../../shared/leads.ts';
import type { Clock } from '../clock.ts';
import { unguardCell } from '../csv/csv-write.ts';
import { refreshQueueColumns } from '../queue/queue-columns.ts';
import type { Database } from '../store/database.ts';
import { aliasesOf, mapColumns, type LeadField } from './column-aliases.ts';
import { activityTypeOf, flagFromCrm, isHandRaise, isIanaZone, sourceFromCrm, stageFromCrm, timeFromCrm } from './crm-values.ts';
import { normalizePhone } from './phone-numbers.ts';

export interface ImportProgress {
  rowsDone: number;
  rowsPerSecond: number;
}

export interface ImportOptions {
  fileName: string;
  /** Country for numbers written without a +prefix, e.g. "US". */
  defaultCountry: string;
  onProgress?: (progress: ImportProgress) => void;
}

/** A row read as a lead: the lead's own fields, plus what hangs off it. */
type ImportedLead = Pick<
  Lead,
  'crmId' | 'firstName' | 'lastName' | 'email' | 'company' | 'title' | 'stage' | 'source' | 'timeZone' | 'requestedCall' | 'doNotCall' | 'score'
> & {
  createdAt: number;
  phones: { raw: string; e164: string | null; type: PhoneType }[];
  activities: { type: ActivityType; title: string; url: string | null; occurredAt: number }[];
};

/** Rows between progress reports; also how often a long import lets the event loop breathe. */
const PROGRESS_EVERY = 2_000;

/**
 * Imports a CSV of leads, all or nothing: the whole file lands in one transaction, so a bad
 * file or a crash halfway leaves the store exactly as it was. Rows that cannot become a lead
 * are reported with their line number and reason; a lead already in the store (same CRM id,
 * email or number) is updated, never duplicated.
 *
 * Callers must not run other store work while this awaits (the API serialises every call).
 */
export async function importLeadsCsv(db: Database, clock: Clock, csv: string, options: ImportOptions): Promise<ImportReport> {
  const started = clock.now();
  const records = Readable.from([csv]).pipe(
    parse({
      bom: true,
      delimiter: detectDelimiter(csv),
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      info: true,
    }),
  );

  const write = prepareWrites(db);
  db.exec('BEGIN IMMEDIATE');
  try {
    const batchId = Number(db.prepare('INSERT INTO import_batches (file_name, imported_at) VALUES (?, ?)').run(options.fileName, started).lastInsertRowid);
    const rejected: RejectedRow[] = [];
    let mapping: Map<LeadField, number> | null = null;
    let rowsRead = 0;
    let created = 0;
    let updated = 0;

    for await (const { record, info } of records as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!mapping) {
        mapping = mapColumns(record);
        requirePhoneColumn(mapping);
        continue;
      }
      rowsRead++;
      const line = info.lines;
      const lead = readRow(record, mapping, options.defaultCountry, started);
      if (typeof lead === 'string') {
        rejected.push({ line, reason: lead });
      } else if (write.upsert(lead, batchId) === 'created') {
        created++;
      } else {
        updated++;
      }
      if (rowsRead % PROGRESS_EVERY === 0) {
        const seconds = Math.max(clock.now() - started, 1) / 1000;
        options.onProgress?.({ rowsDone: rowsRead, rowsPerSecond: Math.round(rowsRead / seconds) });
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (!mapping) throw new ApiError('invalid-input', `${options.fileName} is empty: there is no header row.`);

    db.prepare('UPDATE import_batches SET rows_read = ?, created = ?, updated = ?, rejected = ? WHERE id = ?').run(
      rowsRead,
      created,
      updated,
      rejected.length,
      batchId,
    );
    db.exec('COMMIT');
    const seconds = Math.max(clock.now() - started, 1) / 1000;
    options.onProgress?.({ rowsDone: rowsRead, rowsPerSecond: Math.round(rowsRead / seconds) });
    return { batchId, rowsRead, created, updated, rejected };
  } catch (error) {
    db.exec('ROLLBACK');
    if (error instanceof CsvError) {
      const where = 'lines' in error && typeof error.lines === 'number' ? ` at line ${error.lines}` : '';
      throw new ApiError('invalid-input', `${options.fileName} is not a readable CSV file${where}: ${error.message}. Nothing was imported.`);
    }
    throw error;
  }
}

/** Comma, semicolon (European Excel) or tab: whichever the header line uses most. */
export function detectDelimiter(csv: string): string {
  const firstLine = csv.slice(0, csv.search(/\r?\n|$/));
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, unquoted.split(d).length - 1] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

function requirePhoneColumn(mapping: Map<LeadField, number>): void {
  if (mapping.has('phone') || mapping.has('mobilePhone')) return;
  const names = [...aliasesOf('phone'), ...aliasesOf('mobilePhone')].map((n) => `"${n}"`).join(', ');
  throw new ApiError('invalid-input', `The file has no phone column. Name one of the columns ${names}. Nothing was imported.`);
}

function readRow(record: string[], mapping: Map<LeadField, number>, defaultCountry: string, now: number): ImportedLead | string {
  const get = (field: LeadField): string => {
    const index = mapping.get(field);
    return index === undefined ? '' : unguardCell((record[index] ?? '').trim());
  };

  const phones = (
    [
      [get('phone'), 'work'],
      [get('mobilePhone'), 'mobile'],
    ] as const
  )
    .filter(([raw]) => raw !== '')
    .map(([raw, type]) => ({ ...normalizePhone(raw, defaultCountry), type }));
  if (phones.length === 0) return 'no phone number';

  let firstName = get('firstName');
  let lastName = get('lastName');
  if (!firstName && !lastName) [firstName, lastName] = splitName(get('fullName'));
  const email = get('email').toLowerCase();
  const createdAt = timeFromCrm(get('createdAt')) ?? now;

  const activities = conversions(get, createdAt);
  const score = Number.parseInt(get('score'), 10);
  const zone = get('timeZone');

  return {
    crmId: get('crmId') || null,
    firstName,
    lastName,
    email: /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) ? email : null,
    company: get('company') || null,
    title: get('title') || null,
    stage: stageFromCrm(get('stage')),
    source: sourceFromCrm(get('source')),
    timeZone: isIanaZone(zone) ? zone : null,
    requestedCall: flagFromCrm(get('requestedCall')) || activities.some((a) => isHandRaise(a.type)),
    doNotCall: flagFromCrm(get('doNotCall')),
    score: Number.isFinite(score) ? score : 0,
    createdAt,
    phones,
    activities,
  };
}

function splitName(full: string): [string, string] {
  const parts = full.split(/\s+/).filter(Boolean);
  return [parts[0] ?? '', parts.slice(1).join(' ')];
}

/**
 * HubSpot keeps a lead's first and latest conversion and the last page seen as columns;
 * each becomes an activity. A conversion without a readable date is dated with the lead's
 * creation; the last page seen is dated with the latest conversion, the best we know.
 */
function conversions(get: (field: LeadField) => string, createdAt: number): ImportedLead['activities'] {
  const activities: ImportedLead['activities'] = [];
  for (const [titleField, dateField] of [
    ['firstConversion', 'firstConversionDate'],
    ['recentConversion', 'recentConversionDate'],
  ] as const) {
    const title = get(titleField);
    if (title) activities.push({ type: activityTypeOf(title, 'form'), title, url: null, occurredAt: timeFromCrm(get(dateField)) ?? createdAt });
  }
  const page = get('lastPageSeen');
  if (page) {
    const latest = Math.max(createdAt, ...activities.map((a) => a.occurredAt));
    activities.push({ type: activityTypeOf(page, 'page-visit'), title: pageTitle(page), url: /^https?:\/\//i.test(page) ? page : null, occurredAt: latest });
  }
  return activities;
}

function pageTitle(page: string): string {
  try {
    return new URL(page).pathname;
  } catch {
    return page;
  }
}

function prepareWrites(db: Database) {
  const byCrmId = db.prepare('SELECT id FROM leads WHERE crm_id = ?');
  const byEmail = db.prepare('SELECT id FROM leads WHERE email = ? LIMIT 1');
  const byNumber = db.prepare('SELECT lead_id AS id FROM phones WHERE e164 = ? LIMIT 1');
  const insertLead = db.prepare(`
    INSERT INTO leads (crm_id, first_name, last_name, email, company, title, stage, source, time_zone,
                       requested_call, do_not_call, score, created_at, import_batch_id)
    VALUES (:crmId, :firstName, :lastName, :email, :company, :title, :stage, :source, :timeZone,
            :requestedCall, :doNotCall, :score, :createdAt, :batchId)`);
  // An update fills blanks and raises flags; it never erases what the store already knows.
  const updateLead = db.prepare(`
    UPDATE leads SET
      crm_id = coalesce(crm_id, :crmId),
      first_name = CASE WHEN first_name = '' THEN :firstName ELSE first_name END,
      last_name = CASE WHEN last_name = '' THEN :lastName ELSE last_name END,
      email = coalesce(email, :email),
      company = coalesce(company, :company),
      title = coalesce(title, :title),
      source = coalesce(source, :source),
      time_zone = coalesce(time_zone, :timeZone),
      requested_call = max(requested_call, :requestedCall),
      do_not_call = max(do_not_call, :doNotCall),
      score = max(score, :score)
    WHERE id = :id`);
  const hasNumber = db.prepare('SELECT 1 FROM phones WHERE lead_id = ? AND (e164 = ? OR raw = ?)');
  const nextPosition = db.prepare('SELECT coalesce(max(position), -1) + 1 AS p FROM phones WHERE lead_id = ?');
  const insertPhone = db.prepare('INSERT INTO phones (lead_id, position, raw, e164, type) VALUES (?, ?, ?, ?, ?)');
  const insertActivity = db.prepare('INSERT OR IGNORE INTO activities (lead_id, type, title, url, occurred_at) VALUES (?, ?, ?, ?, ?)');
  const touchActivity = db.prepare('UPDATE leads SET last_activity_at = max(coalesce(last_activity_at, 0), ?) WHERE id = ?');

  const findExisting = (lead: ImportedLead): number | undefined => {
    const hit =
      (lead.crmId ? byCrmId.get(lead.crmId) : undefined) ??
      (lead.email ? byEmail.get(lead.email) : undefined) ??
      lead.phones.map((p) => (p.e164 ? byNumber.get(p.e164) : undefined)).find(Boolean);
    return (hit as { id: number } | undefined)?.id;
  };

  return {
    upsert(lead: ImportedLead, batchId: number): 'created' | 'updated' {
      const params = {
        crmId: lead.crmId,
        firstName: lead.firstName,
        lastName: lead.lastName,
        email: lead.email,
        company: lead.company,
        title: lead.title,
        source: lead.source,
        timeZone: lead.timeZone,
        requestedCall: lead.requestedCall ? 1 : 0,
        doNotCall: lead.doNotCall ? 1 : 0,
        score: lead.score,
      };
      const existing = findExisting(lead);
      const id = existing ?? Number(insertLead.run({ ...params, stage: lead.stage, createdAt: lead.createdAt, batchId }).lastInsertRowid);
      if (existing !== undefined) updateLead.run({ ...params, id });

      let position = existing === undefined ? 0 : (nextPosition.get(id) as { p: number }).p;
      for (const phone of lead.phones) {
        if (existing !== undefined && hasNumber.get(id, phone.e164, phone.raw)) continue;
        insertPhone.run(id, position++, phone.raw, phone.e164, phone.type);
      }
      for (const a of lead.activities) {
        insertActivity.run(id, a.type, a.title, a.url, a.occurredAt);
        touchActivity.run(a.occurredAt, id);
      }
      refreshQueueColumns(db, id);
      return existing === undefined ? 'created' : 'updated';
    },
  };
}
