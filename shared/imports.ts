/** Importing lists: the fields a CSV column can fill, previews, reports. */

export const LEAD_FIELDS = [
  'crmId',
  'firstName',
  'lastName',
  'fullName',
  'email',
  'phone',
  'mobilePhone',
  'otherPhones',
  'company',
  'title',
  'owner',
  'stage',
  'leadStatus',
  'source',
  'timeZone',
  'region',
  'country',
  'requestedCall',
  'doNotCall',
  'score',
  'pageviews',
  'createdAt',
  'firstConversion',
  'firstConversionDate',
  'recentConversion',
  'recentConversionDate',
  'lastPageSeen',
  'badPhones',
] as const;
export type LeadField = (typeof LEAD_FIELDS)[number];

export const LEAD_FIELD_LABELS: Record<LeadField, string> = {
  crmId: 'CRM id',
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Full name',
  email: 'Email',
  phone: 'Phone',
  mobilePhone: 'Mobile phone',
  otherPhones: 'Other phones',
  company: 'Company',
  title: 'Job title',
  owner: 'Owner',
  stage: 'Lifecycle stage',
  leadStatus: 'Lead status',
  source: 'Source',
  timeZone: 'Time zone',
  region: 'State / province',
  country: 'Country',
  requestedCall: 'Requested a call',
  doNotCall: 'Do not call',
  score: 'Score',
  pageviews: 'Page views',
  createdAt: 'Created',
  firstConversion: 'First conversion',
  firstConversionDate: 'First conversion date',
  recentConversion: 'Recent conversion',
  recentConversionDate: 'Recent conversion date',
  lastPageSeen: 'Last page seen',
  badPhones: 'Bad numbers',
};

/** Field → the header of the column that fills it (null: leave the field empty). */
export type ColumnMapping = Partial<Record<LeadField, string | null>>;

export interface ImportPreview {
  fileName: string;
  encoding: string;
  delimiter: string;
  headers: string[];
  /** The mapping the import would use: detected, with any override applied. */
  mapping: Record<LeadField, string | null>;
  /** Headers no field reads. */
  unmapped: string[];
  /** The first rows, as the file has them. */
  sample: string[][];
}

export interface RejectedRow {
  /** 1-based line number in the file, header included. */
  line: number;
  reason: string;
}

export interface ImportReport {
  batchId: number | null;
  /** A dry run reports what an import would do and writes nothing. */
  dryRun: boolean;
  encoding: string;
  delimiter: string;
  rowsRead: number;
  /** New leads. */
  created: number;
  /** Leads already in the store before this import, now completed from the file. */
  updated: number;
  /** Rows that repeat a lead met earlier in the same file, folded into it. */
  merged: number;
  rejected: RejectedRow[];
  /** Rows imported with something left out (an invalid email), each with what and why. */
  flagged: RejectedRow[];
}

export interface ImportBatch {
  id: number;
  fileName: string;
  importedAt: string;
  rowsRead: number;
  created: number;
  updated: number;
  merged: number;
  rejected: number;
  listName: string | null;
  undoneAt: string | null;
}

export interface UndoReport {
  batchId: number;
  /** Leads the import created, now removed. */
  removed: number;
  /** Leads the import changed, now as they were. */
  restored: number;
  /** Leads the import created that reps have called since: kept, so no call is lost. */
  kept: number;
}

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  /** The file's text, or its bytes in base64 when `encoding` says so (a PDF). */
  content: string;
  encoding?: 'base64';
}

export interface ActivityImportReport {
  rowsRead: number;
  added: number;
  /** Rows for an activity the lead already has. */
  alreadyThere: number;
  rejected: RejectedRow[];
}

export interface SavedMapping {
  name: string;
  mapping: ColumnMapping;
  savedAt: string;
}
