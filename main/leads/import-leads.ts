import { ApiError } from '../../shared/api-error.ts';
import type { ColumnMapping, ImportPreview, ImportReport, RejectedRow } from '../../shared/imports.ts';
import type { Clock } from '../clock.ts';
import { csvLine } from '../csv/csv-write.ts';
import { csvRecords, decodeCsv } from '../csv/csv-read.ts';
import type { Database } from '../store/database.ts';
import { sqliteStore } from '../store/seam/sqlite-store.ts';
import type { Queryable } from '../store/seam/store.ts';
import { addBatchToList } from './call-lists.ts';
import { mappingOf, resolveColumns } from './column-aliases.ts';
import { cut } from './field-limits.ts';
import { invalidEmailFlag, type ImportedLead, type NO_PHONE } from './lead-row.ts';
import { seamLeadWriter } from './lead-upsert.ts';
import { deferIndexes } from './import-deferred-indexes.ts';
import { firstRecord } from './import-header.ts';
import { openRowSource, type RowSource } from './import-row-source.ts';
import { deferSearchIndex } from './import-search-index.ts';
import { leadWriter, type WriteOutcome } from './lead-writer.ts';

export interface ImportProgress {
  rowsDone: number;
  rowsPerSecond: number;
  /** The file's bytes read so far: the wizard's bar is bytesRead of the file's size. */
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

/**
 * Past this many rows a first import matches rows by the store's lookups, not in memory: the keys
 * take ~0.3 KB a row (1,000,000 rows: peak 1,033 MB with them, 741 MB without; issue 12 asks
 * under 1 GB); past it, the email and number indexes stay and are asked row by row, as before.
 */
const MAX_ROWS_MATCHED_IN_MEMORY = 200_000;

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

/** How an import's rows reach the store: the rules are the same (lead-merge.ts), the statements may differ. */
interface LeadWriting {
  write(lead: ImportedLead): WriteOutcome | typeof NO_PHONE | Promise<WriteOutcome | typeof NO_PHONE>;
  /** Told once, at the first batch, how many rows the file holds (SQLite then lifts its indexes). */
  sized?(expectedRows: number): void;
  /** After the last row: the undo log's `after`, and anything lifted put back. */
  finish(): void | Promise<void>;
}

/**
 * Imports a CSV of leads into the rep's SQLite store, all or nothing: the whole file lands in one
 * transaction, so a bad file, a crash or a kill halfway leaves the store exactly as it was. Rows
 * that cannot become a lead are reported (and kept for download) with their line number and reason.
 *
 * The rows are written by the synchronous, tuned writer (lead-writer.ts), with the secondary and
 * full-text indexes built once at the end (import-deferred-indexes.ts, import-search-index.ts):
 * `npm run bench -- import` measures it beside the seam's writer on the same store (CONTRIBUTING.md).
 * Callers must not run other store work while this awaits (the API serialises every call).
 */
export async function importLeads(db: Database, clock: Clock, bytes: Uint8Array, options: ImportOptions): Promise<ImportReport> {
  return importThrough(sqliteStore(db), clock, bytes, options, (_, batchId) => {
    const searchIndex = deferSearchIndex(db, batchId);
    let indexes: { finish(): void } | null = null;
    // Into an empty store (a first import), rows are matched in memory: no lookup reads the store.
    const storeWasEmpty = db.prepare('SELECT NOT EXISTS (SELECT 1 FROM leads) AS empty').get()!.empty === 1;
    let writer: ReturnType<typeof leadWriter> | null = null;
    const writerFor = (matchInMemory: boolean) => (writer ??= leadWriter(db, batchId, options.lifetimeAttemptCap, matchInMemory));
    return {
      write: (lead) => writerFor(false).write(lead),
      sized(expectedRows) {
        const matchInMemory = storeWasEmpty && expectedRows <= MAX_ROWS_MATCHED_IN_MEMORY;
        writerFor(matchInMemory);
        indexes = deferIndexes(db, expectedRows, matchInMemory);
      },
      finish() {
        writer?.finish();
        indexes?.finish();
        searchIndex.finish();
      },
    };
  });
}

/**
 * The same import through the store seam, on either store: what the team server runs on
 * PostgreSQL. Same reading, rules, report, undo log, dry run and progress; the rows are written
 * statement by statement through the seam (lead-upsert.ts). On PostgreSQL the transaction is
 * serializable: two imports naming one new person at once make one lead (the second runs again,
 * from the file's first row, and merges).
 */
export async function importLeadsOnStore(q: Queryable, clock: Clock, bytes: Uint8Array, options: ImportOptions): Promise<ImportReport> {
  return importThrough(q, clock, bytes, options, (tx, batchId) => {
    const writer = seamLeadWriter(tx, { batchId, ...(options.lifetimeAttemptCap === undefined ? {} : { lifetimeAttemptCap: options.lifetimeAttemptCap }) });
    return { write: async (lead) => (await writer.write(lead)).outcome, finish: writer.finish };
  });
}

/**
 * An import into whichever store the process runs on: the rep's own SQLite store through its tuned
 * writer (measured faster than the seam's on the same file: CONTRIBUTING.md, the import bench),
 * the team's PostgreSQL through the seam.
 */
export function importLeadsInto(stores: { db: Database; store: Queryable }, clock: Clock, bytes: Uint8Array, options: ImportOptions): Promise<ImportReport> {
  return stores.store.dialect.kind === 'sqlite' ? importLeads(stores.db, clock, bytes, options) : importLeadsOnStore(stores.store, clock, bytes, options);
}

/** A dry run's report, thrown to roll its transaction back on either store. */
class DryRunDone {
  readonly report: ImportReport;
  constructor(report: ImportReport) {
    this.report = report;
  }
}

async function importThrough(
  q: Queryable,
  clock: Clock,
  bytes: Uint8Array,
  options: ImportOptions,
  writingFor: (tx: Queryable, batchId: number) => LeadWriting,
): Promise<ImportReport> {
  const started = clock.now();
  try {
    // On PostgreSQL the work may run again after a lost race: it reads the file anew each time.
    return await q.transaction(async (tx) => {
      const source = await openRowSource(bytes, { ...options, now: started }, options.readInWorker);
      try {
        const report = await writeRows(tx, clock, bytes, options, source, started, writingFor);
        if (options.dryRun) throw new DryRunDone(report);
        return report;
      } finally {
        source.close();
      }
    });
  } catch (error) {
    if (error instanceof DryRunDone) return error.report;
    if (error instanceof ApiError && !error.message.includes('Nothing was imported')) {
      throw new ApiError(error.code, `${error.message} Nothing was imported.`, error.issues);
    }
    throw error;
  }
}

async function writeRows(
  tx: Queryable,
  clock: Clock,
  bytes: Uint8Array,
  options: ImportOptions,
  source: RowSource,
  started: number,
  writingFor: (tx: Queryable, batchId: number) => LeadWriting,
): Promise<ImportReport> {
  const { id: batchId } = (await tx.one<{ id: number }>('INSERT INTO import_batches (file_name, imported_at, header) VALUES (?, ?, ?) RETURNING id', [
    options.fileName,
    started,
    csvLine(source.header),
  ]))!;
  const writing = writingFor(tx, batchId);
  const reject = (line: number, reason: string, raw: string | null) =>
    tx.run('INSERT INTO import_rejections (batch_id, line, reason, raw) VALUES (?, ?, ?, ?)', [batchId, line, reason, raw ?? '']);
  const counts = { created: 0, updated: 0, merged: 0 };
  const rejected: RejectedRow[] = [];
  const flagged: RejectedRow[] = [];
  let rowsRead = 0;
  let sized = false;
  const progress = (bytesRead: number) => {
    const seconds = Math.max(clock.now() - started, 1) / 1000;
    options.onProgress?.({ rowsDone: rowsRead, rowsPerSecond: Math.round(rowsRead / seconds), bytesRead });
  };

  for await (const { rows, end } of source.batches) {
    if (!sized) {
      sized = true;
      // The first batch tells how long a row is, so how many rows the file holds.
      writing.sized?.(Math.round((rows.length * bytes.byteLength) / Math.max(end, 1)));
    }
    for (const { line, lead, raw } of rows) {
      rowsRead++;
      let outcome = typeof lead === 'string' ? lead : writing.write(lead);
      // The SQLite writer answers at once: no await (a turn of the event loop's queue) per row.
      if (outcome instanceof Promise) outcome = await outcome;
      if (outcome === 'created' || outcome === 'updated' || outcome === 'merged') {
        counts[outcome]++;
        // The lead keeps the row's other data; the value goes to the rows file, so it can be fixed and imported again.
        if (typeof lead !== 'string' && lead.invalidEmail !== null) {
          const reason = invalidEmailFlag(lead.invalidEmail);
          flagged.push({ line, reason });
          await reject(line, reason, raw);
        }
      } else {
        rejected.push({ line, reason: outcome });
        await reject(line, outcome, raw);
      }
    }
    // Every 5,000 rows, as they are written, inside the transaction; a small file reports once, when it is in.
    if (Math.floor(rowsRead / PROGRESS_EVERY) > Math.floor((rowsRead - rows.length) / PROGRESS_EVERY)) {
      progress(end);
      // A long file lets the event loop breathe, so the web host answers while it imports.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  await writing.finish();
  await tx.run('UPDATE import_batches SET rows_read = ?, created = ?, updated = ?, merged = ?, rejected = ? WHERE id = ?', [
    rowsRead,
    counts.created,
    counts.updated,
    counts.merged,
    rejected.length,
    batchId,
  ]);
  if (options.listName) await addBatchToList(tx, clock, options.listName, batchId);
  progress(bytes.byteLength);
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
}
