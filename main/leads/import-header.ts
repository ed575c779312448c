import { ApiError } from '../../shared/api-error.ts';
import type { CsvRecord } from '../csv/csv-read.ts';
import { isPreambleLine } from './column-aliases.ts';
import { headerProblem } from './field-limits.ts';

/** Lines of notes a file may carry above its header. */
const MAX_PREAMBLE_LINES = 10;

/** The header row: there, after any preamble (LinkedIn's "Notes:"), and short enough to be one. */
export function firstRecord(records: Generator<CsvRecord>, fileName: string): CsvRecord {
  let first = records.next();
  for (let skipped = 0; !first.done && skipped < MAX_PREAMBLE_LINES && isPreambleLine(first.value.fields); skipped++) first = records.next();
  if (first.done) throw new ApiError('invalid-input', `${fileName} is empty: there is no header row.`);
  const problem = headerProblem(first.value.fields);
  if (problem) throw new ApiError('invalid-input', `In ${fileName}, ${problem}`);
  return first.value;
}
