import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { logDisposition } from '../../main/calls/log-disposition.ts';
import { openCore } from '../../main/core.ts';
import { demoLeadsCsv } from '../../main/demo/demo-list.ts';
import { memoryFile, preferenceStore } from '../../main/preferences/preferences.ts';
import { pickNext, queueSnapshot } from '../../main/queue/next-lead.ts';
import { DEFAULT_DISPOSITIONS } from '../../shared/dispositions.ts';
import { STAGE_RANK, CLOSED_STAGES, type Stage } from '../../shared/stages.ts';

/**
 * `npm run bench`: each figure beside a baseline measured in the same run on the same data
 * (DESIGN.md), so the ratio means something on a noisy machine.
 *   - import a 100,000-row HubSpot-shaped export: time and peak memory, beside the floors of only
 *     parsing the same file and only inserting the same rows (each in a process of its own);
 *   - pick the next lead: indexed queries vs. loading every lead and sorting in memory;
 *   - disposition → next lead ready: one transaction + pick vs. rewriting the list as JSON.
 * Figures print as a table and land as JSON in test/bench/results/ (ignored by git).
 */
const LEADS = Number(process.env.BENCH_LEADS ?? 100_000);
const PICKS = Number(process.env.BENCH_PICKS ?? 1_000);
const BASELINE_PICKS = Number(process.env.BENCH_BASELINE_PICKS ?? 30);
const NOW = Date.parse('2026-11-23T15:00:00Z');

