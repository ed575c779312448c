import type { QueueRules } from '../../shared/queue-rules.ts';
import { attemptsPer24hFor, decidingZones, isCallableAt, legalRulesFor, localClock } from './calling-rules.ts';
import type { LeadFacts } from './eligibility.ts';
import { DAY_MS } from '../../shared/time-units.ts';

/**
 * May this number be dialled at this instant? Asked when the number is dialled, not only when
 * the lead was picked: between the two, an import, another console or the CLI may have marked
 * the lead do-not-call or the number bad, calling hours may have closed in the lead's zone, or a
 * cap may have been reached. Every dial path asks it (the dial, the dial link, a disposition
 * logged without a dial; later the softphone), so the rule is written once, here, as a pure
 * function of the lead's facts, the rules and the instant.
 *
 * What it leaves to the queue: skips, snoozes, retry waits and claims are about what to offer
 * next, not about whether calling is allowed, so a rep may still dial a lead they chose.
 */
export type DialRule = 'do-not-call' | 'not-a-number-of-the-lead' | 'bad-number' | 'unknown-zone' | 'outside-window' | 'attempt-cap' | 'daily-cap';

export interface DialRefusal {
  rule: DialRule;
  /** In words, for the rep: "on the do-not-call list". */
  reason: string;
}


export function dialRefusals(facts: LeadFacts, number: string, rules: QueueRules, now: number): DialRefusal[] {
  const refusals: DialRefusal[] = [];
  const refuse = (rule: DialRule, reason: string) => refusals.push({ rule, reason });

  if (facts.doNotCall) refuse('do-not-call', 'the lead is on the do-not-call list');
  if (facts.badNumbers.includes(number)) refuse('bad-number', `${number} is marked as a bad number`);
  else if (!facts.goodNumbers.includes(number)) refuse('not-a-number-of-the-lead', `${number} is not a number of this lead`);

  const zones = decidingZones(facts.place, rules);
  if (!zones) refuse('unknown-zone', "the lead's time zone is unknown, and this list does not call leads of unknown zone");
  else if (!isCallableAt(facts.place, rules, now)) {
    const laws = legalRulesFor(facts.place).map((r) => r.name);
    const local = facts.place.timeZone ? ` (it is ${clockText(facts.place.timeZone, now)} for the lead)` : '';
    refuse('outside-window', `outside calling hours${local}${laws.length ? `: list window; ${laws.join('; ')}` : ''}`);
  }

  if (facts.attempts >= rules.lifetimeAttemptCap) refuse('attempt-cap', `${facts.attempts} attempts already: the cap is ${rules.lifetimeAttemptCap}`);
  const cap = attemptsPer24hFor(facts.place, rules);
  const recent = (facts.recentAttempts.get(number) ?? []).filter((t) => t > now - DAY_MS).length;
  if (recent >= cap) refuse('daily-cap', `${number} was tried ${recent} times in the last 24 hours: the cap is ${cap}`);
  return refusals;
}

/** One sentence for a refusal: "Not dialled: the lead is on the do-not-call list." */
export function refusalSentence(verb: string, refusals: readonly DialRefusal[]): string {
  const text = refusals.map((r) => r.reason).join('; ');
  return `${verb}: ${text}.`;
}

function clockText(zone: string, at: number): string {
  const { minutes } = localClock(zone, at);
  const h = Math.floor(minutes / 60);
  return `${h % 12 || 12}:${String(minutes % 60).padStart(2, '0')} ${h < 12 ? 'am' : 'pm'} ${new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short' }).format(at)}`;
}
