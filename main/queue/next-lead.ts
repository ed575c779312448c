import type { QueueRules } from '../../shared/queue-rules.ts';
import { describeAgo } from '../../shared/relative-time.ts';
import { STAGE_LABELS, type Stage } from '../../shared/stages.ts';
import { postgresDialect, sqliteDialect, type Dialect } from '../store/seam/dialect.ts';
import type { Queryable } from '../store/seam/store.ts';
import { localClock } from './calling-rules.ts';
import { dialableNumbers, isOfferable } from './eligibility.ts';
import { loadLeadFacts, loadLeadFactsOf } from './lead-facts.ts';
import type { LeadCondition } from './list-access.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from '../../shared/time-units.ts';

/**
 * Which lead is next, in tiers (each rule configurable in QueueRules, defaults from the best
 * dialers):
 *   1. callbacks that are due, a missed one first;
 *   2. hand-raisers not yet answered and fresh inbound leads: requests younger than an hour
 *      first (the longest-waiting of them first), then older ones newest first; a request over
 *      30 days old no longer counts (see speedToLeadKeys);
 *   3. retries whose wait has passed, the longest-waiting first;
 *   4. never-called leads, closest to sales first (stage, score, latest activity);
 *   5. the rest, oldest last attempt first, so no lead starves.
 * Each tier is asked of each open time zone's partial index, so the cost does not grow with the
 * store; every candidate is then checked against every rule (eligibility.ts) before it is offered.
 */
export type Tier = 'callback' | 'hand-raiser' | 'retry' | 'never-called' | 'rest';
export const TIERS: readonly Tier[] = ['callback', 'hand-raiser', 'retry', 'never-called', 'rest'];

export interface QueueContext {
  now: number;
  rules: QueueRules;
  /** The console asking: its own claim does not hold a lead back from it. */
  consoleId: string | null;
  /** Only leads of this call list, if set: a condition over `leads`, with its parameters. */
  list?: { where: string; params: (string | number)[] };
  /** The leads this console's rep may be offered (main/queue/list-access.ts), if anything restricts them. */
  access?: LeadCondition;
  /**
   * The lead this console has a call running on: offered first whatever the rules now say (it
   * was checked when dialled, and the rep must be able to log the call they are on).
   */
  keepLeadId?: number;
  /**
   * The console is between calls: the lead it holds is offered in its tier's turn, not first, so
   * a lead that came first since (a hand-raiser who just asked) is offered before it.
   */
  reconsider?: boolean;
}

export interface Pick {
  leadId: number;
  tier: Tier;
  reasons: string[];
  /** The number to dial: the lead's first good number still under its 24-hour cap. */
  number: string;
  /** The lead's attempts when it was checked: its claim makes sure no call was logged since. */
  attempts: number;
}

interface Candidate {
  id: number;
  tier: Tier;
  /** Sort keys within the tier, smaller first. */
  keys: number[];
  /** The lead's row as the tier query read it; a callback's carries its due_at. */
  row: CandidateRow;
}

interface CandidateRow {
  id: number;
  stage: Stage;
  score: number;
  attempts: number;
  source: string | null;
  created_at: number;
  last_attempt_at: number | null;
  last_disposition: string | null;
  hand_raised_at: number | null;
  retry_at: number | null;
  time_zone: string | null;
  due_at?: number | null;
}

const COLUMNS = 'id, stage, score, attempts, source, created_at, last_attempt_at, last_disposition, hand_raised_at, retry_at, time_zone';
const ZONE = "coalesce(time_zone, '')";

/**
 * Every tier query reads the same columns, the candidate's row and its sort keys, so the first
 * batch of every tier in every open zone comes in one statement (`candidatesOf`: on PostgreSQL
 * one round trip, not one per tier and zone) and the lead offered needs no read of its own. A
 * callback's query adds when it is due; the others say null.
 */
