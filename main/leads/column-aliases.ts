/**
 * Which CSV header means which lead field, for the exports team leads actually have:
 * HubSpot contact exports, Salesforce lead exports (API names and labels), and plain sheets.
 * Headers are compared lower-cased with everything but letters and digits removed.
 */
export const LEAD_FIELDS = [
  'crmId',
  'firstName',
  'lastName',
  'fullName',
  'email',
  'phone',
  'mobilePhone',
  'company',
  'title',
  'stage',
  'source',
  'timeZone',
  'requestedCall',
  'doNotCall',
  'score',
  'createdAt',
  'firstConversion',
  'firstConversionDate',
  'recentConversion',
  'recentConversionDate',
  'lastPageSeen',
] as const;
export type LeadField = (typeof LEAD_FIELDS)[number];

const ALIASES: Record<LeadField, readonly string[]> = {
  crmId: ['Record ID', 'Contact ID', 'Id', 'Lead ID', 'CRM ID'],
  firstName: ['First Name', 'FirstName', 'Given Name'],
  lastName: ['Last Name', 'LastName', 'Surname', 'Family Name'],
  fullName: ['Name', 'Full Name', 'Contact Name', 'Contact'],
  email: ['Email', 'Email Address', 'E-mail'],
  phone: ['Phone Number', 'Phone', 'Tel', 'Telephone', 'Work Phone', 'Business Phone'],
  mobilePhone: ['Mobile Phone Number', 'MobilePhone', 'Mobile Phone', 'Mobile', 'Cell', 'Cell Phone'],
  company: ['Company Name', 'Company', 'Account', 'Account Name', 'Organization', 'Organisation'],
  title: ['Job Title', 'Title', 'Position', 'Role'],
  stage: ['Lifecycle Stage', 'Stage', 'Lead Status', 'Status'],
  source: ['Original Source', 'LeadSource', 'Lead Source', 'Source'],
  timeZone: ['Time Zone', 'Timezone', 'TZ', 'IANA Time Zone'],
  requestedCall: ['Requested Call', 'Requested a Call', 'Hand Raiser', 'Call Requested'],
  doNotCall: ['DoNotCall', 'Do Not Call', 'DNC'],
  score: ['HubSpot Score', 'Lead Score', 'Score'],
  createdAt: ['Create Date', 'CreatedDate', 'Created Date', 'Created'],
  firstConversion: ['First Conversion'],
  firstConversionDate: ['First Conversion Date'],
  recentConversion: ['Recent Conversion'],
  recentConversionDate: ['Recent Conversion Date'],
  lastPageSeen: ['Last Page Seen'],
};

export function normalizeHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const BY_HEADER = new Map<string, LeadField>(
  LEAD_FIELDS.flatMap((field) => ALIASES[field].map((alias) => [normalizeHeader(alias), field] as const)),
);

/** Maps each column index to a field; the first column claiming a field wins. */
export function mapColumns(headers: readonly string[]): Map<LeadField, number> {
  const mapping = new Map<LeadField, number>();
  headers.forEach((header, index) => {
    const field = BY_HEADER.get(normalizeHeader(header));
    if (field && !mapping.has(field)) mapping.set(field, index);
  });
  return mapping;
}

export function aliasesOf(field: LeadField): readonly string[] {
  return ALIASES[field];
}
