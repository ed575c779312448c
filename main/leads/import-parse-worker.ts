import { parentPort, workerData } from 'node:worker_threads';
import { ApiError } from '../../shared/api-error.ts';
import { packBatch, type PackedBatch } from './import-row-packing.ts';
import { readImportFile, type ImportFileOptions } from './import-rows.ts';

/**
 * The worker thread that reads an import's file (import-row-source.ts starts it): the header
 * first, then the rows in packed batches. It runs ahead of the writer by at most the credits the
 * writer has handed back, so a file read faster than it is written is not all held in memory.
 */
export interface ParseWorkerData {
  bytes: Uint8Array;
  options: ImportFileOptions;
  /** Batches the worker may post before the writer takes one: Int32Array over a SharedArrayBuffer. */
  credits: Int32Array;
}

export type ParseWorkerMessage =
  | { type: 'head'; encoding: string; delimiter: ',' | ';' | '\t'; header: string[] }
  | { type: 'batch'; batch: PackedBatch }
  | { type: 'done' }
  | { type: 'error'; error: { message: string; code?: ApiError['code']; issues?: ApiError['issues'] } };

const { bytes, options, credits } = workerData as ParseWorkerData;
const post = (message: ParseWorkerMessage, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);

try {
  const file = readImportFile(bytes, options);
  post({ type: 'head', encoding: file.encoding, delimiter: file.delimiter, header: file.header });
  for (const batch of file.batches) {
    const packed = packBatch(batch);
    while (Atomics.load(credits, 0) <= 0) Atomics.wait(credits, 0, Atomics.load(credits, 0));
    Atomics.sub(credits, 0, 1);
    post({ type: 'batch', batch: packed }, [packed.ends.buffer as ArrayBuffer, packed.numbers.buffer as ArrayBuffer]);
  }
  post({ type: 'done' });
} catch (error) {
  post({
    type: 'error',
    error: error instanceof ApiError ? { message: error.message, code: error.code, issues: error.issues } : { message: error instanceof Error ? (error.stack ?? error.message) : String(error) },
  });
}
