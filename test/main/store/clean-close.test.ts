import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORE_FILE } from '../../../main/data-dir.ts';
import { cleanCloseFile } from '../../../main/store/clean-close.ts';
import { checkStoreFile, StoreProblem } from '../../../main/store/store-check.ts';
import { fillSyntheticStore } from '../../bench/synthetic-store.ts';
import { testCore } from '../../helpers/test-core.ts';

const NOW = Date.parse('2026-11-23T15:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

/** A store of 3,000 leads, opened by the core and closed cleanly. */
function closedStore(): { dataDir: string; file: string } {
  const core = testCore(new Date(NOW).toISOString());
  fillSyntheticStore(core.db, 3_000, NOW);
  core.close();
  return { dataDir: core.dataDir, file: join(core.dataDir, STORE_FILE) };
}

/** Garbage over 64 KiB in the middle of the file. */
function spoil(file: string): void {
  const before = statSync(file);
  const fd = openSync(file, 'r+');
  const garbage = Buffer.alloc(64 * 1024, 0).map((_, i) => (i * 131 + 7) & 0xff);
  writeSync(fd, garbage, 0, garbage.length, Math.floor(before.size / 2));
  closeSync(fd);
}

describe('the whole-file check on open, skipped only when a clean close vouches for the store', () => {
  it('a store closed cleanly and untouched since opens with the cheap check only', () => {
    const { file } = closedStore();
    expect(checkStoreFile(file, { now: NOW + DAY }).check).toBe('header');
  });

  it('a store written by something else after a clean close is checked whole and refused when damaged', () => {
    const { file } = closedStore();
    spoil(file);
    expect(() => checkStoreFile(file, { now: NOW + DAY })).toThrow(StoreProblem);
  });

  it('after a crash (the core never closed) the store is checked whole', () => {
    const { file } = closedStore();
    const core = testCore(new Date(NOW).toISOString(), join(file, '..'));
    // Open: the record is gone until a clean close puts it back.
    expect(() => readFileSync(cleanCloseFile(file))).toThrow();
    core.db.close(); // the process dies: the core's close() never runs
    expect(checkStoreFile(file, { now: NOW + DAY }).check).toBe('quick_check');
  });

  it('a clean close while another connection still holds the store is not recorded', () => {
    const { file } = closedStore();
    const first = testCore(new Date(NOW).toISOString(), join(file, '..'));
    const second = testCore(new Date(NOW).toISOString(), join(file, '..'));
    second.db.exec("UPDATE leads SET score = 1 WHERE id = 1");
    first.close();
    expect(() => readFileSync(cleanCloseFile(file))).toThrow();
    second.close();
    expect(checkStoreFile(file, { now: NOW + DAY }).check).toBe('header');
  });
});
