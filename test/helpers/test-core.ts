import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Clock } from '../../main/clock.ts';
import { openCore, type Core } from '../../main/core.ts';
import { importLeads, type ImportOptions } from '../../main/leads/import-leads.ts';
import { memoryFile, preferenceStore } from '../../main/preferences/preferences.ts';
import type { ImportReport } from '../../shared/imports.ts';

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

export type TestCore = Core & { clock: ManualClock; dataDir: string };

/** A real core over a real SQLite file in a temp folder, on a clock the test controls. */
export function testCore(iso = '2026-11-23T15:00:00Z', dataDir = tempDir()): TestCore {
  const clock = manualClock(iso);
  const core = openCore({ dataDir, clock, prefs: preferenceStore(memoryFile()) });
  cleanups.unshift(() => core.close());
  return { ...core, clock, dataDir };
}

/** Imports text (UTF-8) or bytes as a CSV file, as the console would. */
export function importCsv(core: Core, csv: string | Uint8Array, options: Partial<ImportOptions> = {}): Promise<ImportReport> {
  const bytes = typeof csv === 'string' ? new TextEncoder().encode(csv) : csv;
  return importLeads(core.db, core.clock, bytes, { fileName: 'leads.csv', defaultCountry: 'US', ...options });
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

/** Every row of the lead tables, for "nothing changed" checks. */
export function storeContents(core: Core): unknown {
  return Object.fromEntries(
    ['leads', 'phones', 'activities', 'calls', 'stage_history'].map((table) => [table, core.db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()]),
  );
}
