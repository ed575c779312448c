import { ApiError } from '../../shared/api-error.ts';
import type { QueuePreview, QueueSnapshot, ReleasedLead, WhyNot } from '../../shared/leads.ts';
import { runningDial } from '../calls/dials.ts';
import { fullName } from '../../shared/leads.ts';
import { leadCount } from '../leads/lead-count.ts';
import { getLead, getLeadCard } from '../leads/lead-cards.ts';
import type { Queryable, SqlValue } from '../store/seam/store.ts';
import { nextOpening } from './calling-rules.ts';
import { blockersOf, eligibleFrom } from './eligibility.ts';
import { loadLeadFacts } from './lead-facts.ts';
import { nextOwnerWindowEnd } from './list-access.ts';
import { claimFirstFree, lockConsole } from './lead-leases.ts';
import { eligibleLeads, heldLeadOf, isInList, openZones, previewQueue, TIERS, type KnownToCaller, type Pick, type QueueContext, type Tier } from './next-lead.ts';
import { SECOND_MS } from '../../shared/time-units.ts';

/**
 * What the console shows of the queue: the next lead (claimed for this console) and how many
 * wait. The lead the console already shows stays first while it may be called, and whatever the
 * rules say while the console has a call running on it (a reload mid-call finds the call again);
 * when it may no longer be called, the snapshot says which lead was let go, and why.
 */
export async function queueSnapshot(q: Queryable, ctx: QueueContext, { consoleLocked = false } = {}): Promise<QueueSnapshot> {
  // The console's lock (lead-leases.ts), unless the caller took it earlier in this transaction.
  if (ctx.consoleId && !consoleLocked) await lockConsole(q, ctx.consoleId);
  const held = ctx.consoleId ? await heldLeadOf(q, ctx.consoleId) : null;
  const running = held !== null && ctx.consoleId ? await runningDial(q, held, ctx.consoleId, ctx.now) : null;
  const zones = await openZones(q, ctx.rules, ctx.now);
  const pick = await claimNext(q, running ? { ...ctx, keepLeadId: held! } : ctx, { held, zones });
  const total = await leadCount(q);
  const letGo = held !== null && pick?.leadId !== held ? await releasedLead(q, held, ctx) : undefined;
  // Reconsidered between calls, the lead the console showed may simply come second now: no news.
  const released = letGo && !(ctx.reconsider && letGo.reasons[0] === OUTRANKED) ? letGo : undefined;
  return {
    now: new Date(ctx.now).toISOString(),
    next: pick
      ? {
          card: await getLeadCard(q, pick.leadId),
          reasons: pick.reasons,
          tier: pick.tier,
          number: running && pick.leadId === held ? running.number : pick.number,
          openDial: pick.leadId === held ? running : null,
        }
      : null,
    due: await countWaiting(q, ctx, DUE_COUNT_CAP, zones),
    dueCapped: DUE_COUNT_CAP,
    total,
    ...(pick || total === 0 ? {} : { nextEligible: await nextEligible(q, ctx) }),
    ...(released ? { released } : {}),
  };
}

/**
 * The first lead the queue offers that the console can take: claimed through the shared lease
 * (lead-leases.ts), which passes over a lead another console took, or called, since the queue
 * read it (on PostgreSQL, several server processes claim at once). A console that asks for no
 * claim (a preview of the counts) gets the first pick as it is.
 */
async function claimNext(q: Queryable, ctx: QueueContext, known: KnownToCaller): Promise<Pick | null> {
  for await (const pick of eligibleLeads(q, ctx, known)) {
    if (!ctx.consoleId) return pick;
    const claimed = await claimFirstFree(q, {
      consoleId: ctx.consoleId,
      now: ctx.now,
      leaseMs: ctx.rules.claimLeaseSeconds * SECOND_MS,
      candidates: [pick.leadId],
      // Kept back by the queue's checks a moment ago; still so unless a call was logged since.
      stillOffered: { where: 'l.attempts = ?', params: [pick.attempts] },
    });
    if (claimed !== null) return pick;
  }
  return null;
}

