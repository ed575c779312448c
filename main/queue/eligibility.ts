import type { QueueRules } from '../../shared/queue-rules.ts';
import type { Stage } from '../../shared/stages.ts';
import { attemptsPer24hFor, decidingZones, isCallableAt, legalRulesFor, nextOpening, type LeadPlace } from './calling-rules.ts';
import { DAY_MS } from '../../shared/time-units.ts';

/**
 * Every rule that can hold a lead back, as one pure function of what is known about the lead
 * and an instant. The queue's indexes only find candidates fast; each pick is checked here, so
 * the rules live in one place and a test can ask about any lead at any moment.
 */
export interface LeadFacts {
  leadId: number;
  stage: Stage;
  doNotCall: boolean;
  attempts: number;
  retryAt: number | null;
  notBefore: number | null;
  place: LeadPlace;
  /** Numbers with an E.164 form that are not marked bad, in the lead's order. */
  goodNumbers: readonly string[];
  /** Numbers marked bad (a rep's "Bad number", or the CRM's). */
  badNumbers: readonly string[];
  /** Attempts per number in the 24 hours before now (their start times). */
  recentAttempts: ReadonlyMap<string, readonly number[]>;
  claim: { consoleId: string; claimedAt: number } | null;
  /** The earliest callback a rep promised and has not made yet. */
  callbackDueAt: number | null;
}

export type Rule =
  | 'do-not-call'
  | 'no-good-number'
  | 'closed-stage'
  | 'attempt-cap'
  | 'retry-wait'
  | 'snoozed'
  | 'callback-later'
  | 'claimed'
  | 'unknown-zone'
  | 'outside-window'
  | 'daily-cap';

export interface Blocker {
  rule: Rule;
  reason: string;
  /** When this rule lets go; null when it never will on its own. */
  until: number | null;
}

const SECOND = 1000;

/** The numbers still under their 24-hour cap, best first: the one to dial is the first. */
export function dialableNumbers(facts: LeadFacts, rules: QueueRules, now: number): string[] {
  const cap = attemptsPer24hFor(facts.place, rules);
  return facts.goodNumbers.filter((n) => (facts.recentAttempts.get(n) ?? []).filter((t) => t > now - DAY_MS).length < cap);
}

/** The pick's question: may the queue offer this lead now? (No "until" is worked out.) */
export function isOfferable(facts: LeadFacts, rules: QueueRules, now: number, consoleId: string | null): boolean {
  return blockersOf(facts, rules, now, consoleId, false).length === 0;
}

/**
 * Every rule holding the lead back, each with when it lets go. Working out "until" for the
 * calling window costs a scan of the days ahead, so the pick path asks without it.
 */
export function blockersOf(facts: LeadFacts, rules: QueueRules, now: number, consoleId: string | null, explain = true): Blocker[] {
  const blockers: Blocker[] = [];
  const hold = (rule: Rule, reason: string, until: number | null) => blockers.push({ rule, reason, until });

  if (facts.doNotCall) hold('do-not-call', 'On the do-not-call list', null);
  if (facts.goodNumbers.length === 0) hold('no-good-number', 'No good number left', null);
  if (facts.stage === 'SQL') hold('closed-stage', 'Handed to sales (SQL)', null);
  if (facts.stage === 'disqualified') hold('closed-stage', 'Disqualified', null);
  if (facts.stage === 'nurture' && facts.retryAt === null) hold('closed-stage', 'Back with marketing (nurture), no recycle date', null);
  if (facts.attempts >= rules.lifetimeAttemptCap) hold('attempt-cap', `${facts.attempts} attempts: the cap is ${rules.lifetimeAttemptCap}`, null);
  if (facts.retryAt !== null && facts.retryAt > now) {
    hold('retry-wait', facts.stage === 'nurture' ? 'In nurture until its recycle date' : 'Waiting before the next attempt', facts.retryAt);
  }
  if (facts.notBefore !== null && facts.notBefore > now) hold('snoozed', 'Skipped or snoozed', facts.notBefore);
  if (facts.callbackDueAt !== null && facts.callbackDueAt > now) hold('callback-later', 'A callback is booked for later', facts.callbackDueAt);
  if (facts.claim && facts.claim.consoleId !== consoleId && facts.claim.claimedAt > now - rules.claimLeaseSeconds * SECOND) {
    hold('claimed', 'On another console', facts.claim.claimedAt + rules.claimLeaseSeconds * SECOND);
  }

  if (!decidingZones(facts.place, rules)) {
    hold('unknown-zone', 'Time zone unknown, and this list does not call leads of unknown zone', null);
  } else if (!isCallableAt(facts.place, rules, now)) {
    const laws = legalRulesFor(facts.place).map((r) => r.name);
    hold('outside-window', `Outside calling hours${laws.length ? ` (list window; ${laws.join('; ')})` : ''}`, explain ? nextOpening(facts.place, rules, now) : null);
  }

  if (!explain && blockers.length > 0) return blockers;
  if (facts.goodNumbers.length > 0 && dialableNumbers(facts, rules, now).length === 0) {
    const cap = attemptsPer24hFor(facts.place, rules);
    const frees = Math.min(
      ...facts.goodNumbers.map((n) => {
        const times = [...(facts.recentAttempts.get(n) ?? [])].filter((t) => t > now - DAY_MS).sort((a, b) => b - a);
        return (times[cap - 1] ?? now) + DAY_MS;
      }),
    );
    hold('daily-cap', `${cap} attempts per number in 24 hours reached`, frees);
  }
  return blockers;
}

/**
 * When the lead can next be offered, if nothing else happens: after every timed rule lets go,
 * at the next opening of its calling window. Null when a rule holds it for good.
 */
export function eligibleFrom(facts: LeadFacts, rules: QueueRules, now: number, consoleId: string | null): number | null {
  const blockers = blockersOf(facts, rules, now, consoleId);
  if (blockers.length === 0) return now;
  if (blockers.some((b) => b.until === null)) return null;
  let at = Math.max(...blockers.map((b) => b.until!));
  // Each rule re-checked at that instant (a window may have closed meanwhile).
  for (let round = 0; round < 8; round++) {
    const later = blockersOf(facts, rules, at, consoleId);
    if (later.length === 0) return at;
    if (later.some((b) => b.until === null)) return null;
    at = Math.max(...later.map((b) => b.until!));
  }
  return at;
}
