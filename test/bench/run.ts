import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHandlers } from '../../main/api/handlers.ts';
import { openCore, type Core } from '../../main/core.ts';
import { demoLeadsCsv } from '../../main/demo/demo-list.ts';
import { memoryFile, preferenceStore } from '../../main/preferences/preferences.ts';
import { pickNext, type QueueContext } from '../../main/queue/next-lead.ts';
import { DEFAULT_QUEUE_RULES } from '../../shared/queue-rules.ts';
import { CLOSED_STAGES, STAGE_RANK, type Stage } from '../../shared/stages.ts';
import { measureKeypressLatency } from './browser-latency.ts';
import { measureKeyToInvite, PHASES } from './phone-dial.ts';
import { measureColdStart } from './cold-start.ts';
import { DISPOSITION_MIX } from './hot-path.ts';
import { summarize } from '../../main/sessions/summary.ts';
import { fillSyntheticStore } from './synthetic-store.ts';
import { benchLeadSearch } from './lead-search-bench.ts';
import { benchFloor } from './floor-bench.ts';
import { benchTeam } from './team-bench.ts';
import { benchInbound } from './inbound-bench.ts';
import { benchReadDuringImport, median, readDuringImportTable } from './read-during-import.ts';

/**
 * `npm run bench`: each figure beside a baseline measured in the same run on the same data
 * (DESIGN.md), so the ratio means something on a noisy machine.
 *   - import a 100,000-row HubSpot-shaped export: time and peak memory, beside the floors of only
 *     parsing the same file and only inserting the same rows (each in a process of its own);
 *   - pick the next lead with 100,000 and 1,000,000 leads (with call history): indexed queries
 *     vs. loading every lead and sorting in memory;
 *   - disposition → next lead ready, 100,000 leads: one transaction + pick vs. rewriting the
 *     list as JSON;
 *   - the summary of a 10,000-call session, beside the floor of only reading its calls;
 *   - find a lead by name, company, email or any number, 100,000 leads, beside a full scan;
 *   - key press on a disposition → next lead painted, in Chromium against the web host, 100,000
 *     leads, beside the floor of the cheapest API call and a paint (needs the build: npm run build).
 *   - disposition → next lead ready at every size (with the upcoming callbacks the console asks
 *     for after each), beside the floor of a bare transaction (one row written, committed,
 *     fsynced) on the same store, interleaved with the dispositions;
 *   - cold start → first lead served by the web host's API, 100,000 leads, beside the floor of a
 *     process that opens the database and makes one indexed read: after a clean close (the
 *     usual start), and after a crash (the store checked whole first, store/clean-close.ts).
 *   - a console's reads (find a lead, open a card) during a 100,000-row import: answered from the
 *     read-only connection, beside every call in turn (the one line before issue 12).
 * BENCH_SIZES (e.g. "100000") and BENCH_PICKS shorten a run; naming scenarios runs only those
 * (npm run bench -- queue cold-start; the names: import, read-during-import, queue, summary, lead-search, cold-start, browser, export, phone, floor, team, inbound).
 * The team scenario (team-bench.ts): consoles over HTTP through two team server processes on PostgreSQL.
 * The inbound scenario (inbound-bench.ts): a burst of signed webhooks while consoles work, the same way.
 * Results also land as JSON in test/bench/results/ (ignored by git).
 */
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const PICKS = Number(process.env.BENCH_PICKS ?? 1_000);
const BASELINE_PICKS = Number(process.env.BENCH_BASELINE_PICKS ?? 5);
// Monday 10:00 in New York: most zones are inside their calling hours.
const NOW = Date.parse('2026-11-23T15:00:00Z');