const OUTRANKED = 'Another lead comes first now';
const NOT_YOURS = 'Its call list is paused, assigned to other reps, or held for its owner';

/** Whether the lists the team lead set let this console's rep have the lead now (list-access.ts). */
async function withinAccess(q: Queryable, leadId: number, ctx: QueueContext): Promise<boolean> {
  return !ctx.access || isInList(q, leadId, ctx.access);
}

/** Why the lead a console showed is no longer offered to it, in the rep's words. */
async function releasedLead(q: Queryable, leadId: number, ctx: QueueContext): Promise<ReleasedLead> {
  const facts = await loadLeadFacts(q, leadId, ctx.now);
  if (!facts) return { leadId, name: `Lead #${leadId}`, reasons: ['it was removed from the store'] };
  const inList = !ctx.list || (await isInList(q, leadId, ctx.list));
  const reasons = blockersOf(facts, ctx.rules, ctx.now, ctx.consoleId, false).map((b) => b.reason);
  if (!inList) reasons.unshift('Not on this call list any more');
  if (!(await withinAccess(q, leadId, ctx))) reasons.unshift(NOT_YOURS);
  return { leadId, name: fullName(await getLead(q, leadId)), reasons: reasons.length > 0 ? reasons : [OUTRANKED] };
}

/**
 * With nothing to call now, the rep wants to know when there will be, and why: the first retry
 * or callback that comes due, a snooze that ends, an owner window that ends (on a team), or
 * calling hours that open where leads wait.
 * An estimate from the indexes (per-lead rules may hold a lead a little longer).
 */
