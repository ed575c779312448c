import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHandlers } from '../../main/api/handlers.ts';
import { openCore } from '../../main/core.ts';
import { STORE_FILE } from '../../main/data-dir.ts';
import { memoryFile, preferenceStore } from '../../main/preferences/preferences.ts';
import { BENCH_NOW, DISPOSITION_MIX } from './hot-path.ts';
import { fillSyntheticStore } from './synthetic-store.ts';

/**
 * Profiles the hot path (disposition → next lead ready) on a store of any size, without the
 * whole bench:
 *
 *   npm exec -- node --cpu-prof --cpu-prof-dir=/tmp/prof test/bench/profile-hot-path.ts 1000000 2000 /tmp/store-1m
 *
 * Arguments: leads, dispositions, and a folder that keeps the filled store between runs (filling
 * a million leads takes a minute or two; each run works on a copy, so runs are comparable).
 * Open the .cpuprofile in Chrome's DevTools (Performance) or any cpuprofile viewer.
 */
const [leads = 100_000, count = 1_000] = process.argv.slice(2, 4).map(Number);
const templateDir = process.argv[4] ?? join(tmpdir(), `nextcall-profile-${leads}`);
const prefs = () => preferenceStore(memoryFile());

if (!existsSync(join(templateDir, STORE_FILE))) {
  mkdirSync(templateDir, { recursive: true });
  const core = openCore({ dataDir: templateDir, clock: { now: () => BENCH_NOW }, prefs: prefs() });
  fillSyntheticStore(core.db, leads, BENCH_NOW);
  core.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  core.close();
}
const dataDir = mkdtempSync(join(tmpdir(), 'nextcall-profile-run-'));
copyFileSync(join(templateDir, STORE_FILE), join(dataDir, STORE_FILE));

let now = BENCH_NOW;
const core = openCore({ dataDir, clock: { now: () => now }, prefs: prefs() });
const handlers = createHandlers(core);
const samples: number[] = [];
// The floor beside it, as in npm run bench: one row written and committed (fsync included).
core.db.exec('CREATE TABLE IF NOT EXISTS bench_floor (at INTEGER NOT NULL) STRICT');
const floorWrite = core.db.prepare('INSERT INTO bench_floor (at) VALUES (?)');
const floor: number[] = [];
// CPU time spent on dispositions alone: on a shared machine it moves far less than wall time.
let cpuMicros = 0;
try {
  let next = (await handlers['queue.next']({ consoleId: 'profile' })).next;
  for (let i = 0; i < count && next; i++) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const result = await handlers['calls.disposition']({ leadId: next.card.lead.id, code: DISPOSITION_MIX[i % DISPOSITION_MIX.length]!, notes: '', consoleId: 'profile' });
    // What the console asks after each disposition, as npm run bench measures it.
    await handlers['callbacks.upcoming']({});
    samples.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    cpuMicros += cpu.user + cpu.system;
    const t1 = performance.now();
    core.db.exec('BEGIN IMMEDIATE');
    floorWrite.run(now);
    core.db.exec('COMMIT');
    floor.push(performance.now() - t1);
    next = result.queue.next;
    now += 1000;
  }
} finally {
  core.close();
  rmSync(dataDir, { recursive: true, force: true });
}
const at = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!.toFixed(3);
console.log(`${leads} leads, ${samples.length} dispositions: p50 ${at(samples, 50)} ms, p95 ${at(samples, 95)} ms (CPU ${(cpuMicros / 1000 / samples.length).toFixed(3)} ms each); floor (bare transaction + fsync): p50 ${at(floor, 50)} ms, p95 ${at(floor, 95)} ms`);
