import { ApiError } from '../../shared/api-error.ts';
import type { ExportedFile } from '../../shared/imports.ts';

/** Prints a self-contained HTML page to PDF bytes: the desktop app's Chromium does it (webContents.printToPDF). */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

/** How a report goes on paper, the same wherever it is printed: half-inch margins, the tiles' borders kept. */
export const REPORT_PRINT = { marginInches: 0.5, printBackground: true } as const;

/** Where paper is Letter rather than A4 (the Americas' letter-size countries). */
const LETTER_COUNTRIES = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'GT', 'CR', 'PA', 'DO', 'PR', 'SV']);

export function paperFor(countryCode: string): 'A4' | 'Letter' {
  return LETTER_COUNTRIES.has(countryCode.toUpperCase()) ? 'Letter' : 'A4';
}

/**
 * A report (HTML) as the same report in PDF, for the desktop app; elsewhere, a sentence on how to
 * get one — said before the report is drawn, not after.
 */
export async function reportPdf(drawReport: () => ExportedFile | Promise<ExportedFile>, printer: PdfPrinter | undefined): Promise<ExportedFile> {
  if (!printer) {
    throw new ApiError('invalid-input', 'PDF comes from the desktop app. Here, download the report (HTML), open it and print it to PDF (Ctrl+P).');
  }
  const report = await drawReport();
  const bytes = await printer(report.content);
  return {
    fileName: report.fileName.replace(/\.html$/, '.pdf'),
    mimeType: 'application/pdf',
    content: Buffer.from(bytes).toString('base64'),
    encoding: 'base64',
  };
}
