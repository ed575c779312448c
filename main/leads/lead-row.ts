import type { ActivityType, Lead, PhoneType } from '../../shared/leads.ts';
import type { LeadField } from '../../shared/imports.ts';
import { unguardCell } from '../csv/csv-write.ts';
import { phoneTypeOfLabel, type ColumnIndex, type PhoneSlot } from './column-aliases.ts';
import { overLongLeadCell } from './field-limits.ts';
import { activityTypeOf, flagFromCrm, isHandRaise, sourceFromCrm, stageFromCrm, timeFromCrm } from './crm-values.ts';
import { normalizePhone } from './phone-numbers.ts';
import { countryCode, regionCode } from './region-zones.ts';
import { resolveTimeZone } from './time-zones.ts';

/**
 * A row read as a lead: the lead's own fields, plus what hangs off it. `phones` may be empty
 * only when the row has a CRM id or an email: the writer then completes the lead those name,
 * or turns the row away (NO_PHONE).
 */
export type ImportedLead = Pick<
  Lead,
  'crmId' | 'firstName' | 'lastName' | 'email' | 'company' | 'title' | 'owner' | 'stage' | 'source' | 'timeZone' | 'requestedCall' | 'doNotCall' | 'score'
> & {
  region: string | null;
  country: string | null;
  createdAt: number;
  phones: { raw: string; e164: string | null; type: PhoneType; bad: boolean }[];
  activities: { type: ActivityType; title: string; url: string | null; occurredAt: number; details: string | null }[];
  /** What the row holds in its email column when that is no address: the lead comes in without it, flagged. */
  invalidEmail: string | null;
};

export interface RowContext {
  columns: ColumnIndex;
  /** Every column of numbers beyond phone, mobile and other phones (column-aliases' phoneSlots). */
  phoneSlots?: readonly PhoneSlot[];
  defaultCountry: string;
  /** When the file says nothing about when a lead was created. */
  now: number;
}

/**
 * Something, an at sign, then dot-separated labels. A label holds no dot, so the pattern can
 * split an address only one way: it runs in time linear in the address (the old pattern's
 * overlapping groups were quadratic, and a long cell of dots kept it busy for seconds).
 */
const EMAIL = /^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$/;

/**
 * What CRMs write for "nothing here": Salesforce and its Data Loader's "#N/A", Outlook's quoted
 * empty string and its "no date" 0/0/00.
 */
const NULL_MARKERS = new Set(['#N/A', '""', '0/0/00']);
const NULL_MARKER_LENGTH = Math.max(...[...NULL_MARKERS].map((marker) => marker.length));

/** A cell as its value: trimmed, formula guard undone, a null marker read as empty. */
export function cellValue(cell: string | undefined): string {
  const value = unguardCell((cell ?? '').trim());
  // Asked of every cell: only a short one can be a marker, and only that one is upper-cased.
  return value.length <= NULL_MARKER_LENGTH && NULL_MARKERS.has(value.toUpperCase()) ? '' : value;
}

/**
 * The lines a Salesforce report ends with: its total and its legal notice, in the first cell
 * with the rest empty. They are the report's, not rows of leads.
 */
const REPORT_FOOTER = /^(grand totals?\s*\(\d[\d,.]*\s+records?\)|confidential information\b|copyright\b|©)/i;

export function isReportFooter(record: readonly string[]): boolean {
  // Asked of every row: stop at the second filled cell, which most rows reach within their first two.
  let filled: string | undefined;
  for (const cell of record) {
    if (cell === '' || cellValue(cell) === '') continue;
    if (filled !== undefined) return false;
    filled = cell;
  }
  return filled !== undefined && REPORT_FOOTER.test(filled.trim());
}

/** Honorifics: Outlook's "Title" column holds these where Salesforce's holds a job title. */
const HONORIFIC = /^(mr|mrs|ms|miss|mx|dr|prof|sir|dame|madam|mme|mlle|m|herr|frau|sr|sra|srta|rev|fr)\.?$/i;

const NO_NUMBERS: ReadonlySet<string> = new Set();

/** Why a row came in without its email: said in the report and in the rows file beside the value. */
export function invalidEmailFlag(value: string): string {
  return `invalid email "${value}": imported without it`;
}

/** Why a row with no number that names no lead the store has is turned away. */
export const NO_PHONE = 'no phone number';

/** The demo records HubSpot, Zoho, Dynamics and Close seed an account with mark their last names. */
const DEMO_SUFFIX = /\s*\((sample contact|sample lead|sample)\)$/i;

/**
 * A CSV record as a lead, the reason it cannot be one, or null when it is no row of leads at all
 * (a report's footer): skipped, neither imported nor rejected.
 */
