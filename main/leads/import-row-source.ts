import { Worker } from 'node:worker_threads';
import { ApiError } from '../../shared/api-error.ts';
import type { ParseWorkerData, ParseWorkerMessage } from './import-parse-worker.ts';
import { unpackBatch } from './import-row-packing.ts';
import { readImportFile, type ImportFileHead, type ImportFileOptions, type RowBatch } from './import-rows.ts';

/**
 * Where an import's rows come from: read here, between writes, or, when asked, in a worker
 * thread while this thread writes what it has read.
 *
 * The worker is not the default because it did not pay on the 2-core machine this is built on:
 * `npm run bench -- import` measures both (100,000 rows, load 11-15: 31-34 s with the worker
 * against 19-23 s without, peak 720-790 MB against 460-480 MB). The thread's start loads its
 * modules anew (libphonenumber's metadata, the zone tables: 0.7-1.5 s here), the batches are
 * packed and unpacked (import-row-packing.ts), and the two threads share two busy cores.
 */
export interface RowSource extends ImportFileHead {
  batches: AsyncIterable<RowBatch>;
  /** Stops the reading: the import has failed, or is done. */
  close(): void;
}

/** The reading thread, as Node runs the sources (the desktop bundle has no entry for it: the option is off there). */
const IMPORT_PARSE_WORKER = new URL('./import-parse-worker.ts', import.meta.url);
/** Batches the worker may read ahead of the writer: enough to keep it busy, not the whole file in memory. */
const READ_AHEAD = 4;

export async function openRowSource(bytes: Uint8Array, options: ImportFileOptions, inWorker = false): Promise<RowSource> {
  return inWorker ? workerRowSource(bytes, options) : localRowSource(bytes, options);
}

/**
 * Read here, a batch is a hundred rows: each row's objects are written and dropped while they are
 * young. Batches of 5,000 kept them through the young generation's collections, into the old one:
 * peak memory went from ~300 MB to ~450 MB for 100,000 rows.
 */
const LOCAL_BATCH_ROWS = 100;

function localRowSource(bytes: Uint8Array, options: ImportFileOptions): RowSource {
  const { batches, ...head } = readImportFile(bytes, options, LOCAL_BATCH_ROWS);
  return {
    ...head,
    batches: (async function* () {
      yield* batches;
    })(),
    close() {},
  };
}

async function workerRowSource(bytes: Uint8Array, options: ImportFileOptions): Promise<RowSource> {
  const credits = new Int32Array(new SharedArrayBuffer(4));
  credits[0] = READ_AHEAD;
  const { fileName, defaultCountry, mapping, encoding, now } = options;
  const data: ParseWorkerData = { bytes, options: { fileName, defaultCountry, mapping, encoding, now }, credits };
  const worker = new Worker(IMPORT_PARSE_WORKER, { workerData: data });
  const inbox: ParseWorkerMessage[] = [];
  let wake: (() => void) | null = null;
  const deliver = (message: ParseWorkerMessage) => {
    inbox.push(message);
    wake?.();
  };
  worker.on('message', deliver);
  worker.on('error', (error) => deliver({ type: 'error', error: { message: error.stack ?? error.message } }));
  worker.on('exit', (code) => deliver({ type: 'error', error: { message: `The file's reader stopped (exit code ${code}).` } }));
  const next = async (): Promise<Exclude<ParseWorkerMessage, { type: 'error' }>> => {
    while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    const message = inbox.shift()!;
    if (message.type !== 'error') return message;
    const { code, message: text, issues } = message.error;
    throw code ? new ApiError(code, text, issues) : new Error(text);
  };
  const close = () => void worker.terminate();

  try {
    const head = await next();
    if (head.type !== 'head') throw new Error(`The file's reader sent ${head.type} before the header.`);
    return {
      encoding: head.encoding,
      delimiter: head.delimiter,
      header: head.header,
      batches: (async function* () {
        for (let message = await next(); message.type === 'batch'; message = await next()) {
          yield unpackBatch(message.batch);
          Atomics.add(credits, 0, 1);
          Atomics.notify(credits, 0);
        }
      })(),
      close,
    };
  } catch (error) {
    close();
    throw error;
  }
}
