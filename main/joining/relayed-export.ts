import { ApiError } from '../../shared/api-error.ts';
import type { Envelope } from '../../shared/bridge.ts';
import type { ExportSink } from '../leads/export-leads.ts';

/** A name for a file nobody named usefully. */
const FALLBACK_NAME = 'nextcall-export';

/**
 * A file name the team server chose, as a name only: its last segment (after any `/` or `\`),
 * without control characters, the characters Windows refuses, or leading dots (no `..`, no hidden
 * file), at most 200 characters. It is the save dialog's suggestion; the rep chooses the place.
 */
export function safeFileName(name: string): string {
  const last = name.split(/[/\\]/).at(-1) ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = last.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').replace(/^[.\s]+/, '').trim().slice(0, 200);
  return cleaned || FALLBACK_NAME;
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
 * only a sanitized file name is used, as the dialog's suggestion; anything else comes back as it was.
 */
export async function saveRelayedExport(answer: Envelope<unknown>, sink: ExportSink): Promise<Envelope<unknown>> {
  if (!answer.ok || !isRelayedFile(answer.value)) return answer;
  const { file, leads } = answer.value;
  try {
    const saved = await sink({
      fileName: safeFileName(file.fileName),
      mimeType: file.mimeType,
      leads,
      *chunks() {
        yield file.content;
      },
    });
    return { ok: true, value: saved };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toFailure() };
    return { ok: false, error: { code: 'internal', message: `Nextcall could not save ${safeFileName(file.fileName)}: ${error instanceof Error ? error.message : String(error)}.` } };
  }
}
