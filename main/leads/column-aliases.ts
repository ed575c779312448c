import { ApiError } from '../../shared/api-error.ts';
import { LEAD_FIELDS, type ColumnMapping, type LeadField } from '../../shared/imports.ts';
import type { PhoneType } from '../../shared/leads.ts';

/**
 * Which CSV header means which lead field, for the exports team leads actually have:
 * HubSpot, Salesforce (API names, labels, Data Loader's UPPERCASE), Outlook, Google Contacts,
 * Thunderbird, LinkedIn, OroCRM, Pipedrive, Apollo and plain sheets.
 * Headers are compared lower-cased with everything but letters and digits removed, so
 * "FIRSTNAME", "First Name " and "first_name" are one header. When several columns claim a
 * field, the one whose alias comes first here wins ("Job Title" beats Outlook's honorific "Title").
 */
export const ALIASES: Record<LeadField, readonly string[]> = {
  crmId: ['Record ID', 'Contact ID', 'Id', 'Lead ID', 'CRM ID', 'Apollo Contact Id', '(Do Not Modify) Lead'],
  firstName: ['First Name', 'FirstName', 'Given Name', 'Prénom', '名'],
  lastName: ['Last Name', 'LastName', 'Surname', 'Family Name', 'Nom', '姓'],
  // Never "Lead name", "Deal - Title" or "Opportunity Name": those title a deal, not a person.
  fullName: ['Name', 'Full Name', 'Contact Name', 'Contact', 'Display Name', 'Person - Name', 'Contact Full Name'],
  email: ['Email', 'Email Address', 'E-mail', 'Courriel', 'Primary Email', 'E-mail 1 - Value', 'Emails 1 Email', 'Person - Email', 'Work Email', '電子メール アドレス'],
  phone: ['Phone Number', 'Phone', 'Tel', 'Telephone', 'Téléphone', 'Work Phone', 'Business Phone', 'Direct Line'],
  mobilePhone: ['Mobile Phone Number', 'MobilePhone', 'Mobile Phone', 'Mobile', 'Mobile Number', 'Cell', 'Cell Phone', 'Portable', '携帯電話'],
  otherPhones: ['Other Phone Numbers', 'Other Phones'],
  company: ['Company Name', 'Company', 'Account', 'Account Name', 'Organization', 'Organisation', 'Société', 'Organization 1 - Name', 'Person - Organization'],
  title: ['Job Title', 'Title', 'Position', 'Role'],
  owner: ['Contact owner', 'Lead Owner', 'Owner', 'OwnerId', 'Owner Name', 'Owner Username'],
  stage: ['Lifecycle Stage', 'Stage'],
  leadStatus: ['Lead Status', 'Status', 'Status Id', 'Status Reason'],
  source: ['Original Source', 'LeadSource', 'Lead Source', 'Source', 'Source Name'],
  timeZone: ['Time Zone', 'Timezone', 'TZ', 'IANA Time Zone'],
  region: [
    'State/Region',
    'State',
    'Region',
    'Province',
    'State/Province',
    'Business State',
    'Work State',
    'Home State',
    'Address 1 State Combined code',
    'Address 1 State',
  ],
  country: [
    'Country/Region',
    'Country',
    'Business Country/Region',
    'Work Country',
    'Home Country/Region',
    'Home Country',
    'Address 1 Country ISO2 code',
    'Address 1 Country',
  ],
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

/**
 * Every column that holds a number to call, by its normalized header, with the kind of number
 * it is; the first row that matches decides. Fax, pager, telex and an assistant's line are
 * numbers, but not the lead's: they are never dialed. One row per vendor's way of writing it.
 */
export const PHONE_COLUMNS: readonly [vendor: string, pattern: RegExp, type: PhoneType | null][] = [
  ['none: not the lead\'s line, or not a number', /fax|pager|telex|tty|assistant|callback|radio|isdn|type$|status|verified|optout|donotcall|ext(ension)?$/, null],
  ['Google Contacts: "Phone 1 - Value", its kind in "Phone 1 - Type"', /^phone\d+value$/, 'other'],
  ['OroCRM: "Phones 1 Phone"', /^phones\d+phone$/, 'other'],
  ['Outlook, Apollo, Pipedrive, Thunderbird: "Mobile Phone", "Car Phone", "Person - Phone - Mobile"', /mobile|cell|carphone|携帯/, 'mobile'],
  ['Outlook, Apollo, Salesforce custom: "Home Phone", "Home_Phone__c"', /home/, 'home'],
  [
    'Outlook, Apollo, Pipedrive: "Business Phone", "Company Main Phone", "Work Direct Phone", "Corporate Phone", "Primary Phone", "First Phone"',
    /business|work|company|corporate|office|direct|main|primary|first/,
    'work',
  ],
  ['any other phone: "Other Phone", "Phone 2", "Telephone"', /phone|^tel|telephone|電話/, 'other'],
];

/** The kind of number a header holds, or null when it holds none a rep should dial. */
export function phoneTypeOfHeader(header: string): PhoneType | null {
  const key = normalizeHeader(header);
  if (!/phone|^tel|telephone|mobile|^cell|携帯|電話/.test(key)) return null;
  return PHONE_COLUMNS.find(([, pattern]) => pattern.test(key))?.[2] ?? null;
}

/** A column of numbers; a typed slot reads its kind from a sibling column, row by row. */
export interface PhoneSlot {
  index: number;
  type: PhoneType;
  /** Google Contacts' "Phone 1 - Type" beside "Phone 1 - Value". */
  typeIndex?: number;
}

/**
 * Every column of numbers the file has besides the mapped phone, mobile and other-phones
 * columns: a lead keeps all its numbers, each with its kind.
 */
export function phoneSlots(headers: readonly string[], columns: ColumnIndex): PhoneSlot[] {
  const taken = new Set(columns.values());
  const slots: PhoneSlot[] = [];
  headers.forEach((header, index) => {
    if (taken.has(index) && ![columns.get('phone'), columns.get('mobilePhone')].includes(index)) return;
    const type = phoneTypeOfHeader(header);
    if (!type) return;
    const typed = /^(phone\s*\d+)\s*-\s*value$/i.exec(header.trim());
    const typeIndex = typed ? headers.findIndex((h) => normalizeHeader(h) === `${normalizeHeader(typed[1]!)}type`) : -1;
    slots.push(typeIndex === -1 ? { index, type } : { index, type, typeIndex });
  });
  return slots;
}

/** A Google Contacts type cell ("* Home", "Mobile", "Work Fax") as a kind of number, or null for a fax or pager. */
export function phoneTypeOfLabel(label: string, fallback: PhoneType): PhoneType | null {
  const key = label.toLowerCase();
  if (/fax|pager/.test(key)) return null;
  if (/mobile|cell/.test(key)) return 'mobile';
  if (/home/.test(key)) return 'home';
  if (/work|business|main|office/.test(key)) return 'work';
  return key.trim() ? 'other' : fallback;
}

export function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

const BY_HEADER = new Map<string, [LeadField, number]>(
  LEAD_FIELDS.flatMap((field) => ALIASES[field].map((alias, rank) => [normalizeHeader(alias), [field, rank]] as const)),
);

/** Field → column index. */
export type ColumnIndex = Map<LeadField, number>;

/**
 * The columns each field reads: detected from the headers (the first column claiming a field
 * wins), then the override applied. An override naming a column the file lacks is refused.
 */
export function resolveColumns(headers: readonly string[], override: ColumnMapping = {}): ColumnIndex {
  const columns: ColumnIndex = new Map();
  const ranks = new Map<LeadField, number>();
  headers.forEach((header, index) => {
    const hit = BY_HEADER.get(normalizeHeader(header));
    if (!hit) return;
    const [field, rank] = hit;
    // A duplicate header keeps its first column; a better alias takes the field over.
    if (rank < (ranks.get(field) ?? Infinity)) {
      columns.set(field, index);
      ranks.set(field, rank);
    }
  });
  // No phone column by name: the file's first other column of numbers ("Phone 1 - Value", "First Phone") is it.
  if (!columns.has('phone')) {
    const first = headers.findIndex((header, index) => phoneTypeOfHeader(header) !== null && ![...columns.values()].includes(index));
    if (first !== -1) columns.set('phone', first);
  }
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
  throw new ApiError(
    'invalid-input',
    `The file has no phone column. Name one of the columns ${names} (or any column whose name says phone, such as "Home Phone" or "Phone 1 - Value"), or map one. Nothing was imported.`,
  );
}

/** The mapping as headers, for previews and for saving. */
export function mappingOf(headers: readonly string[], columns: ColumnIndex): Record<LeadField, string | null> {
  return Object.fromEntries(LEAD_FIELDS.map((field) => [field, columns.has(field) ? headers[columns.get(field)!]! : null])) as Record<LeadField, string | null>;
}

/**
 * A line above the header, not the header: one cell of prose or a label ("Notes:", LinkedIn's
 * paragraph about hidden e-mails), naming no column we know. A one-column file's header ("Phone")
 * is never taken for one.
 */
export function isPreambleLine(fields: readonly string[]): boolean {
  const filled = fields.map((f) => f.trim()).filter(Boolean);
  if (filled.length !== 1) return false;
  const [cell] = filled as [string];
  return !BY_HEADER.has(normalizeHeader(cell)) && phoneTypeOfHeader(cell) === null && /[:\s]/.test(cell);
}
