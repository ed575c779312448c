import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHandlers } from '../../main/api/handlers.ts';
import { openCore } from '../../main/core.ts';
import { createAccount } from '../../main/people/accounts.ts';
import { memoryFile, preferenceStore } from '../../main/preferences/preferences.ts';
import { queueColumns } from '../../main/queue/queue-columns.ts';
import { migratePostgres } from '../../main/store/postgres-migrations.ts';
import { openPostgresStore } from '../../main/store/seam/postgres-store.ts';
import type { Queryable } from '../../main/store/seam/store.ts';
import type { QueueSnapshot } from '../../shared/leads.ts';
import { DEFAULT_QUEUE_RULES } from '../../shared/queue-rules.ts';
import { startPostgresCluster } from '../helpers/postgres-cluster.ts';
import { cookieOf, startTeamServer, teamRequest } from '../helpers/team-server-process.ts';
import { CODES, PASSWORD } from './bench-consoles.ts';

/**
 * `npm run bench -- team`: simulated consoles (HTTP clients signed in as reps) working one list
 * through two team server processes on a throw-away PostgreSQL for a fixed time: disposition →
 * next lead over HTTP (p50/p95), dispositions per second, and double claims read from the calls
 * table afterwards (a lead called more than once: must be 0, since a logged lead is not offered
 * again within the run). Beside it, the same loop by one rep on a SQLite store in this process
 * (the handlers called directly), the same size, in the same run.
 * BENCH_TEAM_LEADS, BENCH_TEAM_CONSOLES, BENCH_TEAM_SECONDS size it (the target: 1,000,000
 * leads, 50 consoles, 120 s; the leads are seeded in bulk, see `seed`).
 */
export const CLOCK = '2026-11-23T15:00:00Z';
const SEEDED_AT = '2026-11-01T12:00:00Z';