export async function nextEligible(q: Queryable, ctx: QueueContext): Promise<{ at: string; reason: string } | null> {
  const zones = (await q.all<{ time_zone: string }>('SELECT time_zone FROM queue_zones')).map((r) => r.time_zone);
  const candidates: { at: number; reason: string }[] = [];
  const earliest = async (sql: string, reason: string, ...params: (string | number)[]) => {
    const { at } = (await q.one<{ at: number | null }>(sql, params))!;
    if (at !== null) candidates.push({ at, reason });
  };
  for (const zone of zones) {
    await earliest(
      "SELECT min(retry_at) AS at FROM leads INDEXED BY queue_retries WHERE coalesce(time_zone, '') = ? AND callable = 1 AND attempts > 0 AND retry_at IS NOT NULL AND retry_at > ?",
      'the first retry comes due',
      zone,
      ctx.now,
    );
  }
  await earliest('SELECT min(due_at) AS at FROM callbacks WHERE done_by_call_id IS NULL AND due_at > ?', 'a callback is booked', ctx.now);
  await earliest('SELECT min(not_before) AS at FROM leads WHERE not_before > ? AND callable = 1', 'a snoozed lead comes back', ctx.now);
  // A lead held for its owner (list-access.ts) comes free for the others when the window ends.
  if (ctx.access) {
    const end = await nextOwnerWindowEnd(q, ctx.now);
    if (end !== null) candidates.push({ at: end, reason: 'a lead held for its owner comes free' });
  }
  for (const zone of zones.filter((z) => z !== '')) {
    const waiting = await q.one("SELECT 1 FROM leads INDEXED BY queue_never_called WHERE coalesce(time_zone, '') = ? AND callable = 1 AND attempts = 0 LIMIT 1", [zone]);
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
  retry: { index: 'queue_retries', where: 'callable = 1 AND attempts > 0 AND retry_at IS NOT NULL AND retry_at <= ?' },
  // A hand-raiser never called is counted once, as a hand-raiser ("5 due now · 4 leads" otherwise).
  'never-called': { index: 'queue_never_called', where: 'callable = 1 AND attempts = 0 AND hand_raised_at IS NULL' },
  rest: { index: 'queue_rest', where: 'callable = 1 AND attempts > 0 AND retry_at IS NULL' },
};

/**
 * Leads whose turn has come in the zones open now, per tier, up to a cap: read from the indexes,
 * before the per-lead checks (daily caps, state windows, claims) that the pick applies. Of the
 * rep's lists only (a paused list, or one assigned to other reps, counts none), as the pick offers.
 */
export async function countWaitingByTier(q: Queryable, ctx: QueueContext, cap: number, zones?: readonly string[]): Promise<Record<Tier, number>> {
  const open = zones ?? (await openZones(q, ctx.rules, ctx.now));
  const access = ctx.access ? { where: ` AND (${ctx.access.where})`, params: ctx.access.params } : { where: '', params: [] };
  const parts: { tier: Tier; sql: string; params: SqlValue[] }[] = [
    {
      tier: 'callback',
      sql: ctx.access
        ? `SELECT 1 FROM callbacks JOIN leads ON leads.id = callbacks.lead_id WHERE done_by_call_id IS NULL AND due_at <= ?${access.where} LIMIT ?`
        : 'SELECT 1 FROM callbacks WHERE done_by_call_id IS NULL AND due_at <= ? LIMIT ?',
      params: [ctx.now, ...access.params, cap],
    },
    ...(Object.entries(WAITING) as [Exclude<Tier, 'callback'>, { index: string; where: string }][]).flatMap(([tier, { index, where }]) =>
      open.map((zone) => ({
        tier,
        sql: `SELECT 1 FROM leads INDEXED BY ${index} WHERE coalesce(time_zone, '') = ? AND ${where}${access.where} LIMIT ?`,
        params: [zone, ...(where.includes('?') ? [ctx.now] : []), ...access.params, cap],
      })),
    ),
  ];
  // Every count in one statement (on PostgreSQL one round trip, not one per tier and zone), each
  // up to the cap; added up in tier order, each tier counting only what is left of the cap.
  const found = (await q.one<Record<string, number | string>>(
    `SELECT ${parts.map((part, i) => `(SELECT count(*) FROM (${part.sql}) AS w${i}) AS n${i}`).join(', ')}`,
    parts.flatMap((part) => part.params),
  ))!;
  const counts = Object.fromEntries(TIERS.map((t) => [t, 0])) as Record<Tier, number>;
  let total = 0;
  parts.forEach((part, i) => {
    const n = Math.min(Number(found[`n${i}`]), cap - total);
    counts[part.tier] += n;
    total += n;
  });
  return counts;
}

async function countWaiting(q: Queryable, ctx: QueueContext, cap: number, zones?: readonly string[]): Promise<number> {
  return Object.values(await countWaitingByTier(q, ctx, cap, zones)).reduce((a, b) => a + b, 0);
}

export async function queuePreview(q: Queryable, ctx: QueueContext, limit: number): Promise<QueuePreview> {
  const next: QueuePreview['next'] = [];
  for (const pick of await previewQueue(q, ctx, limit)) {
    const lead = await getLead(q, pick.leadId);
    next.push({ leadId: pick.leadId, name: fullName(lead), company: lead.company, tier: pick.tier, reasons: pick.reasons, number: pick.number });
  }
  return { now: new Date(ctx.now).toISOString(), next, waitingByTier: await countWaitingByTier(q, ctx, 100_000) };
}

/** Which rules hold a lead back now, and when it will be offered if nothing changes. */
export async function whyNot(q: Queryable, leadId: number, ctx: QueueContext): Promise<WhyNot> {
  const facts = await loadLeadFacts(q, leadId, ctx.now);
  if (!facts) throw new ApiError('not-found', `No lead with id ${leadId}.`);
  const inList = !ctx.list || (await isInList(q, leadId, ctx.list));
  const blockers: WhyNot['blockers'] = blockersOf(facts, ctx.rules, ctx.now, ctx.consoleId).map((b) => ({
    ...b,
    until: b.until === null ? null : new Date(b.until).toISOString(),
  }));
  if (!inList) blockers.unshift({ rule: 'not-in-list', reason: 'Not on this call list', until: null });
  const yours = await withinAccess(q, leadId, ctx);
  if (!yours) blockers.unshift({ rule: 'not-your-list', reason: NOT_YOURS, until: null });
  const from = inList && yours ? eligibleFrom(facts, ctx.rules, ctx.now, ctx.consoleId) : null;
  return { leadId, name: fullName(await getLead(q, leadId)), blockers, eligibleFrom: from === null ? null : new Date(from).toISOString() };
}
