import { z } from 'zod';
import { E164 } from '../dial-link.ts';
import { SMALL_REQUEST } from './method-spec.ts';
import { isTimeZone } from '../zoned-time.ts';

/** The input pieces several namespaces share, each written once. */

export const none = z.strictObject({});
export const leadId = z.int().positive();
export const batchId = z.int().positive();
export const name = z.string().trim().min(1).max(120);

/** The largest file the console sends in one call (a 100,000-row CRM export is ~30 MB). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Files travel as base64 (JSON and IPC alike): four characters for every three bytes. */
export const MAX_FILE_REQUEST = Math.ceil(MAX_FILE_BYTES / 3) * 4 + SMALL_REQUEST;

export const file = {
  fileName: z.string().trim().min(1).max(255),
  /** The file's bytes, base64: the core detects the encoding itself. */
  data: z.string().max(MAX_FILE_REQUEST, 'the file is larger than 100 MB'),
};

/** Base64 grows a file by 4/3; twice the limit lets the core say how large an oversized one is instead of a bare refusal. */
export const base64Up = (bytes: number) => Math.ceil((bytes * 2) / 3) * 4;

/** A text file (a script, dispositions) read by the caller. */
export const textFile = { fileName: file.fileName, text: z.string().max(SMALL_REQUEST) };

/** Each console (window or browser tab) names itself, so its claim on the lead it shows is its own. */
export const consoleId = z.string().regex(/^[\w-]{8,64}$/, 'letters, digits, - or _, 8 to 64 of them');
export const queueScope = { consoleId: consoleId.optional(), listName: name.optional() };

export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code such as US');
export const e164Number = z.string().regex(E164, 'an E.164 number');

/** An IANA time zone, where a day starts (a summary's days, the floor's today). */
export const timeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, { error: (issue) => `${JSON.stringify(issue.input)} is not a time zone (write one like America/New_York)` });