interface Row {
  figure: string;
  samples: number;
  p50: number;
  p95: number;
  baseline?: { name: string; samples: number; p50: number; p95: number };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { samples: samples.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

const dataDir = mkdtempSync(join(tmpdir(), 'nextcall-bench-'));
const rows: Row[] = [];
const clock = { now: () => NOW };

interface ScenarioResult {
  ms: number;
  rows: number;
  peakRssMb: number;
}

function scenario(mode: 'parse' | 'insert' | 'import', file: string, dir: string): ScenarioResult {
  const script = new URL('./import-scenario.ts', import.meta.url).pathname;
  const output = execFileSync(process.execPath, [script, mode, file, dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(output.trim().split('\n').pop()!) as ScenarioResult;
}

console.log(`Nextcall benchmark: ${LEADS.toLocaleString('en-US')} demo leads, Node ${process.version}`);
const csvFile = join(dataDir, 'hubspot-export.csv');
writeFileSync(csvFile, demoLeadsCsv({ count: LEADS, now: NOW }));
const floorDir = mkdtempSync(join(tmpdir(), 'nextcall-bench-floor-'));
const parseOnly = scenario('parse', csvFile, floorDir);
const insertOnly = scenario('insert', csvFile, floorDir);
rmSync(floorDir, { recursive: true, force: true });
const fullImport = scenario('import', csvFile, dataDir);
const imports = [
  ['import (all of it)', fullImport],
  ['floor: parse only', parseOnly],
  ['floor: insert only', insertOnly],
] as const;

const core = openCore({ dataDir, clock, prefs: preferenceStore(memoryFile()) });

try {
  // Realistic history: a first pass of calls over a tenth of the list before measuring.
  const mix = ['no-answer', 'voicemail', 'busy', 'no-answer', 'interested-not-yet', 'not-interested', 'qualified', 'wrong-person'];
  for (let i = 0; i < LEADS / 10; i++) {
    const pick = pickNext(core.db, clock.now());
    if (!pick) break;
    logDisposition(core.db, clock, DEFAULT_DISPOSITIONS, { leadId: pick.leadId, code: mix[i % mix.length]!, notes: '' });
  }

  // Ours: the pick alone, then disposition → next lead ready (what the console waits for).
  const pickTimes: number[] = [];
  const dispositionTimes: number[] = [];
  for (let i = 0; i < PICKS; i++) {
    const t0 = performance.now();
    const pick = pickNext(core.db, clock.now());
    pickTimes.push(performance.now() - t0);
    if (!pick) break;
    const t1 = performance.now();
    logDisposition(core.db, clock, DEFAULT_DISPOSITIONS, { leadId: pick.leadId, code: mix[i % mix.length]!, notes: 'bench' });
    queueSnapshot(core.db, clock.now());
    dispositionTimes.push(performance.now() - t1);
  }

  // Baseline: every lead loaded into memory and sorted by the same rules, for each pick.
  const baselinePicks: number[] = [];
  for (let i = 0; i < BASELINE_PICKS; i++) {
    const t0 = performance.now();
    inMemoryPick(core.db, clock.now());
    baselinePicks.push(performance.now() - t0);
  }

  // Baseline: the whole list kept as one JSON file, rewritten on every disposition.
  const everyLead = core.db.prepare('SELECT * FROM leads').all();
  const jsonFile = join(dataDir, 'leads.json');
  const jsonWrites: number[] = [];
  for (let i = 0; i < Math.min(BASELINE_PICKS, 20); i++) {
    const t0 = performance.now();
    writeFileSync(jsonFile, JSON.stringify(everyLead));
    jsonWrites.push(performance.now() - t0);
  }

  rows.push({ figure: `pick the next lead (${LEADS.toLocaleString('en-US')} leads)`, ...stats(pickTimes), baseline: { name: 'load all + sort', ...stats(baselinePicks) } });
  rows.push({ figure: 'disposition → next lead ready (core)', ...stats(dispositionTimes), baseline: { name: 'rewrite list as JSON', ...stats(jsonWrites) } });
  console.log(`\n| import ${LEADS.toLocaleString('en-US')}-row CSV | time | peak RSS |\n|---|---|---|`);
  for (const [name, r] of imports) console.log(`| ${name} | ${(r.ms / 1000).toFixed(2)} s | ${r.peakRssMb} MB |`);
  printTable(rows);
  const resultsDir = new URL('./results/', import.meta.url);
  mkdirSync(resultsDir, { recursive: true });
  const file = new URL(`bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, resultsDir);
  writeFileSync(file, `${JSON.stringify({ node: process.version, leads: LEADS, import: Object.fromEntries(imports), rows }, null, 2)}\n`);
  console.log(`\nWritten to ${file.pathname}`);
} finally {
  core.close();
  rmSync(dataDir, { recursive: true, force: true });
}

function printTable(table: Row[]): void {
  const ms = (n: number) => `${n.toFixed(n < 10 ? 3 : 1)} ms`;
  console.log('\n| figure | samples | p50 | p95 | baseline | baseline p50 | baseline p95 | p95 ratio |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of table) {
    const b = r.baseline;
    const ratio = b ? `${(b.p95 / r.p95).toFixed(0)}× faster` : '';
    console.log(`| ${r.figure} | ${r.samples} | ${ms(r.p50)} | ${ms(r.p95)} | ${b ? `${b.name} (${b.samples})` : ''} | ${b ? ms(b.p50) : ''} | ${b ? ms(b.p95) : ''} | ${ratio} |`);
  }
}

interface BaselineLead {
  id: number;
  stage: Stage;
  score: number;
  attempts: number;
  requested_call: number;
  do_not_call: number;
  created_at: number;
  retry_at: number | null;
  last_activity_at: number | null;
  good_numbers: number;
}

/** The same tiers as pickNext, computed the naive way: read everything, filter, sort. */
function inMemoryPick(db: typeof core.db, now: number): number | undefined {
  const leads = db
    .prepare(
      `SELECT l.id, l.stage, l.score, l.attempts, l.requested_call, l.do_not_call, l.created_at, l.retry_at, l.last_activity_at,
              (SELECT count(*) FROM phones p WHERE p.lead_id = l.id AND p.bad = 0 AND p.e164 IS NOT NULL) AS good_numbers
       FROM leads l`,
    )
    .all() as unknown as BaselineLead[];
  const callable = leads.filter((l) => !l.do_not_call && !CLOSED_STAGES.has(l.stage) && l.good_numbers > 0);
  const tier = (l: BaselineLead) => (l.attempts === 0 && l.requested_call ? 0 : l.attempts > 0 && l.retry_at !== null && l.retry_at <= now ? 1 : l.attempts === 0 ? 2 : 3);
  const eligible = callable.filter((l) => tier(l) < 3);
  eligible.sort(
    (a, b) =>
      tier(a) - tier(b) ||
      (tier(a) === 0 ? a.created_at - b.created_at : 0) ||
      (tier(a) === 1 ? a.retry_at! - b.retry_at! : 0) ||
      STAGE_RANK[b.stage] - STAGE_RANK[a.stage] ||
      b.score - a.score ||
      (b.last_activity_at ?? 0) - (a.last_activity_at ?? 0),
  );
  return eligible[0]?.id;
}
