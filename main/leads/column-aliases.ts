import { ApiError } from '../../shared/api-error.ts';
import { LEAD_FIELDS, type ColumnMapping, type LeadField } from '../../shared/imports.ts';

/**
 * Which CSV header means which lead field, for the exports team leads actually have:
 * HubSpot contact exports, Salesforce lead exports (API names and labels), and plain sheets.
 * Headers are compared lower-cased with everything but letters and digits removed.
 */
const ALIASES: Record<LeadField, readonly string[]> = {
  crmId: ['Record ID', 'Contact ID', 'Id', 'Lead ID', 'CRM ID'],
  firstName: ['First Name', 'FirstName', 'Given Name', 'Prénom'],
  lastName: ['Last Name', 'LastName', 'Surname', 'Family Name', 'Nom'],
  fullName: ['Name', 'Full Name', 'Contact Name', 'Contact'],
  email: ['Email', 'Email Address', 'E-mail', 'Courriel'],
  phone: ['Phone Number', 'Phone', 'Tel', 'Telephone', 'Téléphone', 'Work Phone', 'Business Phone', 'Direct Line'],
  mobilePhone: ['Mobile Phone Number', 'MobilePhone', 'Mobile Phone', 'Mobile', 'Cell', 'Cell Phone', 'Portable'],
  otherPhones: ['Other Phone Numbers', 'Other Phone', 'Other Phones', 'Home Phone', 'OtherPhone'],
  company: ['Company Name', 'Company', 'Account', 'Account Name', 'Organization', 'Organisation', 'Société'],
  title: ['Job Title', 'Title', 'Position', 'Role'],
  owner: ['Contact owner', 'Lead Owner', 'Owner', 'OwnerId', 'Owner Name'],
  stage: ['Lifecycle Stage', 'Stage'],
  leadStatus: ['Lead Status', 'Status'],
  source: ['Original Source', 'LeadSource', 'Lead Source', 'Source'],
  timeZone: ['Time Zone', 'Timezone', 'TZ', 'IANA Time Zone'],
  region: ['State/Region', 'State', 'Region', 'Province', 'State/Province'],
  country: ['Country/Region', 'Country'],
  requestedCall: ['Requested Call', 'Requested a Call', 'Hand Raiser', 'Call Requested'],
  doNotCall: ['DoNotCall', 'Do Not Call', 'DNC'],
  score: ['HubSpot Score', 'Lead Score', 'Score'],
  pageviews: ['Number of Pageviews', 'Page Views', 'Pageviews'],
  createdAt: ['Create Date', 'CreatedDate', 'Created Date', 'Created'],
  firstConversion: ['First Conversion'],
  firstConversionDate: ['First Conversion Date'],
  recentConversion: ['Recent Conversion'],
  recentConversionDate: ['Recent Conversion Date'],
  lastPageSeen: ['Last Page Seen'],
  // Nextcall's own export: the numbers a call found bad, so they stay flagged in another store.
  badPhones: ['Bad Phone Numbers', 'Bad Numbers'],
};

export function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const BY_HEADER = new Map<string, LeadField>(
  LEAD_FIELDS.flatMap((field) => ALIASES[field].map((alias) => [normalizeHeader(alias), field] as const)),
);

/** Field → column index. */
export type ColumnIndex = Map<LeadField, number>;

/**
 * The columns each field reads: detected from the headers (the first column claiming a field
 * wins), then the override applied. An override naming a column the file lacks is refused.
 */
export function resolveColumns(headers: readonly string[], override: ColumnMapping = {}): ColumnIndex {
  const columns: ColumnIndex = new Map();
  headers.forEach((header, index) => {
    const field = BY_HEADER.get(normalizeHeader(header));
    if (field && !columns.has(field)) columns.set(field, index);
  });
  for (const [field, header] of Object.entries(override) as [LeadField, string | null | undefined][]) {
    if (header === undefined) continue;
    if (header === null) {
      columns.delete(field);
      continue;
    }
    const index = headers.findIndex((h) => h.trim() === header.trim());
    if (index === -1) throw new ApiError('invalid-input', `The mapping reads ${field} from a column "${header}", but the file has no such column.`);
    // A column the override gives to this field no longer feeds the field it was guessed for.
    for (const [other, at] of columns) if (at === index && override[other] === undefined) columns.delete(other);
    columns.set(field, index);
  }
  return columns;
}

export function requirePhoneColumn(columns: ColumnIndex): void {
  if (columns.has('phone') || columns.has('mobilePhone')) return;
  const names = [...ALIASES.phone, ...ALIASES.mobilePhone].map((n) => `"${n}"`).join(', ');
  throw new ApiError('invalid-input', `The file has no phone column. Name one of the columns ${names}, or map one. Nothing was imported.`);
}

/** The mapping as headers, for previews and for saving. */
export function mappingOf(headers: readonly string[], columns: ColumnIndex): Record<LeadField, string | null> {
  return Object.fromEntries(LEAD_FIELDS.map((field) => [field, columns.has(field) ? headers[columns.get(field)!]! : null])) as Record<LeadField, string | null>;
}
