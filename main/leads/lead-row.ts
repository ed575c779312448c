import type { ActivityType, Lead, PhoneType } from '../../shared/leads.ts';
import type { LeadField } from '../../shared/imports.ts';
import { unguardCell } from '../csv/csv-write.ts';
import type { ColumnIndex } from './column-aliases.ts';
import { overLongLeadCell } from './field-limits.ts';
import { activityTypeOf, flagFromCrm, isHandRaise, sourceFromCrm, stageFromCrm, timeFromCrm } from './crm-values.ts';
import { normalizePhone } from './phone-numbers.ts';
import { countryCode, regionCode } from './region-zones.ts';
import { resolveTimeZone } from './time-zones.ts';

/** A row read as a lead: the lead's own fields, plus what hangs off it. */
export type ImportedLead = Pick<
  Lead,
  'crmId' | 'firstName' | 'lastName' | 'email' | 'company' | 'title' | 'owner' | 'stage' | 'source' | 'timeZone' | 'requestedCall' | 'doNotCall' | 'score'
> & {
  region: string | null;
  country: string | null;
  createdAt: number;
  phones: { raw: string; e164: string | null; type: PhoneType }[];
  activities: { type: ActivityType; title: string; url: string | null; occurredAt: number; details: string | null }[];
};

export interface RowContext {
  columns: ColumnIndex;
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

/** A CSV record as a lead, or the reason it cannot be one. */
export function readLeadRow(record: readonly string[], { columns, defaultCountry, now }: RowContext): ImportedLead | string {
  const tooLong = overLongLeadCell(record, columns);
  if (tooLong) return tooLong;
  const get = (field: LeadField): string => {
    const index = columns.get(field);
    return index === undefined ? '' : unguardCell((record[index] ?? '').trim());
  };

  const country = countryCode(get('country'));
  const phones = (
    [
      [get('phone'), 'work'],
      [get('mobilePhone'), 'mobile'],
      // Our export joins a lead's further numbers in one cell with semicolons.
      ...get('otherPhones')
        .split(';')
        .map((raw) => [unguardCell(raw.trim()), 'other'] as const),
    ] as const
  )
    .filter(([raw]) => raw !== '')
    .map(([raw, type]) => ({ ...normalizePhone(raw, country ?? defaultCountry), type }));
  if (phones.length === 0) return 'no phone number';

  let firstName = get('firstName');
  let lastName = get('lastName');
  if (!firstName && !lastName) [firstName, lastName] = splitName(get('fullName'));
  const email = get('email').toLowerCase();
  const createdAt = timeFromCrm(get('createdAt')) ?? now;
  const activities = conversions(get, createdAt);
  const score = Number.parseInt(get('score'), 10);
  const region = get('region');

  return {
    crmId: get('crmId') || null,
    firstName,
    lastName,
    email: EMAIL.test(email) ? email : null,
    company: get('company') || null,
    title: get('title') || null,
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