const CANDIDATE = `${COLUMNS}, last_activity_at`;
const queries = (dialect: Dialect) => ({
  callbacks: `SELECT ${CANDIDATE.split(', ').map((c) => `l.${c}`).join(', ')}, min(c.due_at) AS due_at
              FROM callbacks c INDEXED BY callbacks_open JOIN leads l ON l.id = c.lead_id
              WHERE c.done_by_call_id IS NULL AND c.due_at <= ? AND l.callable = 1
                AND ${dialect.inTexts("coalesce(l.time_zone, '')")}
              GROUP BY l.id ORDER BY due_at LIMIT ?`,
  // Requests still fresh, the one waiting longest first; then older ones, the newest first.
  handRaisersFresh: `SELECT ${CANDIDATE}, CAST(NULL AS BIGINT) AS due_at FROM leads INDEXED BY queue_hand_raisers
                     WHERE ${ZONE} = ? AND callable = 1 AND hand_raised_at IS NOT NULL AND attempts = 0 AND hand_raised_at >= ?
                     ORDER BY hand_raised_at LIMIT ?`,
  handRaisersOlder: `SELECT ${CANDIDATE}, CAST(NULL AS BIGINT) AS due_at FROM leads INDEXED BY queue_hand_raisers
                     WHERE ${ZONE} = ? AND callable = 1 AND hand_raised_at IS NOT NULL AND attempts = 0 AND hand_raised_at < ? AND hand_raised_at >= ?
                     ORDER BY hand_raised_at DESC LIMIT ?`,
  handRaisersAgain: `SELECT ${CANDIDATE}, CAST(NULL AS BIGINT) AS due_at FROM leads INDEXED BY queue_hand_raisers_again
                     WHERE ${ZONE} = ? AND callable = 1 AND hand_raised_at IS NOT NULL AND attempts > 0 AND retry_at <= ? AND hand_raised_at >= ?
                     ORDER BY retry_at LIMIT ?`,
  freshInbound: `SELECT ${CANDIDATE}, CAST(NULL AS BIGINT) AS due_at FROM leads INDEXED BY queue_fresh_inbound
                 WHERE ${ZONE} = ? AND callable = 1 AND attempts = 0 AND source = 'inbound' AND created_at >= ?
                 ORDER BY created_at LIMIT ?`,
  retries: `SELECT ${CANDIDATE}, CAST(NULL AS BIGINT) AS due_at FROM leads INDEXED BY queue_retries
            WHERE ${ZONE} = ? AND callable = 1 AND attempts > 0 AND retry_at IS NOT NULL AND retry_at <= ?
            ORDER BY retry_at LIMIT ?`,
  neverCalled: `SELECT ${CANDIDATE}, CAST(NULL AS BIGINT) AS due_at FROM leads INDEXED BY queue_never_called
                WHERE ${ZONE} = ? AND callable = 1 AND attempts = 0
                ORDER BY stage_rank DESC, score DESC, ${dialect.descNullsLast('last_activity_at')} LIMIT ?`,
  rest: `SELECT ${CANDIDATE}, CAST(NULL AS BIGINT) AS due_at FROM leads INDEXED BY queue_rest
         WHERE ${ZONE} = ? AND callable = 1 AND attempts > 0 AND retry_at IS NULL ORDER BY last_attempt_at LIMIT ?`,
});
/** Each store's tier queries (exported so their plans are tested: test/main/store/postgres-migrations.test.ts). */
export const QUERIES = { sqlite: queries(sqliteDialect), postgres: queries(postgresDialect) };


/**
 * Zones whose list window is open now ('' stands for unknown, open only if the list allows it).
 * Remembered for the minute: windows open and close on whole minutes.
 */