interface Stats {
  samples: number;
  p50: number;
  p95: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { samples: samples.length, p50: at(50), p95: at(95) };
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 3 : 1)} ms`;
const SCENARIOS = ['import', 'read-during-import', 'queue', 'summary', 'lead-search', 'cold-start', 'browser', 'export', 'phone', 'floor', 'team', 'inbound'];
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !SCENARIOS.includes(name));
if (unknown.length) throw new Error(`No scenario called ${unknown.join(', ')}: choose among ${SCENARIOS.join(', ')} (or none, for all).`);
const runs = (scenario: string) => chosen.length === 0 || chosen.includes(scenario);
const results: Record<string, unknown> = { node: process.version, at: new Date().toISOString() };
console.log(`Nextcall benchmark — Node ${process.version}`);

// ---------------------------------------------------------------- team
if (runs('team')) {
  const team = await benchTeam({
    leads: Number(process.env.BENCH_TEAM_LEADS ?? 10_000),
    consoles: Number(process.env.BENCH_TEAM_CONSOLES ?? 50),
    seconds: Number(process.env.BENCH_TEAM_SECONDS ?? 120),
    profile: process.env.BENCH_TEAM_PROFILE === '1',
    paceMs: Number(process.env.BENCH_TEAM_PACE_MS ?? 0),
    stagger: process.env.BENCH_TEAM_STAGGER === '1',
  });
  const t = team.team as { dispositions: number; perSecond: number; p50: number; p95: number };
  const s = team.sqlite as typeof t;
  console.log(`\n| disposition → next lead, ${String(team.leads)} leads | p50 | p95 | dispositions/s | dispositions |\n|---|---|---|---|---|`);
  console.log(`| team: ${String(team.consoles)} consoles over HTTP${team.paceMs ? `, each waiting ${team.stagger ? `0.5–1.5 × ${String(team.paceMs)} ms (started at random within it)` : `${String(team.paceMs)} ms`} after an answer` : ', each at once'}, 2 server processes, PostgreSQL | ${ms(t.p50)} | ${ms(t.p95)} | ${t.perSecond.toFixed(1)} | ${t.dispositions} |`);
  console.log(`| baseline: one rep on SQLite, the handlers in process | ${ms(s.p50)} | ${ms(s.p95)} | ${s.perSecond.toFixed(1)} | ${s.dispositions} |`);
  const [before, after] = [team.beforeKill as typeof t, team.afterKill as typeof t];
  console.log(`| the same, before the kill -9 (2 processes) | ${ms(before.p50)} | ${ms(before.p95)} | ${before.perSecond.toFixed(1)} | ${before.dispositions} |`);
  console.log(`| the same, after the kill -9 (1 process) | ${ms(after.p50)} | ${ms(after.p95)} | ${after.perSecond.toFixed(1)} | ${after.dispositions} |`);
  (team.quarters as (typeof t)[]).forEach((q, i) => console.log(`| the same, quarter ${i + 1} of the run${i === 0 ? ' (the processes freshly started)' : i === 2 ? ' (from the kill -9)' : ''} | ${ms(q.p50)} | ${ms(q.p95)} | ${q.perSecond.toFixed(1)} | ${q.dispositions} |`));
  console.log(`the first seconds one by one (dispositions: p50 / p95): ${(team.firstSeconds as string[]).join('; ')}`);
  console.log(`leads seeded in bulk in ${(Number(team.seededMs) / 1_000).toFixed(1)} s`);
  console.log(`double claims (leads called twice, from the calls table): ${String(team.doubleClaims)}; leads called by two reps: ${String(team.leadsCalledByTwoReps)}`);
  console.log(`acknowledged dispositions: ${String(team.acknowledged)}, lost (no call in the table): ${String(team.acknowledgedLost)}; calls in the table: ${String(team.callsInTable)} (logged but never acknowledged: ${String(team.loggedUnacknowledged)}); failed requests: ${String(team.failures)}`);
  const killed = team.killed as { consoles: number; reconnected: number; reconnectP50Ms: number; reconnectMaxMs: number; leases: Record<string, number> };
  console.log(`kill -9 of one process half way: ${killed.consoles} consoles on it, ${killed.reconnected} answered again through the other (p50 ${ms(killed.reconnectP50Ms)}, max ${ms(killed.reconnectMaxMs)} after the kill)`);
  console.log(`their leases at the kill: ${killed.leases.heldAtKill}; the same lead back on its console: ${killed.leases.backToItsConsole}; taken by another console: ${killed.leases.takenByAnotherConsole}; neither logged nor held: ${killed.leases.neitherLoggedNorHeld}`);
  const statements = team.statements as { perDisposition: number; totalMs: number; meanMs: number; query: string }[] | undefined;
  if (statements) {
    console.log('\n| statement sent (pg_stat_statements, both processes, most frequent first) | per disposition | mean | total |\n|---|---|---|---|');
    for (const s of statements) console.log(`| ${s.query.replace(/\|/g, '\\|')} | ${s.perDisposition.toFixed(1)} | ${Number.isNaN(s.meanMs) ? '' : ms(s.meanMs)} | ${(s.totalMs / 1_000).toFixed(1)} s |`);
  }
  results.team = team;
}

// ---------------------------------------------------------------- inbound
if (runs('inbound')) {
  const inbound = await benchInbound({
    webhooks: Number(process.env.BENCH_INBOUND_WEBHOOKS ?? 1_000),
    consoles: Number(process.env.BENCH_INBOUND_CONSOLES ?? 20),
    seconds: Number(process.env.BENCH_INBOUND_SECONDS ?? 10),
    leads: Number(process.env.BENCH_INBOUND_LEADS ?? 20_000),
    paceMs: Number(process.env.BENCH_INBOUND_PACE_MS ?? 1_000),
  });
  type Latency = { samples: number; p50: number; p95: number };
  const stored = inbound.stored as { leads: number; emails: number; numbers: number; callRequests: number };
  const answer = inbound.webhookAnswer as { burst: Latency; quietOneAtATime: Latency };
  const consoles = inbound.consolesDispositionToNext as { duringBurst: Latency & { failures: number; queueAsked: number }; withoutBurst: Latency & { failures: number; queueAsked: number } };
  console.log(`\n${String(inbound.webhooks)} signed webhooks in ${(inbound.burstSeconds as number).toFixed(1)} s over 2 server processes (${String(inbound.distinctRequests)} requests from ${String(inbound.people)} people, the rest replays), ${String(inbound.consoles)} consoles working${inbound.paceMs ? `, each resting ${ms(inbound.paceMs as number)} between a disposition and the next` : ' in a closed loop (no rest: capacity)'}`);
  console.log(`answers by status: ${JSON.stringify(inbound.statuses)}`);
  console.log(`stored: ${stored.leads} leads for ${String(inbound.people)} people (${stored.emails} distinct emails, ${stored.numbers} distinct numbers), ${stored.callRequests} call requests on them`);
  console.log(`\n| | p50 | p95 | samples |\n|---|---|---|---|`);
  console.log(`| webhook answer, during the burst | ${ms(answer.burst.p50)} | ${ms(answer.burst.p95)} | ${answer.burst.samples} |`);
  console.log(`| baseline: webhook answer, one at a time, no consoles | ${ms(answer.quietOneAtATime.p50)} | ${ms(answer.quietOneAtATime.p95)} | ${answer.quietOneAtATime.samples} |`);
  console.log(`| console disposition → next lead, during the burst | ${ms(consoles.duringBurst.p50)} | ${ms(consoles.duringBurst.p95)} | ${consoles.duringBurst.samples} |`);
  console.log(`| baseline: the same consoles without the burst | ${ms(consoles.withoutBurst.p50)} | ${ms(consoles.withoutBurst.p95)} | ${consoles.withoutBurst.samples} |`);
  console.log(`console requests failed: ${consoles.duringBurst.failures} during the burst, ${consoles.withoutBurst.failures} without; queue asked again on arrivals: ${consoles.duringBurst.queueAsked}`);
  results.inbound = inbound;
}

// ---------------------------------------------------------------- import
if (runs('import')) {
  const dir = mkdtempSync(join(tmpdir(), 'nextcall-bench-import-'));
  const file = join(dir, 'hubspot-export.csv');
  writeFileSync(file, demoLeadsCsv({ count: IMPORT_ROWS, now: NOW }));
  const scenario = (mode: 'parse' | 'insert' | 'import' | 'import-worker' | 'import-seam') => {
    const store = mkdtempSync(join(dir, `${mode}-`));
    const script = new URL('./import-scenario.ts', import.meta.url).pathname;
    const output = execFileSync(process.execPath, [script, mode, file, store], { encoding: 'utf8' });
    return JSON.parse(output.trim().split('\n').pop()!) as { ms: number; cpuMs: number; rows: number; peakRssMb: number };
  };
  const rows = {
    import: scenario('import'),
    'import, the file read in a worker thread': scenario('import-worker'),
    'import through the store seam (the async writer PostgreSQL uses), on SQLite': scenario('import-seam'),
    'floor: parse only': scenario('parse'),
    'floor: insert only': scenario('insert'),
  };
  console.log(`\n| import ${IMPORT_ROWS.toLocaleString('en-US')}-row HubSpot-shaped CSV | time | CPU time | peak RSS |\n|---|---|---|---|`);
  for (const [name, r] of Object.entries(rows)) console.log(`| ${name} | ${(r.ms / 1000).toFixed(2)} s | ${(r.cpuMs / 1000).toFixed(2)} s | ${r.peakRssMb} MB |`);
  const slower = (key: 'ms' | 'cpuMs') => (Math.max(rows['floor: parse only'][key], rows['floor: insert only'][key]) / 1000).toFixed(2);
  console.log(`| floor: pipelined (the slower of parse only and insert only) | ${slower('ms')} s | ${slower('cpuMs')} s | |`);
  // CPU time counts every thread: on a machine shared with other work it is stretched less than the wall time.
  console.log(`machine load (1 min) after the import scenarios: ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
  results.import = rows;
  rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------- reads during an import (issue 12)
