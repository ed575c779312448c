import { ApiError } from '../../shared/api-error.ts';
import type { Envelope } from '../../shared/bridge.ts';
import type { ExportFormat, ExportSink } from '../leads/export-leads.ts';

/** A name for a file nobody named usefully. */
const FALLBACK_NAME = 'nextcall-export';

/** Each format's extension and type, as a solo export names them (export-leads.ts). */
const FORMATS: Record<ExportFormat, { extension: string; mimeType: string }> = {
  csv: { extension: '.csv', mimeType: 'text/csv' },
  json: { extension: '.json', mimeType: 'application/json' },
};

/** Names Windows gives its devices, whatever extension follows (`NUL.csv` writes nowhere). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** The format a `leads.export` call asked for (the contract's default, csv, when it names none). */
export const requestedFormat = (input: unknown): ExportFormat => ((input as { format?: unknown } | null)?.format === 'json' ? 'json' : 'csv');

/**
 * A file name the team server chose, as a name only: its last segment (after any `/` or `\`),
 * without control characters, the characters Windows refuses, leading dots (no `..`, no hidden
 * file), or trailing dots and spaces (Windows drops them), at most 200 characters, a Windows
 * device name (`CON`, `NUL`, `COM1`...) prefixed; and always the extension of the format the rep
 * asked for, whatever the server wrote (`.csv` or `.json` already there is not doubled). It is
 * the save dialog's suggestion; the rep chooses the place.
 */
export function safeFileName(name: string, format: ExportFormat): string {
  const last = name.split(/[/\\]/).at(-1) ?? '';
  const stem =
    last
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
      .replace(/^[.\s]+/, '')
      .replace(/\.(csv|json)[.\s]*$/i, '')
      .slice(0, 200)
      .replace(/[.\s]+$/, '') || FALLBACK_NAME;
  const device = WINDOWS_DEVICE.test((stem.split('.')[0] ?? '').trim());
  return `${device ? 'nextcall-' : ''}${stem}${FORMATS[format].extension}`;
}

interface RelayedFile {
  kind: 'file';
  file: { fileName: string; mimeType: string; content: string; encoding?: unknown };
  leads: number;
}

const isRelayedFile = (value: unknown): value is RelayedFile => {
  const answer = value as Partial<RelayedFile> | null;
  return (
    typeof answer === 'object' &&
    answer !== null &&
    answer.kind === 'file' &&
    typeof answer.leads === 'number' &&
    typeof answer.file?.fileName === 'string' &&
    typeof answer.file.mimeType === 'string' &&
    typeof answer.file.content === 'string' &&
    answer.file.encoding === undefined
  );
};

/**
 * A joined desktop console's lead export: the team server has no save dialog, so it answers
 * `leads.export` with the file itself (`kind: 'file'`, at most a list's size). Main hands that
 * file to the desktop's own sink, the save dialog (main/shell/save-export.ts), as a solo export
 * would be: the page gets `saved` (or `cancelled`) back, never the file. Of what the server says,
 * only a sanitized file name is used, as the dialog's suggestion, with the extension and type of
 * the format the rep asked for; anything else comes back as it was.
 */
export async function saveRelayedExport(answer: Envelope<unknown>, sink: ExportSink, format: ExportFormat): Promise<Envelope<unknown>> {
  if (!answer.ok || !isRelayedFile(answer.value)) return answer;
  const { file, leads } = answer.value;
  const fileName = safeFileName(file.fileName, format);
  try {
    const saved = await sink({
      fileName,
      mimeType: FORMATS[format].mimeType,
      leads,
      *chunks() {
        yield file.content;
      },
    });
    return { ok: true, value: saved };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toFailure() };
    return { ok: false, error: { code: 'internal', message: `Nextcall could not save ${fileName}: ${error instanceof Error ? error.message : String(error)}.` } };
  }
}