export async function openZones(q: Queryable, rules: QueueRules, now: number): Promise<string[]> {
  const zones = (await q.all<{ time_zone: string }>('SELECT time_zone FROM queue_zones')).map((r) => r.time_zone);
  const key = `${Math.floor(now / MINUTE_MS)}|${JSON.stringify(rules.window)}|${rules.allowUnknownZone}|${zones.join(',')}`;
  const cached = openZonesCache.get(key);
  if (cached) return cached;
  const open = zones.filter((zone) => {
    if (zone === '') return rules.allowUnknownZone;
    try {
      const clock = localClock(zone, now);
      return rules.window.days.includes(clock.weekday) && clock.minutes >= rules.window.start && clock.minutes < rules.window.end;
    } catch {
      return false;
    }
  });
  if (openZonesCache.size > 100) openZonesCache.clear();
  openZonesCache.set(key, open);
  return open;
}

const openZonesCache = new Map<string, string[]>();

/** What a tier query reads: the candidate's row, its last activity (a sort key) and, for a callback, when it is due. */
type TierRow = CandidateRow & { last_activity_at: number | null; due_at: number | null };

/** One tier query, in one zone: its SQL, its parameters before the list's, and the sort keys of a row. */
interface TierPart {
  tier: Tier;
  sql: string;
  params: (string | number)[];
  keys: (r: TierRow) => number[];
}

/** The tier queries a tier asks, in each open zone (the callbacks', once for every zone). */
function partsOf(dialect: Dialect, tier: Tier, zones: readonly string[], ctx: QueueContext): TierPart[] {
  const sql = QUERIES[dialect.kind];
  const { now } = ctx;
  if (tier === 'callback') return [{ tier, sql: sql.callbacks, params: [now, JSON.stringify(zones)], keys: (r) => [r.due_at!] }];
  return zones.flatMap((zone): TierPart[] => {
    if (tier === 'hand-raiser') {
      const { fresh, stale } = requestBounds(ctx);
      const raised = (r: TierRow) => speedToLeadKeys(r.hand_raised_at!, ctx);
      return [
        { tier, sql: sql.handRaisersFresh, params: [zone, fresh], keys: raised },
        { tier, sql: sql.handRaisersOlder, params: [zone, fresh, stale], keys: raised },
        { tier, sql: sql.handRaisersAgain, params: [zone, now, stale], keys: raised },
        { tier, sql: sql.freshInbound, params: [zone, now - ctx.rules.freshInboundHours * HOUR_MS], keys: (r) => speedToLeadKeys(r.created_at, ctx) },
      ];
    }
    if (tier === 'retry') return [{ tier, sql: sql.retries, params: [zone, now], keys: (r) => [r.retry_at!] }];
    if (tier === 'never-called') return [{ tier, sql: sql.neverCalled, params: [zone], keys: (r) => [-rankOf(r.stage), -r.score, -(r.last_activity_at ?? 0)] }];
    return [{ tier, sql: sql.rest, params: [zone], keys: (r) => [r.last_attempt_at ?? 0] }];
  });
}

/**
 * SQLite refuses a UNION ALL of more than 500 queries (SQLITE_MAX_COMPOUND_SELECT): a list
 * across the world has over seventy zones open at once, seven queries each, so past that the
 * tier heads take a statement per 500.
 */
const MOST_PARTS = 500;

/**
 * Up to k candidates of each of the tiers, across the open zones, each tier's in its order: every
 * tier query of every tier and zone asked in one statement (UNION ALL, each query whole in its
 * own subquery, marked by its place), so a pick costs one round trip to PostgreSQL, not one per
 * tier and zone. A tier is `full` when one of its queries found k: there may be more behind.
 */