export interface TeamBenchOptions {
  leads: number;
  consoles: number;
  seconds: number;
  /** Counts every statement the servers run (pg_stat_statements) and returns the busiest. */
  profile?: boolean;
  /**
   * How long each console waits after a disposition's answer before the next (a rep's call and
   * wrap-up, compressed). 0, the default, has every console send its next disposition at once:
   * the servers' ceiling, where p95 is the queue of 50 consoles behind two cores.
   */
  paceMs?: number;
  /**
   * With a pace: each console starts at a random moment of the first pace and rests a random time
   * between half and one and a half paces (the same mean), as reps do, who never log in step.
   * Without it, the fifty consoles start together and stay nearly in step, fifty requests at once.
   */
  stagger?: boolean;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/**
 * The leads in bulk, on either store: one `INSERT … SELECT` over a counting CTE (the same on
 * SQLite and PostgreSQL), then one for their numbers, into the tables and indexes the migrations
 * made, so 1,000,000 leads take minutes, not hours. The columns are the seed helper's
 * (test/helpers/seed-leads.ts: New York leads at stage IQL, one work number each); the queue's
 * columns come from the rule every write uses (queueColumns), not written out again here.
 */
export async function seed(q: Queryable, n: number): Promise<void> {
  const { callable, stageRank } = queueColumns({ stage: 'IQL', doNotCall: false, numbers: [{ e164: '+12122000000', bad: false }], attempts: 0, retryAt: null }, DEFAULT_QUEUE_RULES.lifetimeAttemptCap);
  await q.transaction(async (tx) => {
    const before = (await tx.one<{ id: number | null }>('SELECT max(id) AS id FROM leads'))!.id ?? 0;
    await tx.run(
      `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ?)
       INSERT INTO leads (first_name, last_name, stage, score, time_zone, region, country, do_not_call, requested_call, created_at, callable, stage_rank)
       SELECT 'Lead ' || i, '', 'IQL', 0, 'America/New_York', 'NY', 'US', 0, 0, ?, ?, ? FROM s`,
      [n, Date.parse(SEEDED_AT), callable, stageRank],
    );
    // One New York number each, distinct (+1212 2000001 on), written as an import writes a number.
    await tx.run("INSERT INTO phones (lead_id, position, raw, e164, type, bad) SELECT id, 0, '+1212' || (2000000 + id), '+1212' || (2000000 + id), 'work', 0 FROM leads WHERE id > ?", [before]);
    await tx.run("INSERT INTO queue_zones (time_zone) VALUES ('America/New_York') ON CONFLICT (time_zone) DO NOTHING");
  });
  // The planner's figures for the new rows, as autovacuum would take them a little later.
  if (q.dialect.kind === 'postgres') await q.run('ANALYZE');
}

interface Figures {
  dispositions: number;
  perSecond: number;
  p50: number;
  p95: number;
}

const figures = (samples: number[], seconds: number): Figures => ({ dispositions: samples.length, perSecond: samples.length / seconds, p50: percentile(samples, 50), p95: percentile(samples, 95) });

export async function benchTeam({ leads, consoles, seconds, profile = false, paceMs = 0, stagger = false }: TeamBenchOptions): Promise<Record<string, unknown>> {
  const cluster = await startPostgresCluster(profile ? ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all'] : []);
  try {
    const url = await cluster.createDatabase();
    const admin = await openPostgresStore({ connectionString: url, max: 4 });
    await migratePostgres(admin);
    let started = performance.now();
    await seed(admin, leads);
    const seededMs = performance.now() - started;
    for (let i = 0; i < consoles; i++) await createAccount(admin, Date.now(), { name: `rep${i + 1}`, role: 'rep', password: PASSWORD });
    const args = ['--database', url, '--listen', '127.0.0.1:0', '--clock', CLOCK];
    if (profile) await admin.run('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    if (profile) await admin.run('SELECT pg_stat_statements_reset()');
    const servers = await Promise.all([startTeamServer(args), startTeamServer(args)]);
    try {
      const [survivor, victim] = [servers[0]!, servers[1]!];
      // Each console signs in on one of the two processes, alternately.
      const clients: { origin: string; cookie: string; rep: string; consoleId: string; onVictim: boolean; backAfterMs: number | null; firstLeadBack: number | null }[] = [];
      for (let i = 0; i < consoles; i++) {
        clients.push(
          await (async () => {
          const origin = servers[i % 2]!.origin;
          const rep = `rep${i + 1}`;
          // All consoles sign in from 127.0.0.1, over the per-address limit (30 in 15 minutes): the
          // bench forgets the count before each, as 50 reps on 50 machines would not share one.
          await admin.run('DELETE FROM sign_in_limits');
          const cookie = cookieOf(await teamRequest(origin, '/api/people.signIn', { input: { name: rep, password: PASSWORD } }));
          return { origin, cookie, rep, consoleId: `bench-console-${i + 1}`, onVictim: origin === victim.origin, backAfterMs: null as number | null, firstLeadBack: null as number | null };
          })(),
        );
      }
      type Client = (typeof clients)[number];
      let killedAt: number | null = null;
      // A request the network refused or cut goes to the other address next, as a load balancer
      // sends it once a process stops answering; the session cookie holds on either process.
      const call = async <T>(client: Client, method: string, input: unknown): Promise<T> => {
        let answer: Awaited<ReturnType<typeof teamRequest>>;
        try {
          answer = await teamRequest(client.origin, `/api/${method}`, { input, cookie: client.cookie });
        } catch (error) {
          if (client.origin === victim.origin) client.origin = survivor.origin;
          throw error;
        }
        const envelope = JSON.parse(answer.body) as { ok: boolean; value: T; error?: { message: string } };
        if (answer.status >= 300 || !envelope.ok) throw new Error(`${method}: ${answer.status} ${envelope.error?.message}`);
        if (killedAt !== null && client.onVictim && client.backAfterMs === null) client.backAfterMs = performance.now() - killedAt;
        return envelope.value;
      };
      const samples: { at: number; ms: number }[] = [];
      const acknowledged: { leadId: number; rep: string }[] = [];
      let failures = 0;
      const deadline = performance.now() + seconds * 1_000;
      const nextLead = async (client: Client) => {
        for (;;) {
          try {
            const next = (await call<QueueSnapshot>(client, 'queue.next', { consoleId: client.consoleId })).next;
            if (client.backAfterMs !== null && client.firstLeadBack === null) client.firstLeadBack = next?.card.lead.id ?? 0;
            return next;
          } catch {
            failures++;
            if (performance.now() >= deadline) return null;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
      };
      // Half way, one process dies without a word (SIGKILL): no cleanup, its connections cut.
      let heldAtKill: { lead_id: number; console_id: string }[] = [];
      const kill = new Promise<void>((resolve) =>
        setTimeout(() => {
          killedAt = performance.now();
          victim.child.kill('SIGKILL');
          const theirs = clients.filter((c) => c.onVictim).map((c) => c.consoleId);
          void admin
            .all<{ lead_id: number; console_id: string }>(`SELECT lead_id, console_id FROM claims WHERE console_id IN (${theirs.map(() => '?').join(', ') || "''"})`, theirs)
            .then((rows) => (heldAtKill = rows.map((r) => ({ lead_id: Number(r.lead_id), console_id: r.console_id }))))
            .then(() => resolve());
        }, (seconds * 1_000) / 2),
      );
      started = performance.now();
      await Promise.all(
        clients.map(async (client) => {
          const rest = () => new Promise((resolve) => setTimeout(resolve, stagger ? paceMs * (0.5 + Math.random()) : paceMs));
          if (stagger && paceMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * paceMs));
          let next = await nextLead(client);
          for (let n = 0; next && performance.now() < deadline; n++) {
            const t0 = performance.now();
            try {
              const leadId = next.card.lead.id;
              const { queue } = await call<{ queue: QueueSnapshot }>(client, 'calls.disposition', { leadId, code: CODES[n % 2], notes: '', consoleId: client.consoleId });
              samples.push({ at: t0, ms: performance.now() - t0 });
              acknowledged.push({ leadId, rep: client.rep });
              next = queue.next;
              if (paceMs > 0) await rest();
            } catch {
              failures++;
              next = await nextLead(client);
            }
          }
        }),
      );
      await kill;
      const elapsed = (performance.now() - started) / 1_000;
      const count = async (sql: string, params: (string | number)[] = []) => Number((await admin.one<{ n: number }>(sql, params))!.n);
      const doubles = await count('SELECT count(*) AS n FROM (SELECT lead_id FROM calls GROUP BY lead_id HAVING count(*) > 1) AS d');
      const byTwoReps = await count('SELECT count(*) AS n FROM (SELECT lead_id FROM calls GROUP BY lead_id HAVING count(DISTINCT rep) > 1) AS d');
      const logged = await count('SELECT count(*) AS n FROM calls');
      const inTable = new Set((await admin.all<{ lead_id: number; rep: string }>('SELECT lead_id, rep FROM calls')).map((r) => `${Number(r.lead_id)}|${r.rep}`));
      const lost = acknowledged.filter((a) => !inTable.has(`${a.leadId}|${a.rep}`)).length;
      // The leases the dead process's consoles held: back with the same console when it came back
      // through the other process (then logged or still held), never taken by another console.
      const claimsNow = new Map((await admin.all<{ lead_id: number; console_id: string }>('SELECT lead_id, console_id FROM claims')).map((r) => [Number(r.lead_id), r.console_id]));
      const loggedLeads = new Set([...inTable].map((k) => Number(k.split('|')[0])));
      const victims = clients.filter((c) => c.onVictim);
      const leases = {
        heldAtKill: heldAtKill.length,
        backToItsConsole: heldAtKill.filter((h) => victims.find((c) => c.consoleId === h.console_id)?.firstLeadBack === h.lead_id).length,
        takenByAnotherConsole: heldAtKill.filter((h) => claimsNow.has(h.lead_id) && claimsNow.get(h.lead_id) !== h.console_id).length,
        neitherLoggedNorHeld: heldAtKill.filter((h) => !loggedLeads.has(h.lead_id) && !claimsNow.has(h.lead_id)).length,
      };
      const back = victims.map((c) => c.backAfterMs).filter((ms): ms is number => ms !== null);
      const phase = (before: boolean) => figures(samples.filter((s) => (s.at < killedAt!) === before).map((s) => s.ms), before ? seconds / 2 : elapsed - seconds / 2);
      // Each quarter of the run alone: the first is the freshly started processes' (their
      // connections' statements prepared, the database's pages read for the first time), the
      // third begins with the kill.
      const quarter = (seconds * 1_000) / 4;
      const quarters = [0, 1, 2, 3].map((i) => figures(samples.filter((s) => s.at - started >= i * quarter && s.at - started < (i + 1) * quarter).map((s) => s.ms), quarter / 1_000));
      // The first ten seconds one by one: how long a freshly started process takes to serve at its pace.
      const firstSeconds = Array.from({ length: Math.min(10, seconds) }, (_, i) => {
        const inSecond = samples.filter((s) => s.at - started >= i * 1_000 && s.at - started < (i + 1) * 1_000).map((s) => s.ms);
        return `${inSecond.length}: ${percentile(inSecond, 50).toFixed(1)} / ${percentile(inSecond, 95).toFixed(1)} ms`;
      });
      const statements = profile ? await busiestStatements(admin, acknowledged.length) : undefined;
      await admin.close();
      return {
        ...(statements ? { statements } : {}),
        leads,
        consoles,
        paceMs,
        stagger,
        seconds: elapsed,
        seededMs,
        team: figures(samples.map((s) => s.ms), elapsed),
        beforeKill: phase(true),
        afterKill: phase(false),
        quarters,
        firstSeconds,
        callsInTable: logged,
        acknowledged: acknowledged.length,
        acknowledgedLost: lost,
        loggedUnacknowledged: logged - acknowledged.length,
        failures,
        doubleClaims: doubles,
        leadsCalledByTwoReps: byTwoReps,
        killed: { consoles: victims.length, reconnected: back.length, reconnectP50Ms: percentile(back, 50), reconnectMaxMs: Math.max(...back), leases },
        sqlite: await soloSqlite(leads, Math.min(seconds, 20)),
      };
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  } finally {
    cluster.stop();
  }
}

/**
 * The statements the servers sent (top level: each one a round trip between a server process and
 * PostgreSQL, transactions' BEGIN and COMMIT included), the most frequent first, with how many of
 * each one disposition cost on average; nested statements (triggers, functions) are left out.
 */
async function busiestStatements(q: Queryable, dispositions: number): Promise<{ perDisposition: number; totalMs: number; meanMs: number; query: string }[]> {
  const rows = await q.all<{ calls: string; total: number; mean: number; query: string }>(
    "SELECT calls, total_exec_time AS total, mean_exec_time AS mean, query FROM pg_stat_statements WHERE toplevel AND query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC, total_exec_time DESC",
  );
  const per = (calls: string): number => Number(calls) / Math.max(1, dispositions);
  const all = { perDisposition: rows.reduce((sum, r) => sum + per(r.calls), 0), totalMs: rows.reduce((sum, r) => sum + r.total, 0), meanMs: NaN, query: 'every statement sent (round trips)' };
  return [all, ...rows.slice(0, 40).map((r) => ({ perDisposition: per(r.calls), totalMs: r.total, meanMs: r.mean, query: r.query.replace(/\s+/g, ' ').slice(0, 160) }))];
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
