import { ApiError } from '../../shared/api-error.ts';
import type { ColumnMapping, ImportPreview, ImportReport, RejectedRow } from '../../shared/imports.ts';
import type { Clock } from '../clock.ts';
import { csvLine } from '../csv/csv-write.ts';
import { csvRecords, decodeCsv } from '../csv/csv-read.ts';
import type { Database } from '../store/database.ts';
import { addBatchToList } from './call-lists.ts';
import { mappingOf, resolveColumns } from './column-aliases.ts';
import { cut } from './field-limits.ts';
import { invalidEmailFlag } from './lead-row.ts';
import { deferIndexes } from './import-deferred-indexes.ts';
import { firstRecord } from './import-header.ts';
import { openRowSource, type RowSource } from './import-row-source.ts';
import { deferSearchIndex } from './import-search-index.ts';
import { leadWriter } from './lead-writer.ts';

export interface ImportProgress {
  rowsDone: number;
  rowsPerSecond: number;
  /** The file's bytes read so far (the decoded text's share, in the file's bytes): the wizard's bar is bytesRead of the file's size. */
  bytesRead: number;
}

export interface ImportOptions {
  fileName: string;
  /** Country for numbers written without a +prefix, e.g. "US". */
  defaultCountry: string;
  mapping?: ColumnMapping;
  /** The encoding the team lead chose over the guess. */
  encoding?: string;
  /** The call list the imported leads join (created if new). */
  listName?: string;
  /** Report what would happen; write nothing. */
  dryRun?: boolean;
  /** Everyone's lifetime attempt cap (the queue's preferences), kept in each lead's `callable`. */
  lifetimeAttemptCap?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Read the file in a worker thread while this one writes (import-row-source.ts says why it is not the default). */
  readInWorker?: boolean;
}

/** Rows between progress reports; also how often a long import lets the event loop breathe. */
const PROGRESS_EVERY = 5_000;
const SAMPLE_ROWS = 5;
/** A preview shows a cell's start: enough to tell what the column holds, never megabytes of it. */
const SAMPLE_CELL_LIMIT = 1_000;

/** What an import of this file would read: encoding, delimiter, mapping and the first rows. */
export async function previewImport(bytes: Uint8Array, fileName: string, mapping: ColumnMapping = {}, encoding?: string): Promise<ImportPreview> {
  const csv = decodeCsv(bytes, encoding);
  const records = csvRecords(csv, fileName);
  const header = firstRecord(records, fileName);
  const columns = resolveColumns(header.fields, mapping);
  const sample: string[][] = [];
  for (const record of records) {
    sample.push(record.fields.map((cell) => (cell.length > SAMPLE_CELL_LIMIT ? `${cut(cell, SAMPLE_CELL_LIMIT)}…` : cell)));
    if (sample.length === SAMPLE_ROWS) break;
  }
  const mapped = new Set(columns.values());
  return {
    fileName,
    encoding: csv.encoding,
    delimiter: csv.delimiter,
    headers: header.fields,
    mapping: mappingOf(header.fields, columns),
    unmapped: header.fields.filter((_, index) => !mapped.has(index)),
    sample,
  };
}

/**
 * Imports a CSV of leads, all or nothing: the whole file lands in one transaction, so a bad
 * file, a crash or a kill halfway leaves the store exactly as it was. Rows that cannot become a
 * lead are reported (and kept for download) with their line number and reason.
 *
 * The file is read in batches (import-rows.ts), each written as it is read. Callers must not run other store work while this awaits (the API
 * serialises every call).
 */
export async function importLeads(db: Database, clock: Clock, bytes: Uint8Array, options: ImportOptions): Promise<ImportReport> {
  const started = clock.now();
  let source: RowSource | null = null;
  try {
    source = await openRowSource(bytes, { ...options, now: started }, options.readInWorker);
    db.exec('BEGIN IMMEDIATE');
    const batchId = Number(
      db.prepare('INSERT INTO import_batches (file_name, imported_at, header) VALUES (?, ?, ?)').run(options.fileName, started, csvLine(source.header))
        .lastInsertRowid,
    );
    const searchIndex = deferSearchIndex(db, batchId);
    let indexes: { finish(): void } | null = null;
    const writer = leadWriter(db, batchId, options.lifetimeAttemptCap);
    const reject = db.prepare('INSERT INTO import_rejections (batch_id, line, reason, raw) VALUES (?, ?, ?, ?)');
    const counts = { created: 0, updated: 0, merged: 0 };
    const rejected: RejectedRow[] = [];
    const flagged: RejectedRow[] = [];
    let rowsRead = 0;
    const { textLength } = source;
    const progress = (textRead: number) => {
      const seconds = Math.max(clock.now() - started, 1) / 1000;
      const bytesRead = Math.round((bytes.byteLength * textRead) / Math.max(textLength, 1));
      options.onProgress?.({ rowsDone: rowsRead, rowsPerSecond: Math.round(rowsRead / seconds), bytesRead });
    };

    for await (const { rows, end } of source.batches) {
      // The first batch tells how long a row is, so how many rows the file holds.
      indexes ??= deferIndexes(db, Math.round((rows.length * textLength) / Math.max(end, 1)));
      for (const { line, lead, raw } of rows) {
        rowsRead++;
        const outcome = typeof lead === 'string' ? lead : writer.write(lead);
        if (outcome === 'created' || outcome === 'updated' || outcome === 'merged') {
          counts[outcome]++;
          // The lead keeps the row's other data; the value goes to the rows file, so it can be fixed and imported again.
          if (typeof lead !== 'string' && lead.invalidEmail !== null) {
            const reason = invalidEmailFlag(lead.invalidEmail);
            flagged.push({ line, reason });
            reject.run(batchId, line, reason, raw);
          }
        } else {
          rejected.push({ line, reason: outcome });
          reject.run(batchId, line, outcome, raw);
        }
      }
      // Every 5,000 rows, as they are written, inside the transaction; a small file reports once, when it is in.
      if (Math.floor(rowsRead / PROGRESS_EVERY) > Math.floor((rowsRead - rows.length) / PROGRESS_EVERY)) {
        progress(end);
        // A long file lets the event loop breathe, so the web host answers while it imports.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }

    writer.finish();
    indexes?.finish();
    searchIndex.finish();
    db.prepare('UPDATE import_batches SET rows_read = ?, created = ?, updated = ?, merged = ?, rejected = ? WHERE id = ?').run(
      rowsRead,
      counts.created,
      counts.updated,
      counts.merged,
      rejected.length,
      batchId,
    );
    if (options.listName) addBatchToList(db, clock, options.listName, batchId);
    db.exec(options.dryRun ? 'ROLLBACK' : 'COMMIT');
    progress(textLength);
    return {
      batchId: options.dryRun ? null : batchId,
      dryRun: options.dryRun ?? false,
      encoding: source.encoding,
      delimiter: source.delimiter,
      rowsRead,
      ...counts,
      rejected,
      flagged,
    };
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    if (error instanceof ApiError && !error.message.includes('Nothing was imported')) {
      throw new ApiError(error.code, `${error.message} Nothing was imported.`, error.issues);
    }
    throw error;
  } finally {
    source?.close();
  }
}