async function candidatesOf(q: Queryable, tiers: readonly Tier[], zones: readonly string[], ctx: QueueContext, k: number): Promise<Map<Tier, { list: Candidate[]; full: boolean }>> {
  const parts = tiers.flatMap((tier) => partsOf(q.dialect, tier, zones, ctx));
  // Positional parameters: on these hot statements, binding by name costs a lookup per value.
  // A list's condition goes into each query itself, so the index hands back only its leads.
  const scope = scopeOf(ctx);
  const found: (TierRow & { part: number })[] = [];
  for (let from = 0; from < parts.length; from += MOST_PARTS) {
    const some = parts.slice(from, from + MOST_PARTS);
    const sql = some.map((part, i) => `SELECT ${from + i} AS part, t.* FROM (${scope ? withList(part.sql, scope.where) : part.sql}) AS t`).join(' UNION ALL ');
    found.push(...(await q.all<TierRow & { part: number }>(sql, some.flatMap((part) => [...part.params, ...(scope?.params ?? []), k]))));
  }
  const byTier = new Map(tiers.map((tier) => [tier, { rows: [] as Candidate[], full: false }]));
  const perPart = new Map<number, number>();
  for (const { part: at, ...row } of found) {
    const part = parts[Number(at)]!;
    const into = byTier.get(part.tier)!;
    into.rows.push({ id: row.id, tier: part.tier, keys: part.keys(row), row });
    perPart.set(Number(at), (perPart.get(Number(at)) ?? 0) + 1);
    if (perPart.get(Number(at)) === k) into.full = true;
  }
  return new Map(
    [...byTier].map(([tier, { rows, full }]) => {
      const seen = new Set<number>();
      const list = rows
        .sort((a, b) => compareKeys(a.keys, b.keys) || a.id - b.id)
        .filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
      return [tier, { list, full }];
    }),
  );
}

/**
 * Speed to lead: a request younger than the freshness window (default an hour) is the most
 * urgent thing on the floor, and among those the one waiting longest goes first; a request older
 * than that is less likely to pick up, so the newer of them go first; one older than
 * handRaiserMaxDays is no hand-raiser any more (the lead waits with the never-called ones).
 */
export function requestBounds(ctx: { now: number; rules: QueueRules }): { fresh: number; stale: number } {
  return { fresh: ctx.now - ctx.rules.handRaiserFreshMinutes * MINUTE_MS, stale: ctx.now - ctx.rules.handRaiserMaxDays * DAY_MS };
}

/** Sort keys within the hand-raiser tier for a request (or a fresh inbound lead) made at `at`. */
export function speedToLeadKeys(at: number, ctx: { now: number; rules: QueueRules }): number[] {
  return at >= requestBounds(ctx).fresh ? [0, at] : [1, -at];
}

/** Adds the list's condition (over `leads`, aliased l in the callbacks query) before GROUP BY or ORDER BY. */
function withList(sql: string, where: string): string {
  const at = sql.includes('GROUP BY') ? sql.lastIndexOf('GROUP BY') : sql.lastIndexOf('ORDER BY');
  const scoped = sql.includes('JOIN leads l') ? where.replace(/\bleads\./g, 'l.') : where;
  return `${sql.slice(0, at)}AND (${scoped}) ${sql.slice(at)}`;
}

const rankOf = (stage: Stage) => ({ SQL: 4, MQL: 3, IQL: 2, cold: 1, nurture: 0, disqualified: 0 })[stage];

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/**
 * How many candidates' facts to read at once. SQLite answers in process, so one lead at a time
 * costs nothing and reads no more than the pick needs; on PostgreSQL each statement is a round
 * trip, so a group's facts come in three statements (loadLeadFactsOf), not three a lead.
 */
const FACTS_AT_ONCE = { sqlite: 1, postgres: 8 } as const;

/** How many candidates to ask each index for; grown when a whole batch was held back. */
const FIRST_BATCH = 8;
const LAST_BATCH = 4096;

/** The tier a lead stands in now, as the tier queries would find it. */
function tierOf(row: CandidateRow, ctx: QueueContext): Tier {
  if (row.due_at !== undefined && row.due_at !== null && row.due_at <= ctx.now) return 'callback';
  if (row.hand_raised_at !== null && row.hand_raised_at >= requestBounds(ctx).stale && (row.attempts === 0 || (row.retry_at !== null && row.retry_at <= ctx.now))) {
    return 'hand-raiser';
  }
  if (row.attempts === 0 && row.source === 'inbound' && row.created_at >= ctx.now - ctx.rules.freshInboundHours * HOUR_MS) return 'hand-raiser';
  if (row.attempts > 0 && row.retry_at !== null) return 'retry';
  return row.attempts === 0 ? 'never-called' : 'rest';
}

