import { z } from 'zod';
import type { ExportedFile } from '../imports.ts';
import type { TeamSummary } from '../summary.ts';
import { file } from './common-inputs.ts';
import { method, SMALL_REQUEST } from './method-spec.ts';

/** Reps' summary files (their JSON exports), read as text, for a team summary. */
const summaryFiles = z
  .array(z.strictObject({ fileName: file.fileName, text: z.string().max(4 * 1024 * 1024, 'a summary file is larger than 4 MB') }))
  .min(1, 'choose at least one summary file')
  .max(50, 'a team summary takes up to 50 files');
const SUMMARY_FILES_REQUEST = 50 * 4 * 1024 * 1024 + SMALL_REQUEST;

/** Team summaries from reps' summary files: merged in this process, nothing stored. */
export const teamApi = {
  /** Files that are not summaries are refused one by one. */
  'team.merge': method<{ team: TeamSummary | null; note: string | null; refused: { index: number; fileName: string; message: string }[] }>()(
    z.strictObject({ files: summaryFiles }),
    SUMMARY_FILES_REQUEST,
  ),
  'team.export': method<ExportedFile>()(z.strictObject({ files: summaryFiles, format: z.enum(['json', 'csv', 'html', 'pdf']).default('html') }), SUMMARY_FILES_REQUEST),
} as const;
