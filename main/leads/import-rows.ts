import type { ColumnMapping } from '../../shared/imports.ts';
import { csvLine } from '../csv/csv-write.ts';
import { csvRecords, decodeCsv, type CsvDelimiter, type CsvEncoding } from '../csv/csv-read.ts';
import { phoneSlots, requirePhoneColumn, resolveColumns } from './column-aliases.ts';
import { keptCells } from './field-limits.ts';
import { firstRecord } from './import-header.ts';
import { readLeadRow, type ImportedLead } from './lead-row.ts';

/**
 * The reading half of an import: the file decoded, its header found and mapped, and its rows read
 * as leads, in batches. It touches no store, so it can run in a worker thread while the main
 * thread writes (import-row-source.ts).
 */

export interface ImportFileOptions {
  fileName: string;
  defaultCountry: string;
  mapping?: ColumnMapping;
  encoding?: string;
  /** When the file says nothing about when a lead was created. */
  now: number;
}

export interface ParsedRow {
  /** 1-based line in the file where the row ends. */
  line: number;
  /** The lead the row describes, or why it cannot be one. */
  lead: ImportedLead | string;
  /** The row as CSV (overlong cells cut), for the rows file: kept only for a row that may be rejected or is flagged. */
  raw: string | null;
}

export interface RowBatch {
  rows: ParsedRow[];
  /** How far into the file's bytes the batch reaches, for the progress bar. */
  end: number;
}

export interface ImportFileHead {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  header: string[];
}

/** Rows per batch, by default: what the worker posts at once. */
export const BATCH_ROWS = 5_000;

export function readImportFile(bytes: Uint8Array, options: ImportFileOptions, batchRows = BATCH_ROWS): ImportFileHead & { batches: Generator<RowBatch> } {
  const csv = decodeCsv(bytes, options.encoding);
  const records = csvRecords(csv, options.fileName);
  const header = firstRecord(records, options.fileName);
  const columns = resolveColumns(header.fields, options.mapping);
  requirePhoneColumn(columns);
  const context = { columns, phoneSlots: phoneSlots(header.fields, columns), defaultCountry: options.defaultCountry, now: options.now };

  function* batches(): Generator<RowBatch> {
    let rows: ParsedRow[] = [];
    for (const record of records) {
      const lead = readLeadRow(record.fields, context);
      // A report's footer is no row: not imported, not rejected, not counted.
      if (lead === null) continue;
      // Kept for a row turned away here or by the writer (no number, no lead of the store named), or flagged.
      const kept = typeof lead === 'string' || lead.phones.length === 0 || lead.invalidEmail !== null;
      rows.push({ line: record.line, lead, raw: kept ? csvLine(keptCells(record.fields)) : null });
      if (rows.length === batchRows) {
        yield { rows, end: record.end };
        rows = [];
      }
    }
    yield { rows, end: bytes.byteLength };
  }
  return { encoding: csv.encoding, delimiter: csv.delimiter, header: header.fields, batches: batches() };
}