/** What the caller of `eligibleLeads` already read in its transaction, so it is not read twice. */
export interface KnownToCaller {
  /** The lead the console holds (null: none). */
  held?: number | null;
  /** The zones open now (openZones). */
  zones?: readonly string[];
}

/** The lead a console holds under its claim, if any. */
export async function heldLeadOf(q: Queryable, consoleId: string): Promise<number | null> {
  const row = await q.one<{ lead_id: number }>('SELECT lead_id FROM claims WHERE console_id = ?', [consoleId]);
  return row?.lead_id ?? null;
}

/**
 * Walks the tiers in order and yields every lead that may be offered now, best first. The lead
 * a console already shows comes first while it may still be called, so a refresh never swaps it.
 */
export async function* eligibleLeads(q: Queryable, ctx: QueueContext, known: KnownToCaller = {}): AsyncGenerator<Pick> {
  const zones = known.zones ?? (await openZones(q, ctx.rules, ctx.now));
  const offered = new Set<number>();
  const held = known.held !== undefined ? known.held : ctx.consoleId ? await heldLeadOf(q, ctx.consoleId) : null;
  if (held !== null && (!ctx.reconsider || held === ctx.keepLeadId)) {
    const row = await q.one<CandidateRow>(
      `SELECT ${COLUMNS}, (SELECT min(due_at) FROM callbacks WHERE lead_id = leads.id AND done_by_call_id IS NULL) AS due_at FROM leads WHERE id = ?`,
      [held],
    );
    const scope = scopeOf(ctx);
    // A lead with a call running on it stays whatever its lists now say (paused, given to other
    // reps): the rep is talking to it, and the disposition must find it.
    const inList = held === ctx.keepLeadId || !scope || (await isInList(q, held, scope));
    const facts = row && inList ? await loadLeadFacts(q, row.id, ctx.now) : null;
    if (row && facts && (row.id === ctx.keepLeadId || isOfferable(facts, ctx.rules, ctx.now, ctx.consoleId))) {
      const tier = tierOf(row, ctx);
      offered.add(row.id);
      const number = dialableNumbers(facts, ctx.rules, ctx.now)[0] ?? facts.goodNumbers[0] ?? '';
      yield { leadId: row.id, tier, reasons: reasonsFor({ id: row.id, tier, keys: [], row }, ctx.now), number, attempts: facts.attempts };
    }
  }
  // The first batch of every tier at once; a tier asked again, alone, for more.
  let heads: Map<Tier, { list: Candidate[]; full: boolean }> | undefined;
  for (const tier of TIERS) {
    const checked = new Set<number>();
    for (let k = FIRST_BATCH; k <= LAST_BATCH; k *= 8) {
      const batch = k === FIRST_BATCH ? (heads ??= await candidatesOf(q, TIERS, zones, ctx, k)) : await candidatesOf(q, [tier], zones, ctx, k);
      const { list, full } = batch.get(tier)!;
      const elsewhere = await heldElsewhere(q, list.map((c) => c.id).filter((id) => !checked.has(id)), ctx);
      const toCheck: Candidate[] = [];
      for (const c of list) {
        if (checked.has(c.id)) continue;
        checked.add(c.id);
        if (!offered.has(c.id) && !elsewhere.has(c.id)) toCheck.push(c);
      }
      const size = FACTS_AT_ONCE[q.dialect.kind];
      for (let at = 0; at < toCheck.length; at += size) {
        const group = toCheck.slice(at, at + size);
        const factsOf = group.length === 1 ? new Map([[group[0]!.id, await loadLeadFacts(q, group[0]!.id, ctx.now)]]) : await loadLeadFactsOf(q, group.map((c) => c.id), ctx.now);
        for (const c of group) {
          const facts = factsOf.get(c.id);
          if (!facts || offered.has(c.id) || !isOfferable(facts, ctx.rules, ctx.now, ctx.consoleId)) continue;
          offered.add(c.id);
          yield { leadId: c.id, tier, reasons: reasonsFor(c, ctx.now), number: dialableNumbers(facts, ctx.rules, ctx.now)[0]!, attempts: facts.attempts };
        }
      }
      if (!full) break;
    }
  }
}

