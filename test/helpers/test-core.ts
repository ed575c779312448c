import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Clock } from '../../main/clock.ts';
import { openCore, type Core } from '../../main/core.ts';
import { importLeadsCsv } from '../../main/leads/import-csv.ts';
import { memoryFile, preferenceStore } from '../../main/preferences/preferences.ts';
import type { ImportReport } from '../../shared/leads.ts';

export interface ManualClock extends Clock {
  set(iso: string): void;
  advance(ms: number): void;
}

export function manualClock(iso: string): ManualClock {
  let now = Date.parse(iso);
  return {
    now: () => now,
    set: (next) => void (now = Date.parse(next)),
    advance: (ms) => void (now += ms),
  };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A temp folder removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nextcall-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A real core over a real SQLite file in a temp folder, on a clock the test controls. */
export function testCore(iso = '2026-11-23T15:00:00Z', dataDir = tempDir()): Core & { clock: ManualClock; dataDir: string } {
  const clock = manualClock(iso);
  const core = openCore({ dataDir, clock, prefs: preferenceStore(memoryFile()) });
  cleanups.unshift(() => core.close());
  return { ...core, clock, dataDir };
}

export function importCsv(core: Core, csv: string, fileName = 'leads.csv'): Promise<ImportReport> {
  return importLeadsCsv(core.db, core.clock, csv, { fileName, defaultCountry: 'US' });
}

export const DEMO_FIXTURE = new URL('../fixtures/demo-leads.csv', import.meta.url);

export function demoFixture(): string {
  return readFileSync(DEMO_FIXTURE, 'utf8');
}

/** Builds a CSV from a header line and rows, for readable tests. */
export function csv(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

export function count(core: Core, table: string): number {
  return (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
