import { ApiError } from '../../shared/api-error.ts';
import type { QueuePreview, QueueSnapshot, ReleasedLead, WhyNot } from '../../shared/leads.ts';
import { runningDial } from '../calls/dials.ts';
import { fullName } from '../../shared/leads.ts';
import { leadCount } from '../leads/lead-count.ts';
import { getLead, getLeadCard } from '../leads/lead-rows.ts';
import type { Database } from '../store/database.ts';
import { nextOpening } from './calling-rules.ts';
import { claimLead } from './claims.ts';
import { blockersOf, eligibleFrom } from './eligibility.ts';
import { loadLeadFacts } from './lead-facts.ts';
import { eligibleLeads, openZones, previewQueue, TIERS, type QueueContext, type Tier } from './next-lead.ts';
import { cachedStatement } from '../store/statement-cache.ts';

/**
 * What the console shows of the queue: the next lead (claimed for this console) and how many
 * wait. The lead the console already shows stays first while it may be called, and whatever the
 * rules say while the console has a call running on it (a reload mid-call finds the call again);
 * when it may no longer be called, the snapshot says which lead was let go, and why.
 */
export function queueSnapshot(db: Database, ctx: QueueContext): QueueSnapshot {
  const held = ctx.consoleId ? heldLeadOf(db, ctx.consoleId) : null;
  const running = held !== null && ctx.consoleId ? runningDial(db, held, ctx.consoleId, ctx.now) : null;
  const pick = eligibleLeads(db, running ? { ...ctx, keepLeadId: held! } : ctx).next().value ?? null;
  if (pick && ctx.consoleId) claimLead(db, pick.leadId, ctx.consoleId, ctx.now);
  const total = leadCount(db);
  const released = held !== null && pick?.leadId !== held ? releasedLead(db, held, ctx) : undefined;
  return {
    now: new Date(ctx.now).toISOString(),
    next: pick
      ? {
          card: getLeadCard(db, pick.leadId),
          reasons: pick.reasons,
          tier: pick.tier,
          number: running && pick.leadId === held ? running.number : pick.number,
          openDial: pick.leadId === held ? running : null,
        }
      : null,
    due: countWaiting(db, ctx, DUE_COUNT_CAP),
    dueCapped: DUE_COUNT_CAP,
    total,
    ...(pick || total === 0 ? {} : { nextEligible: nextEligible(db, ctx) }),
    ...(released ? { released } : {}),
  };
}

function heldLeadOf(db: Database, consoleId: string): number | null {
  const row = cachedStatement(db, 'SELECT lead_id FROM claims WHERE console_id = ?').get(consoleId) as { lead_id: number } | undefined;
  return row?.lead_id ?? null;
}

/** Why the lead a console showed is no longer offered to it, in the rep's words. */
function releasedLead(db: Database, leadId: number, ctx: QueueContext): ReleasedLead {
  const facts = loadLeadFacts(db, leadId, ctx.now);
  if (!facts) return { leadId, name: `Lead #${leadId}`, reasons: ['it was removed from the store'] };
  const inList = !ctx.list || db.prepare(`SELECT 1 FROM leads WHERE leads.id = ? AND (${ctx.list.where})`).get(leadId, ...ctx.list.params) !== undefined;
  const reasons = blockersOf(facts, ctx.rules, ctx.now, ctx.consoleId, false).map((b) => b.reason);
  if (!inList) reasons.unshift('Not on this call list any more');
  return { leadId, name: fullName(getLead(db, leadId)), reasons: reasons.length > 0 ? reasons : ['Another lead comes first now'] };
}

/**
 * With nothing to call now, the rep wants to know when there will be, and why: the first retry
 * or callback that comes due, a snooze that ends, or calling hours that open where leads wait.
 * An estimate from the indexes (per-lead rules may hold a lead a little longer).
 */
export function nextEligible(db: Database, ctx: QueueContext): { at: string; reason: string } | null {
  const zones = (db.prepare('SELECT time_zone FROM queue_zones').all() as { time_zone: string }[]).map((r) => r.time_zone);
  const candidates: { at: number; reason: string }[] = [];
  const earliest = (sql: string, reason: string, ...params: (string | number)[]) => {
    const { at } = db.prepare(sql).get(...params) as { at: number | null };
    if (at !== null) candidates.push({ at, reason });
  };
  for (const zone of zones) {
    earliest(
      "SELECT min(retry_at) AS at FROM leads INDEXED BY queue_retries WHERE coalesce(time_zone, '') = ? AND callable = 1 AND attempts > 0 AND retry_at IS NOT NULL AND retry_at > ?",
      'the first retry comes due',
      zone,
      ctx.now,
    );
  }
  earliest('SELECT min(due_at) AS at FROM callbacks WHERE done_by_call_id IS NULL AND due_at > ?', 'a callback is booked', ctx.now);
  earliest('SELECT min(not_before) AS at FROM leads WHERE not_before > ? AND callable = 1', 'a snoozed lead comes back', ctx.now);
  for (const zone of zones.filter((z) => z !== '')) {
    const waiting = db.prepare("SELECT 1 FROM leads INDEXED BY queue_never_called WHERE coalesce(time_zone, '') = ? AND callable = 1 AND attempts = 0 LIMIT 1").get(zone);
    if (!waiting) continue;
    const opens = nextOpening({ timeZone: zone, region: null, country: null, numbers: [] }, ctx.rules, ctx.now);
    if (opens !== null && opens > ctx.now) candidates.push({ at: opens, reason: `calling hours open in ${zone.replace(/_/g, ' ')}` });
  }
  const first = candidates.sort((a, b) => a.at - b.at)[0];
  return first ? { at: new Date(first.at).toISOString(), reason: first.reason } : null;
}