export function readLeadRow(record: readonly string[], { columns, phoneSlots = [], defaultCountry, now }: RowContext): ImportedLead | string | null {
  const tooLong = overLongLeadCell(record, columns);
  if (tooLong) return tooLong;
  if (isReportFooter(record)) return null;
  const get = (field: LeadField): string => {
    const index = columns.get(field);
    return index === undefined ? '' : cellValue(record[index]);
  };

  // The row's own country beats the list's default, for its numbers and its zone.
  const country = countryCode(get('country'));
  // Numbers our own export marked bad stay bad when the file comes back.
  const badCell = get('badPhones');
  const badNumbers = badCell ? new Set(badCell.split(';').map((raw) => cellValue(raw))) : NO_NUMBERS;
  const slotAt = new Map(phoneSlots.map((slot) => [slot.index, slot]));
  const typed = (index: number | undefined, type: PhoneType): [string, PhoneType | null] => {
    if (index === undefined) return ['', type];
    const slot = slotAt.get(index);
    if (slot) slotAt.delete(index);
    const label = slot?.typeIndex === undefined ? '' : cellValue(record[slot.typeIndex]);
    // A header that says only "Phone" keeps the kind its field gives; "Home Phone" says more.
    const byHeader = slot && slot.type !== 'other' ? slot.type : type;
    return [cellValue(record[index]), label ? phoneTypeOfLabel(label, byHeader) : byHeader];
  };
  const written: [string, PhoneType | null][] = [
    typed(columns.get('phone'), 'work'),
    typed(columns.get('mobilePhone'), 'mobile'),
  ];
  // Our export joins a lead's further numbers in one cell with semicolons.
  const otherPhones = get('otherPhones');
  if (otherPhones) for (const raw of otherPhones.split(';')) written.push([cellValue(raw), 'other']);
  if (slotAt.size) for (const slot of [...slotAt.values()]) written.push(typed(slot.index, slot.type));
  const phones: ImportedLead['phones'] = [];
  for (const [cell, type] of written) {
    // A fax or pager (by its type cell) is no number to call. Excel's text guard "'" goes.
    const raw = cell.replace(/^'(?=[\d+(])/, '');
    if (!raw || !type) continue;
    const normalized = normalizePhone(raw, country ?? defaultCountry);
    const phone = { ...normalized, type, bad: badNumbers.has(normalized.raw) || (normalized.e164 !== null && badNumbers.has(normalized.e164)) };
    if (!phones.some((p) => (p.e164 ?? p.raw) === (phone.e164 ?? phone.raw))) phones.push(phone);
  }

  let firstName = get('firstName');
  let lastName = get('lastName');
  if (!firstName && !lastName) [firstName, lastName] = splitName(get('fullName'));
  if (lastName.endsWith(')')) lastName = lastName.replace(DEMO_SUFFIX, '');
  const title = get('title');
  const writtenEmail = get('email');
  const email = writtenEmail.toLowerCase();
  const isEmail = EMAIL.test(email);
  // A row without a number may still complete a lead the store has (by CRM id or email): the
  // writer decides, as only it sees the store. Without either, it can be no lead at all.
  if (phones.length === 0 && !get('crmId') && !isEmail) return NO_PHONE;
  const createdAt = timeFromCrm(get('createdAt')) ?? now;
  const activities = conversions(get, createdAt);
  const score = Number.parseInt(get('score'), 10);
  const region = get('region');

  return {
    crmId: get('crmId') || null,
    firstName,
    lastName,
    email: isEmail ? email : null,
    company: get('company') || null,
    title: HONORIFIC.test(title) ? null : title || null,
    owner: get('owner') || null,
    stage: stageOf(get('stage'), get('leadStatus')),
    source: sourceFromCrm(get('source')),
    timeZone: resolveTimeZone({ explicit: get('timeZone'), region, country, numbers: phones.flatMap((p) => (p.e164 ? [p.e164] : [])) }),
    region: regionCode(region, country),
    country,
    requestedCall: flagFromCrm(get('requestedCall')) || activities.some((a) => isHandRaise(a.type)),
    doNotCall: flagFromCrm(get('doNotCall')),
    score: Number.isFinite(score) ? score : 0,
    createdAt,
    phones,
    activities,
    invalidEmail: writtenEmail && !isEmail ? writtenEmail : null,
  };
}

/**
 * The lifecycle stage says where the lead is; HubSpot's lead status can still say it is out
 * (unqualified) or not now (bad timing), and stands in for a missing stage (Salesforce).
 */
function stageOf(lifecycle: string, status: string): Lead['stage'] {
  const squashed = status.toLowerCase().replace(/[^a-z]/g, '');
  if (squashed === 'unqualified') return 'disqualified';
  if (squashed === 'badtiming') return 'nurture';
  return stageFromCrm(lifecycle || status);
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
    if (title) activities.push({ type: activityTypeOf(title, 'form'), title, url: null, occurredAt: timeFromCrm(get(dateField)) ?? createdAt, details: null });
  }
  const page = get('lastPageSeen');
  if (page) {
    const latest = Math.max(createdAt, ...activities.map((a) => a.occurredAt));
    const pageviews = Number.parseInt(get('pageviews'), 10);
    activities.push({
      type: activityTypeOf(page, 'page-visit'),
      title: pageTitle(page),
      url: /^https?:\/\//i.test(page) ? page : null,
      occurredAt: latest,
      details: Number.isFinite(pageviews) ? JSON.stringify({ pageviews }) : null,
    });
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
