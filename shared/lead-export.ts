import type { ExportedFile } from './imports.ts';

/**
 * What `leads.export` gives back. A whole store (a million leads) is never one string in memory:
 * each shell takes the export as a stream and says where it went.
 *   - file      no shell to stream to (a test, a script over the API): the file itself, for a
 *               list-sized export only;
 *   - download  the web host: a one-use link, valid for a minute, that streams the file to the
 *               browser's own download (the browser writes it to disk, not the page);
 *   - saved     the desktop app: written straight to the file the team lead chose;
 *   - cancelled the team lead closed the save dialog.
 */
export type LeadExportResult =
  | { kind: 'file'; file: ExportedFile; leads: number }
  | { kind: 'download'; url: string; fileName: string; leads: number }
  | { kind: 'saved'; path: string; leads: number }
  | { kind: 'cancelled' };

/** The most leads `leads.export` hands over as one file when the shell cannot stream. */
export const LIST_SIZED_EXPORT = 50_000;
