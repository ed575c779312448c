import { LEAD_FIELD_LABELS, type LeadField } from '../../shared/imports.ts';

/**
 * The longest value an import takes in each field, in characters (README, "Importing and
 * exporting"). A cell past its field's limit is not a lead's data but a broken or hostile
 * file: one 320 KB email cell kept the email check busy for 24 seconds while the web host
 * answered no one, and a 50 MB company name went out with every read of the lead. So the row is
 * rejected, with its line, before any of its cells is parsed or matched against a pattern.
 */
export const LEAD_FIELD_LIMITS: Record<LeadField, number> = {
  crmId: 255,
  firstName: 256,
  lastName: 256,
  fullName: 256,
  // The longest address a mail server accepts (RFC 5321).
  email: 254,
  phone: 100,
  mobilePhone: 100,
  otherPhones: 1_000,
  company: 256,
  title: 256,
  // A call list names the owners it takes in up to 200 characters.
  owner: 200,
  stage: 100,
  leadStatus: 100,
  source: 100,
  timeZone: 100,
  region: 100,
  country: 100,
  requestedCall: 100,
  doNotCall: 100,
  score: 100,
  pageviews: 100,
  createdAt: 100,
  firstConversion: 1_000,
  firstConversionDate: 100,
  recentConversion: 1_000,
  recentConversionDate: 100,
  // Browsers and CRMs cut addresses at around 2,000 characters.
  lastPageSeen: 2_048,
};

/** The columns of an activity file, and the longest value each takes. */
export const ACTIVITY_FIELD_LIMITS = {
  crmId: { label: 'Record ID', limit: LEAD_FIELD_LIMITS.crmId },
  email: { label: 'Email', limit: LEAD_FIELD_LIMITS.email },
  phone: { label: 'Phone', limit: LEAD_FIELD_LIMITS.phone },
  type: { label: 'Type', limit: 100 },
  title: { label: 'Title', limit: 1_000 },
  url: { label: 'URL', limit: 2_048 },
  time: { label: 'Time', limit: 100 },
} as const;

/** A header names a column; a longer first line is not a header row. */
export const HEADER_LIMIT = 1_000;

/** A cell of a rejected row is kept for download up to this many characters (above every field's limit, so it is rejected again until fixed). */
export const REJECTED_CELL_LIMIT = 10_000;

/** Over its limit, even once the spaces around it are trimmed (trimming is linear: no pattern runs on it). */
export function isTooLong(cell: string, limit: number): boolean {
  return cell.length > limit && cell.trim().length > limit;
}

export function tooLongReason(label: string, cell: string, limit: number): string {
  return `${label} is ${cell.trim().length.toLocaleString('en-US')} characters long; an import takes at most ${limit.toLocaleString('en-US')}`;
}

/** The first mapped cell of a row that is over its field's limit, as the reason the row is rejected. */
export function overLongLeadCell(record: readonly string[], columns: ReadonlyMap<LeadField, number>): string | null {
  for (const [field, index] of columns) {
    const cell = record[index];
    if (cell !== undefined && isTooLong(cell, LEAD_FIELD_LIMITS[field])) return tooLongReason(LEAD_FIELD_LABELS[field], cell, LEAD_FIELD_LIMITS[field]);
  }
  return null;
}

/** A rejected row as it is kept for download: a cell too long to keep is cut, and says so. */
export function keptCells(record: readonly string[]): readonly string[] {
  if (record.every((cell) => cell.length <= REJECTED_CELL_LIMIT)) return record;
  return record.map((cell) => (cell.length <= REJECTED_CELL_LIMIT ? cell : `${cut(cell, REJECTED_CELL_LIMIT)}… [cut by Nextcall: ${cell.length.toLocaleString('en-US')} characters]`));
}

/** The first characters of a cell, never half of a character written as two UTF-16 units. */
export function cut(cell: string, length: number): string {
  const code = cell.charCodeAt(length - 1);
  return cell.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

/** The first row of a file, as headers: refused when a cell is too long to be one. */
export function headerProblem(headers: readonly string[]): string | null {
  const at = headers.findIndex((h) => isTooLong(h, HEADER_LIMIT));
  if (at === -1) return null;
  return `the header of column ${at + 1} is ${headers[at]!.trim().length.toLocaleString('en-US')} characters long, and a header names a column in at most ${HEADER_LIMIT.toLocaleString('en-US')}. Is the first line of the file a header row?`;
}
