import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ApiFailure } from '../../shared/api-error.ts';
import type { Core } from '../../main/core.ts';
import { STORE_FILE } from '../../main/data-dir.ts';
import { demoFixture, importCsv, tempDir, testCore, type TestCore } from './test-core.ts';

let template: Buffer | null = null;

/**
 * A fresh store for each fuzzed method, holding a short call list, so the ids in the inputs name
 * real leads and no method's calls change what the next one sees. The list is imported once per
 * file and its database file kept in memory: opening a copy costs far less than migrating and importing again.
 */
export async function fuzzStore(): Promise<TestCore> {
  if (!template) {
    const seed = testCore();
    await importCsv(seed, smallDemoList(20));
    seed.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    template = readFileSync(join(seed.dataDir, STORE_FILE));
  }
  const dataDir = tempDir();
  writeFileSync(join(dataDir, STORE_FILE), template);
  return testCore(undefined, dataDir);
}

/**
 * Every row of every table and the preferences, as text, for "a refused call wrote nothing"
 * checks. SQLite writes each table out itself (quote() of every column): building a few thousand
 * row objects in JavaScript, twice a call, would make the fuzzing slow enough that nobody runs it.
 */
export function storeText(core: Core): Record<string, string> {
  // Ordinary tables only: a full-text index (virtual, and its shadow tables, some without rowid)
  // mirrors the table it indexes, which is compared already.
  const tables = core.db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  const text: Record<string, string> = {};
  for (const { name } of tables) {
    const columns = (core.db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]).map((c) => `quote("${c.name}")`);
    const row = core.db.prepare(`SELECT group_concat(${columns.join(" || ',' || ")}, char(10)) AS rows FROM (SELECT * FROM "${name}" ORDER BY rowid)`).get() as { rows: string | null };
    text[name] = row.rows ?? '';
  }
  return { ...text, preferences: JSON.stringify(core.prefs.read()) };
}

/** The tables (and 'preferences') whose contents differ between two storeText()s. */
export function changedParts(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((part) => before[part] !== after[part]);
}

/** The first rows of the demo list: enough leads for ids to hit, few enough to compare every row. */
export function smallDemoList(rows: number): string {
  return `${demoFixture().split('\n').slice(0, rows + 1).join('\n')}\n`;
}

const CALLER_CODES: ApiFailure['code'][] = ['invalid-input', 'unknown-method', 'not-found', 'conflict', 'unauthorized', 'forbidden'];

/** A refusal a person can act on: the caller's mistake, said in a sentence, no stack trace. */
export function assertClearFailure(error: ApiFailure): void {
  expect(CALLER_CODES, `${error.code}: ${error.message}`).toContain(error.code);
  expect(typeof error.message).toBe('string');
  expect(error.message.trim().length).toBeGreaterThan(0);
  expect(error.message).not.toMatch(/\n\s+at |\[object Object\]|TypeError|ReferenceError|SQLITE_|undefined is not/);
}

/**
 * FUZZ_SCALE=20 npm run test:unit -- test/main/api fuzzes twenty times longer: for a deeper search
 * by hand, when a handler changes. npm test keeps the default, 1.
 */
export const FUZZ_SCALE = Math.max(1, Number(process.env.FUZZ_SCALE) || 1);

/** numRuns for fc.assert, scaled like the time budget. */
export function fuzzRuns(budget: FuzzBudget): { numRuns: number } {
  return { numRuns: budget.runs * FUZZ_SCALE };
}

export interface FuzzBudget {
  runs: number;
  milliseconds: number;
  /** Runs always made, however slow the machine. */
  atLeast?: number;
}

/**
 * A property held to a budget: fast-check generates `runs` inputs, and once `milliseconds` have
 * passed (and at least `atLeast` inputs were really tried) the rest pass without being tried. On
 * a loaded machine that is fewer real runs, never a suite that drags past its minute. (fast-check's
 * own time limit fails a property it interrupts before a first run ends, which a busy machine does.)
 * After a failure every input is tried again, so shrinking finds the smallest one.
 */
export function withinBudget<T>(budget: FuzzBudget, property: (input: T) => Promise<void>): (input: T) => Promise<void> {
  const milliseconds = budget.milliseconds * FUZZ_SCALE;
  let started = 0;
  let tried = 0;
  let failed = false;
  return async (input) => {
    if (tried === 0) started = Date.now();
    if (!failed && tried >= (budget.atLeast ?? 5) && Date.now() - started > milliseconds) return;
    tried++;
    try {
      await property(input);
    } catch (error) {
      failed = true;
      throw error;
    }
  };
}