/**
 * Of a batch of candidates, those another console holds under a live lease, read in one query:
 * on a team most of the best candidates are on the other consoles' screens, and each would
 * otherwise cost a lead's whole facts (three round trips) only to be held back as 'claimed'. The
 * rule is the one `isOfferable` applies (eligibility.ts), which still checks every other lead.
 */
async function heldElsewhere(q: Queryable, ids: readonly number[], ctx: QueueContext): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await q.all<{ lead_id: number }>(
    `SELECT lead_id FROM claims WHERE ${q.dialect.inIds('lead_id')} AND console_id <> ? AND claimed_at > ?`,
    [JSON.stringify(ids), ctx.consoleId ?? '', ctx.now - ctx.rules.claimLeaseSeconds * SECOND_MS],
  );
  return new Set(rows.map((r) => Number(r.lead_id)));
}

/** The condition a lead offered to this console meets: its working list's and its rep's lists' (either, both or none). */
function scopeOf(ctx: QueueContext): LeadCondition | undefined {
  if (!ctx.list || !ctx.access) return ctx.list ?? ctx.access;
  return { where: `(${ctx.list.where}) AND (${ctx.access.where})`, params: [...ctx.list.params, ...ctx.access.params] };
}

/** Whether a lead meets a call list's condition. */
export async function isInList(q: Queryable, leadId: number, list: LeadCondition): Promise<boolean> {
  return (await q.one(`SELECT 1 FROM leads WHERE leads.id = ? AND (${list.where})`, [leadId, ...list.params])) !== undefined;
}

export async function pickNext(q: Queryable, ctx: QueueContext): Promise<Pick | null> {
  return (await eligibleLeads(q, ctx).next()).value ?? null;
}

/** The next `limit` leads, in the order the queue would offer them (nothing is claimed). */
export async function previewQueue(q: Queryable, ctx: QueueContext, limit: number): Promise<Pick[]> {
  const picks: Pick[] = [];
  for await (const pick of eligibleLeads(q, ctx)) {
    picks.push(pick);
    if (picks.length === limit) break;
  }
  return picks;
}

function reasonsFor({ tier, row }: Candidate, now: number): string[] {
  const local = (at: number) =>
    row.time_zone ? new Intl.DateTimeFormat('en-US', { timeZone: row.time_zone, hour: 'numeric', minute: '2-digit' }).format(at) + ' local' : describeAgo(at, now);
  const last = row.last_attempt_at === null ? null : `last: ${row.last_disposition ?? 'call'} ${describeAgo(row.last_attempt_at, now)}`;
  switch (tier) {
    case 'callback':
      return [row.due_at! < now - 15 * MINUTE_MS ? `Callback missed: was due ${local(row.due_at!)}` : `Callback due ${local(row.due_at!)}`, ...(last ? [last] : [])];
    case 'hand-raiser':
      return row.hand_raised_at !== null
        ? [
            `Asked for a call ${describeAgo(row.hand_raised_at, now)}`,
            row.attempts === 0 ? 'Not called yet' : `Not reached yet: ${ordinal(row.attempts + 1)} attempt`,
          ]
        : [`New inbound lead, ${describeAgo(row.created_at, now)}`, 'Speed to lead'];
    case 'retry':
      return [`${ordinal(row.attempts + 1)} attempt`, last ?? ''].filter(Boolean);
    case 'never-called':
      return [`Never called · ${STAGE_LABELS[row.stage]}`, `Score ${row.score}`];
    case 'rest':
      return [`${ordinal(row.attempts + 1)} attempt`, last ?? '', 'Oldest last attempt first'].filter(Boolean);
  }
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
