import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHandlers } from '../../main/api/handlers.ts';
import { openCore } from '../../main/core.ts';
import { createAccount } from '../../main/people/accounts.ts';
import { memoryFile, preferenceStore } from '../../main/preferences/preferences.ts';
import { migratePostgres } from '../../main/store/postgres-migrations.ts';
import { openPostgresStore } from '../../main/store/seam/postgres-store.ts';
import type { Queryable } from '../../main/store/seam/store.ts';
import type { QueueSnapshot } from '../../shared/leads.ts';
import { startPostgresCluster } from '../helpers/postgres-cluster.ts';
import { seedLeads } from '../helpers/seed-leads.ts';
import { cookieOf, startTeamServer, teamRequest } from '../helpers/team-server-process.ts';

/**
 * `npm run bench -- team`: simulated consoles (HTTP clients signed in as reps) working one list
 * through two team server processes on a throw-away PostgreSQL for a fixed time: disposition →
 * next lead over HTTP (p50/p95), dispositions per second, and double claims read from the calls
 * table afterwards (a lead called more than once: must be 0, since a logged lead is not offered
 * again within the run). Beside it, the same loop by one rep on a SQLite store in this process
 * (the handlers called directly), the same size, in the same run.
 * BENCH_TEAM_LEADS, BENCH_TEAM_CONSOLES, BENCH_TEAM_SECONDS size it (the target: 1,000,000
 * leads, 50 consoles, 120 s; the leads are seeded row by row, which takes long at that size).
 */
export const CLOCK = '2026-11-23T15:00:00Z';
const PASSWORD = 'a long enough passphrase';
const CODES = ['no-answer', 'voicemail'];

export interface TeamBenchOptions {
  leads: number;
  consoles: number;
  seconds: number;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

const leadsOf = (n: number) => Array.from({ length: n }, (_, i) => ({ firstName: `Lead ${i + 1}`, phones: [`+1212${String(2_000_000 + i).padStart(7, '0')}`] }));

export async function seed(q: Queryable, n: number): Promise<void> {
  for (let from = 0; from < n; from += 1_000) await q.transaction((tx) => seedLeads(tx, leadsOf(Math.min(1_000, n - from)).map((l, i) => ({ ...l, firstName: `Lead ${from + i + 1}`, phones: [`+1212${String(2_000_000 + from + i).padStart(7, '0')}`] }))));
}

export interface BenchConsole {
  origin: string;
  cookie: string;
  consoleId: string;
}

/** Each console signed in as its own rep (rep1…repN, made beforehand) on one of the processes, alternately. */
export function signInConsoles(servers: readonly { origin: string }[], consoles: number): Promise<BenchConsole[]> {
  return Promise.all(
    Array.from({ length: consoles }, async (_, i) => {
      const origin = servers[i % servers.length]!.origin;
      const cookie = cookieOf(await teamRequest(origin, '/api/people.signIn', { input: { name: `rep${i + 1}`, password: PASSWORD } }));
      return { origin, cookie, consoleId: `bench-console-${i + 1}` };
    }),
  );
}

/** One API call as the console sends it; a refusal throws with main's sentence. */
export async function consoleCall<T>(client: BenchConsole, method: string, input: unknown): Promise<T> {
  const answer = await teamRequest(client.origin, `/api/${method}`, { input, cookie: client.cookie });
  const envelope = JSON.parse(answer.body) as { ok: boolean; value: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
  return envelope.value;
}

/**
 * One disposition (no answer and voicemail in turn) and the next lead it brings, timed into
 * `samples`; when it is refused, the console asks the queue instead, as the renderer does.
 */
export async function logThenNext(client: BenchConsole, leadId: number, n: number, samples: number[]): Promise<{ ok: boolean; next: QueueSnapshot['next'] }> {
  const t0 = performance.now();
  try {
    const { queue } = await consoleCall<{ queue: QueueSnapshot }>(client, 'calls.disposition', { leadId, code: CODES[n % 2], notes: '', consoleId: client.consoleId });
    samples.push(performance.now() - t0);
    return { ok: true, next: queue.next };
  } catch {
    return { ok: false, next: (await consoleCall<QueueSnapshot>(client, 'queue.next', { consoleId: client.consoleId })).next };
  }
}

interface Figures {
  dispositions: number;
  perSecond: number;
  p50: number;
  p95: number;
}

const figures = (samples: number[], seconds: number): Figures => ({ dispositions: samples.length, perSecond: samples.length / seconds, p50: percentile(samples, 50), p95: percentile(samples, 95) });

export async function benchTeam({ leads, consoles, seconds }: TeamBenchOptions): Promise<Record<string, unknown>> {
  const cluster = await startPostgresCluster();
  try {
    const url = await cluster.createDatabase();
    const admin = await openPostgresStore({ connectionString: url, max: 4 });
    await migratePostgres(admin);
    let started = performance.now();
    await seed(admin, leads);
    const seededMs = performance.now() - started;
    for (let i = 0; i < consoles; i++) await createAccount(admin, Date.now(), { name: `rep${i + 1}`, role: 'rep', password: PASSWORD });
    const args = ['--database', url, '--listen', '127.0.0.1:0', '--clock', CLOCK];
    const servers = await Promise.all([startTeamServer(args), startTeamServer(args)]);
    try {
      const clients = await signInConsoles(servers, consoles);
      const samples: number[] = [];
      let failures = 0;
      const deadline = performance.now() + seconds * 1_000;
      started = performance.now();
      await Promise.all(
        clients.map(async (client) => {
          let next = (await consoleCall<QueueSnapshot>(client, 'queue.next', { consoleId: client.consoleId })).next;
          for (let n = 0; next && performance.now() < deadline; n++) {
            const logged = await logThenNext(client, next.card.lead.id, n, samples);
            if (!logged.ok) failures++;
            next = logged.next;
          }
        }),
      );
      const elapsed = (performance.now() - started) / 1_000;
      const doubles = (await admin.one<{ n: number }>('SELECT count(*) AS n FROM (SELECT lead_id FROM calls GROUP BY lead_id HAVING count(*) > 1) AS d'))!.n;
      const logged = (await admin.one<{ n: number }>('SELECT count(*) AS n FROM calls'))!.n;
      await admin.close();
      return { leads, consoles, seconds: elapsed, seededMs, team: figures(samples, elapsed), callsInTable: logged, failures, doubleClaims: doubles, sqlite: await soloSqlite(leads, Math.min(seconds, 20)) };
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  } finally {
    cluster.stop();
  }
}

/** One rep on their own SQLite store: the same handlers, called in this process. */
async function soloSqlite(leads: number, seconds: number): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nextcall-bench-team-solo-'));
  const core = openCore({ dataDir, clock: { now: () => Date.parse(CLOCK) }, prefs: preferenceStore(memoryFile()) });
  try {
    await seed(core.store, leads);
    const handlers = createHandlers(core);
    const consoleId = 'solo';
    let next = (await handlers['queue.next']({ consoleId })).next;
    const samples: number[] = [];
    const deadline = performance.now() + seconds * 1_000;
    const started = performance.now();
    for (let n = 0; next && performance.now() < deadline; n++) {
      const t0 = performance.now();
      const { queue } = await handlers['calls.disposition']({ leadId: next.card.lead.id, code: CODES[n % 2]!, notes: '', consoleId });
      samples.push(performance.now() - t0);
      next = queue.next;
    }
    return figures(samples, (performance.now() - started) / 1_000);
  } finally {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
