import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { STORE_FILE } from '../../main/data-dir.ts';
import { fillSyntheticStore } from '../bench/synthetic-store.ts';
import { tempDir, testCore } from './test-core.ts';

/** The ways a store file arrives damaged: a copy cut short, a header overwritten, garbage inside, emptied. */
export type Damage = 'truncated' | 'bad header' | 'garbage in the middle' | 'zero bytes';
export const DAMAGES: Damage[] = ['truncated', 'bad header', 'garbage in the middle', 'zero bytes'];

let sound: Buffer | null = null;

/** A sound store of 3,000 leads, made once per test file, as bytes. */
function soundStore(): Buffer {
  if (sound) return Buffer.from(sound);
  const core = testCore('2026-11-23T15:00:00Z');
  fillSyntheticStore(core.db, 3_000, core.clock.now());
  core.close();
  sound = readFileSync(join(core.dataDir, STORE_FILE));
  return Buffer.from(sound);
}

/** A data folder holding a store damaged this way. */
export function damagedDataDir(damage: Damage): { dataDir: string; file: string } {
  const dataDir = tempDir();
  const file = join(dataDir, STORE_FILE);
  const bytes = soundStore();
  if (damage === 'truncated') writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
  if (damage === 'bad header') writeFileSync(file, Buffer.concat([Buffer.from('NOT A DATABASE, A SPREADSHEET'), bytes.subarray(29)]));
  if (damage === 'zero bytes') writeFileSync(file, '');
  if (damage === 'garbage in the middle') {
    const middle = Math.floor(bytes.length / 2);
    // A seeded pattern, not random: the same damage every run.
    for (let i = 0; i < 64 * 1024; i++) bytes[middle + i] = (i * 131 + 7) & 0xff;
    writeFileSync(file, bytes);
  }
  return { dataDir, file };
}

/** A sound store in a folder this process (or, as root, the user `nobody`) cannot write. */
export function readOnlyDataDir(): { dataDir: string; file: string } {
  const parent = tempDir();
  chmodSync(parent, 0o755);
  const dataDir = join(parent, 'locked');
  mkdirSync(dataDir);
  const file = join(dataDir, STORE_FILE);
  writeFileSync(file, soundStore());
  chmodSync(file, 0o444);
  chmodSync(dataDir, 0o555);
  return { dataDir, file };
}

export function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