/** Counting stops here: the console shows "250+" rather than paying for an exact figure on every call. */
const DUE_COUNT_CAP = 250;

const WAITING: Record<Exclude<Tier, 'callback'>, { index: string; where: string }> = {
  'hand-raiser': { index: 'queue_hand_raisers', where: 'callable = 1 AND hand_raised_at IS NOT NULL AND attempts = 0' },
  retry: { index: 'queue_retries', where: 'callable = 1 AND attempts > 0 AND retry_at IS NOT NULL AND retry_at <= :now' },
  'never-called': { index: 'queue_never_called', where: 'callable = 1 AND attempts = 0' },
  rest: { index: 'queue_rest', where: 'callable = 1 AND attempts > 0 AND retry_at IS NULL' },
};

/**
 * Leads whose turn has come in the zones open now, per tier, up to a cap: read from the indexes,
 * before the per-lead checks (daily caps, state windows, claims) that the pick applies.
 */
export function countWaitingByTier(db: Database, ctx: QueueContext, cap: number): Record<Tier, number> {
  const zones = openZones(db, ctx.rules, ctx.now);
  const counts = Object.fromEntries(TIERS.map((t) => [t, 0])) as Record<Tier, number>;
  counts.callback = (
    cachedStatement(db, 'SELECT count(*) AS n FROM (SELECT 1 FROM callbacks WHERE done_by_call_id IS NULL AND due_at <= ? LIMIT ?)').get(ctx.now, cap) as { n: number }
  ).n;
  let total = counts.callback;
  for (const [tier, { index, where }] of Object.entries(WAITING) as [Exclude<Tier, 'callback'>, { index: string; where: string }][]) {
    const count = cachedStatement(db, `SELECT count(*) AS n FROM (SELECT 1 FROM leads INDEXED BY ${index} WHERE coalesce(time_zone, '') = :zone AND ${where} LIMIT :k)`);
    for (const zone of zones) {
      if (total >= cap) break;
      const { n } = count.get(where.includes(':now') ? { zone, k: cap - total, now: ctx.now } : { zone, k: cap - total }) as { n: number };
      counts[tier] += n;
      total += n;
    }
  }
  return counts;
}

function countWaiting(db: Database, ctx: QueueContext, cap: number): number {
  return Object.values(countWaitingByTier(db, ctx, cap)).reduce((a, b) => a + b, 0);
}

export function queuePreview(db: Database, ctx: QueueContext, limit: number): QueuePreview {
  return {
    now: new Date(ctx.now).toISOString(),
    next: previewQueue(db, ctx, limit).map((pick) => {
      const lead = getLead(db, pick.leadId);
      return { leadId: pick.leadId, name: fullName(lead), company: lead.company, tier: pick.tier, reasons: pick.reasons, number: pick.number };
    }),
    waitingByTier: countWaitingByTier(db, ctx, 100_000),
  };
}

/** Which rules hold a lead back now, and when it will be offered if nothing changes. */
export function whyNot(db: Database, leadId: number, ctx: QueueContext): WhyNot {
  const facts = loadLeadFacts(db, leadId, ctx.now);
  if (!facts) throw new ApiError('not-found', `No lead with id ${leadId}.`);
  const inList = !ctx.list || db.prepare(`SELECT 1 FROM leads WHERE leads.id = ? AND (${ctx.list.where})`).get(leadId, ...ctx.list.params) !== undefined;
  const blockers: WhyNot['blockers'] = blockersOf(facts, ctx.rules, ctx.now, ctx.consoleId).map((b) => ({
    ...b,
    until: b.until === null ? null : new Date(b.until).toISOString(),
  }));
  if (!inList) blockers.unshift({ rule: 'not-in-list', reason: 'Not on this call list', until: null });
  const from = inList ? eligibleFrom(facts, ctx.rules, ctx.now, ctx.consoleId) : null;
  return { leadId, name: fullName(getLead(db, leadId)), blockers, eligibleFrom: from === null ? null : new Date(from).toISOString() };
}