if (runs('read-during-import') && process.env.BENCH_READ_DURING_IMPORT !== '0') {
  const bench = await benchReadDuringImport(IMPORT_ROWS, NOW);
  console.log(`\n${readDuringImportTable(bench)}`);
  const summary = ({ waits, answers, importMs }: { waits: number[]; answers: number[]; importMs: number[] }) => ({
    reads: waits.length,
    medianWaitMs: median(waits),
    maxWaitMs: Math.max(...waits),
    medianAnswerMs: median(answers),
    importMs,
  });
  results['read-during-import'] = { rows: bench.rows, oneLine: summary(bench.oneLine), readers: summary(bench.readers) };
}

// ---------------------------------------------------------------- queue
const table: string[] = [];
for (const size of runs('queue') ? SIZES : []) {
  const dataDir = mkdtempSync(join(tmpdir(), 'nextcall-bench-queue-'));
  let now = NOW;
  const clock = { now: () => now };
  const core = openCore({ dataDir, clock, prefs: preferenceStore(memoryFile()) });
  try {
    const t0 = performance.now();
    fillSyntheticStore(core.db, size, NOW);
    console.log(`\n${size.toLocaleString('en-US')} leads written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const ctx = (): QueueContext => ({ now, rules: DEFAULT_QUEUE_RULES, consoleId: 'bench-console' });
    const handlers = createHandlers(core);

    const picks: number[] = [];
    const dispositions: number[] = [];
    // The floor of a disposition: one row written in a transaction and committed (fsync included),
    // on the same store, right after each disposition, so both see the same disk at the same time.
    core.db.exec('CREATE TABLE bench_floor (at INTEGER NOT NULL) STRICT');
    const floorWrite = core.db.prepare('INSERT INTO bench_floor (at) VALUES (?)');
    const bareTransactions: number[] = [];
    for (let i = 0; i < PICKS; i++) {
      const t1 = performance.now();
      const pick = await pickNext(core.store, ctx());
      picks.push(performance.now() - t1);
      if (!pick) break;
      // The API's own path: validation aside, what the console waits for after a key press, and
      // what it asks next on every disposition: the upcoming callbacks, for the new snapshot
      // (renderer/src/components/callback-alerts.tsx; the store.changed that follows names this
      // console, which does not ask again: store/queue-slice.ts, onChangesElsewhere).
      const t2 = performance.now();
      await handlers['calls.disposition']({ leadId: pick.leadId, code: DISPOSITION_MIX[i % DISPOSITION_MIX.length]!, notes: '', consoleId: 'bench-console' });
      await handlers['callbacks.upcoming']({});
      dispositions.push(performance.now() - t2);
      const t3 = performance.now();
      core.db.exec('BEGIN IMMEDIATE');
      floorWrite.run(now);
      core.db.exec('COMMIT');
      bareTransactions.push(performance.now() - t3);
      now += 1000;
    }

    const baseline: number[] = [];
    for (let i = 0; i < BASELINE_PICKS; i++) {
      const t1 = performance.now();
      inMemoryPick(core, now);
      baseline.push(performance.now() - t1);
    }
    const pickStats = stats(picks);
    const baselineStats = stats(baseline);
    table.push(row(`pick the next lead (${size.toLocaleString('en-US')} leads)`, pickStats, 'load all + sort', baselineStats));

    if (size === SIZES[0]) {
      const everyLead = core.db.prepare('SELECT * FROM leads').all();
      const json: number[] = [];
      for (let i = 0; i < BASELINE_PICKS; i++) {
        const t1 = performance.now();
        writeFileSync(join(dataDir, 'leads.json'), JSON.stringify(everyLead));
        json.push(performance.now() - t1);
      }
      table.push(row(`disposition → next lead ready, core (${size.toLocaleString('en-US')} leads)`, stats(dispositions), 'rewrite list as JSON', stats(json)));
      results[`disposition-${size}`] = { ours: stats(dispositions), baseline: stats(json) };
    }
    table.push(row(`disposition → next lead ready, core (${size.toLocaleString('en-US')} leads)`, stats(dispositions), 'floor: bare transaction + fsync', stats(bareTransactions)));
    results[`disposition-vs-floor-${size}`] = { ours: stats(dispositions), floor: stats(bareTransactions) };
    results[`pick-${size}`] = { ours: pickStats, baseline: baselineStats };
  } finally {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- summary
if (runs('summary')) {
  const dataDir = mkdtempSync(join(tmpdir(), 'nextcall-bench-summary-'));
  const core = openCore({ dataDir, clock: { now: () => NOW }, prefs: preferenceStore(memoryFile()) });
  try {
    fillSyntheticStore(core.db, 20_000, NOW);
    // A long day's session: 10,000 calls over 5,000 leads, a mix of outcomes.
    const sessionId = Number(core.db.prepare("INSERT INTO sessions (console_id, rep, started_at, ended_at) VALUES ('bench', 'Jordan', ?, ?)").run(NOW, NOW + 10 * 3_600_000).lastInsertRowid);
    const codes = [['no-answer', 'No answer'], ['voicemail', 'Left voicemail'], ['busy', 'Busy'], ['interested-not-yet', 'Interested — not yet'], ['qualified', 'Qualified'], ['callback', 'Callback']] as const;
    const insert = core.db.prepare(
      `INSERT INTO calls (lead_id, phone_e164, disposition_code, disposition_label, started_at, ended_at, stage_before, stage_after, session_id, rep)
       VALUES (?, NULL, ?, ?, ?, ?, 'IQL', ?, ?, 'Jordan')`,
    );
    core.db.exec('BEGIN');
    for (let i = 0; i < 10_000; i++) {
      const [code, label] = codes[i % codes.length]!;
      const at = NOW + i * 3_600;
      insert.run(1 + (i % 5_000), code, label, at, at + 90_000, code === 'qualified' ? 'SQL' : 'IQL', sessionId);
    }
    core.db.exec('COMMIT');
    const ours: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      await summarize(core.store, { sessionId, timeZone: 'America/New_York' }, NOW + 11 * 3_600_000);
      ours.push(performance.now() - t0);
      const t1 = performance.now();
      core.db.prepare('SELECT * FROM calls WHERE session_id = ?').all(sessionId);
      floor.push(performance.now() - t1);
    }
    table.push(row('session summary, 10,000 calls', stats(ours), 'floor: read the calls', stats(floor)));
    results['summary-10000'] = { ours: stats(ours), floor: stats(floor) };
  } finally {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- lead search
if (runs('lead-search')) {
  const leads = Number(process.env.BENCH_SEARCH_LEADS ?? 100_000);
  const search = await benchLeadSearch(leads, NOW);
  table.push(row(`find a lead by name, company, email or number (${leads.toLocaleString('en-US')} leads)`, stats(search.ours), 'full scan (LIKE)', stats(search.baseline)));
  results[`lead-search-${leads}`] = { ours: stats(search.ours), baseline: stats(search.baseline) };
}

// ---------------------------------------------------------------- cold start
if (runs('cold-start')) {
  const leads = Number(process.env.BENCH_COLD_START_LEADS ?? 100_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'nextcall-bench-cold-'));
  const core = openCore({ dataDir, clock: { now: () => NOW }, prefs: preferenceStore(memoryFile()) });
  fillSyntheticStore(core.db, leads, NOW);
  core.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  core.close();
  try {
    const starts = Number(process.env.BENCH_COLD_STARTS ?? 10);
    const started = await measureColdStart(dataDir, new Date(NOW).toISOString(), starts);
    table.push(row(`cold start → first lead served by the API (${leads.toLocaleString('en-US')} leads)`, stats(started.firstLead), 'floor: open the database + one indexed read', stats(started.floor)));
    results[`cold-start-${leads}`] = { ours: stats(started.firstLead), floor: stats(started.floor) };
    const afterCrash = await measureColdStart(dataDir, new Date(NOW).toISOString(), starts, { afterCrash: true });
    table.push(row(`cold start after a crash, store checked whole (${leads.toLocaleString('en-US')} leads)`, stats(afterCrash.firstLead), 'floor: open the database + one indexed read', stats(afterCrash.floor)));
    results[`cold-start-after-crash-${leads}`] = { ours: stats(afterCrash.firstLead), floor: stats(afterCrash.floor) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- browser
if (runs('browser') && process.env.BENCH_BROWSER !== '0') {
  const leads = SIZES[0]!;
  const dataDir = mkdtempSync(join(tmpdir(), 'nextcall-bench-browser-'));
  const core = openCore({ dataDir, clock: { now: () => NOW }, prefs: preferenceStore(memoryFile()) });
  fillSyntheticStore(core.db, leads, NOW);
  core.close();
  try {
    const latency = await measureKeypressLatency(dataDir, new Date(NOW).toISOString(), Number(process.env.BENCH_KEYPRESSES ?? 200));
    const ours = stats(latency.keypressToNextLead);
    const floor = stats(latency.floor);
    table.push(row(`key press → next lead painted, Chromium (${leads.toLocaleString('en-US')} leads)`, ours, 'floor: cheapest API call + paint', floor));
    results[`keypress-${leads}`] = { ours, floor };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- lead export (issue 16)
// The export of every lead, CSV and JSON, each scenario in a process of its own (peak memory):
// streamed to a file, beside the whole file built in memory and the floor of only reading the rows.
if (runs('export') && process.env.BENCH_EXPORT !== '0') {
  const leads = Number(process.env.BENCH_EXPORT_LEADS ?? 1_000_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'nextcall-bench-export-'));
  const outDir = mkdtempSync(join(tmpdir(), 'nextcall-bench-export-out-'));
  try {
    const core = openCore({ dataDir, clock: { now: () => NOW }, prefs: preferenceStore(memoryFile()) });
    fillSyntheticStore(core.db, leads, NOW);
    core.close();
    const script = new URL('./export-scenario.ts', import.meta.url).pathname;
    const scenario = (mode: string, format: string) => {
      const output = execFileSync(process.execPath, [script, mode, format, dataDir, outDir], { encoding: 'utf8', maxBuffer: 1 << 20 });
      rmSync(join(outDir, `${mode}.${format}`), { force: true });
      return JSON.parse(output.trim().split('\n').pop()!) as { ms: number; peakRssMb: number; leads: number; bytes: number; error?: string };
    };
    const rows = {
      'CSV, streamed to a file': scenario('stream', 'csv'),
      'JSON, streamed to a file': scenario('stream', 'json'),
      'baseline: CSV built whole in memory, then written': scenario('whole', 'csv'),
      'baseline: JSON built whole in memory, then written': scenario('whole', 'json'),
      'floor: read the leads only': scenario('read', 'csv'),
    };
    console.log(`\n| export ${leads.toLocaleString('en-US')} leads | time | peak RSS | file |\n|---|---|---|---|`);
    for (const [name, r] of Object.entries(rows)) {
      console.log(`| ${name} | ${r.error ? `failed: ${r.error}` : `${(r.ms / 1000).toFixed(1)} s`} | ${r.peakRssMb} MB | ${r.bytes ? `${Math.round(r.bytes / 2 ** 20)} MB` : '–'} |`);
    }
    results[`export-${leads}`] = rows;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- phone (issue 15)
// Key press C → the INVITE on the WebSocket, through a real Kamailio, beside a bare OPTIONS round trip to it.
if (runs('phone') && process.env.BENCH_PHONE !== '0') {
  const dial = await measureKeyToInvite(Number(process.env.BENCH_DIALS ?? 40));
  const ours = stats(dial.keyToInvite);
  const floor = stats(dial.optionsRoundTrip);
  table.push(row('softphone: key press C → SIP INVITE sent, Chromium + Kamailio', ours, 'floor: bare SIP OPTIONS round trip', floor));
  const phases = Object.fromEntries(PHASES.map((phase) => [phase, stats(dial.phases[phase])]));
  for (const phase of PHASES) table.push(row(`  of which: ${phase}`, phases[phase]!, 'floor: bare SIP OPTIONS round trip', floor));
  const auto = stats(dial.dispositionToAutoInvite);
  table.push(row('power dialing: disposition key → next lead\'s INVITE (countdown 0 s)', auto, 'floor: bare SIP OPTIONS round trip', floor));
  results['phone-key-to-invite'] = { ours, floor, phases };
  results['phone-disposition-to-auto-invite'] = { ours: auto, floor };
}

// ---------------------------------------------------------------- live floor (issue 14)
if (runs('floor')) {
  const bench = await benchFloor(Number(process.env.BENCH_FLOOR_LEADS ?? 100_000), NOW);
  const ours = stats(bench.ours);
  const floor = stats(bench.floor);
  table.push(row(`live floor read whole, ${bench.leads.toLocaleString('en-US')} leads, 6,000 calls today`, ours, "floor: read today's calls, count the leads", floor));
  results['floor-read'] = { leads: bench.leads, ours, floor };
}

console.log('\n| figure | samples | p50 | p95 | baseline (samples) | baseline p50 | baseline p95 | p95 ratio |');
console.log('|---|---|---|---|---|---|---|---|');
for (const line of table) console.log(line);

const resultsDir = new URL('./results/', import.meta.url);
mkdirSync(resultsDir, { recursive: true });
const out = new URL(`bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, resultsDir);
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nWritten to ${out.pathname}`);

function row(figure: string, ours: Stats, baselineName: string, baseline: Stats): string {
  const ratio = baseline.p95 >= ours.p95 ? `${(baseline.p95 / ours.p95).toFixed(0)}× faster` : `${(ours.p95 / baseline.p95).toFixed(1)}× the floor`;
  return `| ${figure} | ${ours.samples} | ${ms(ours.p50)} | ${ms(ours.p95)} | ${baselineName} (${baseline.samples}) | ${ms(baseline.p50)} | ${ms(baseline.p95)} | ${ratio} |`;
}

interface BaselineLead {
  id: number;
  stage: Stage;
  score: number;
  attempts: number;
  hand_raised_at: number | null;
  created_at: number;
  retry_at: number | null;
  last_attempt_at: number | null;
  last_activity_at: number | null;
  do_not_call: number;
}

/** The naive queue: read every lead, keep the callable ones, sort by the same tiers. */
function inMemoryPick(core: Core, now: number): number | undefined {
  const leads = core.db
    .prepare('SELECT id, stage, score, attempts, hand_raised_at, created_at, retry_at, last_attempt_at, last_activity_at, do_not_call FROM leads')
    .all() as unknown as BaselineLead[];
  const tier = (l: BaselineLead) => (l.hand_raised_at !== null ? 1 : l.attempts > 0 && l.retry_at !== null && l.retry_at <= now ? 2 : l.attempts === 0 ? 3 : 4);
  const eligible = leads.filter((l) => !l.do_not_call && !CLOSED_STAGES.has(l.stage) && !(l.retry_at !== null && l.retry_at > now));
  eligible.sort(
    (a, b) =>
      tier(a) - tier(b) ||
      (a.hand_raised_at ?? 0) - (b.hand_raised_at ?? 0) ||
      (a.retry_at ?? 0) - (b.retry_at ?? 0) ||
      STAGE_RANK[b.stage] - STAGE_RANK[a.stage] ||
      b.score - a.score ||
      (b.last_activity_at ?? 0) - (a.last_activity_at ?? 0),
  );
  return eligible[0]?.id;
}
