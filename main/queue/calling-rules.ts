import ct from 'countries-and-timezones';
import type { CallingWindow, QueueRules } from '../../shared/queue-rules.ts';
import { localClock } from './zone-clock.ts';
import { DAY_MS, MINUTE_MS } from '../../shared/time-units.ts';

export { DEFAULT_QUEUE_RULES, type CallingWindow, type QueueRules } from '../../shared/queue-rules.ts';

/**
 * When a lead may be called, in the lead's own time. A list sets its window (default Monday to
 * Friday, 08:00 to 20:00); the law of the lead's country and state can only narrow it: the
 * US federal rule (TCPA) allows 08:00–21:00 any day, Florida and Oklahoma 08:00–20:00 and three
 * attempts per number per 24 hours. Everything here is a pure function of the lead and an instant.
 */
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

/** A rule of law: where it applies, the window it allows, the attempts per number per 24 h. */
interface LegalRule {
  name: string;
  window: CallingWindow;
  attemptsPer24h?: number;
}

const US_FEDERAL: LegalRule = { name: 'US federal (8 am–9 pm)', window: { days: EVERY_DAY, start: 8 * 60, end: 21 * 60 } };
const STATE_RULES: Record<string, LegalRule> = {
  FL: { name: 'Florida (8 am–8 pm, 3 attempts per 24 h)', window: { days: EVERY_DAY, start: 8 * 60, end: 20 * 60 }, attemptsPer24h: 3 },
  OK: { name: 'Oklahoma (8 am–8 pm, 3 attempts per 24 h)', window: { days: EVERY_DAY, start: 8 * 60, end: 20 * 60 }, attemptsPer24h: 3 },
};

/** Area codes of the states with rules of their own: the rule follows the number. */
const STATE_OF_AREA_CODE: Record<string, string> = Object.fromEntries([
  ...['239', '305', '321', '324', '352', '386', '407', '448', '561', '645', '656', '689', '727', '728', '754', '772', '786', '813', '850', '863', '904', '941', '954'].map(
    (code) => [code, 'FL'],
  ),
  ...['405', '539', '572', '580', '918'].map((code) => [code, 'OK']),
]);

export interface LeadPlace {
  timeZone: string | null;
  /** Two-letter state or province, if known. */
  region: string | null;
  country: string | null;
  /** Good E.164 numbers. */
  numbers: readonly string[];
}

/** The legal rules that bind a lead: by its country and state, and by each of its numbers. */
export function legalRulesFor(place: LeadPlace): LegalRule[] {
  const rules = new Set<LegalRule>();
  const usNumbers = place.numbers.filter((n) => n.startsWith('+1'));
  if (place.country === 'US' || usNumbers.length > 0) rules.add(US_FEDERAL);
  const states = new Set<string>();
  // A lead is in the US by its country, or, when the file named none, by its US number.
  const inUs = place.country === 'US' || (place.country === null && usNumbers.length > 0);
  if (inUs && place.region) states.add(place.region.toUpperCase());
  for (const n of usNumbers) {
    const state = STATE_OF_AREA_CODE[n.slice(2, 5)];
    if (state) states.add(state);
  }
  for (const state of states) {
    const rule = STATE_RULES[state];
    if (rule) rules.add(rule);
  }
  return [...rules];
}

/** The attempts one of the lead's numbers may take in 24 hours: the strictest that applies. */
export function attemptsPer24hFor(place: LeadPlace, rules: QueueRules): number {
  return Math.min(rules.attemptsPer24h, ...legalRulesFor(place).map((r) => r.attemptsPer24h ?? Infinity));
}

/** The lead's weekday (1–7) and minutes after midnight at an instant, daylight saving included. */
export { localClock } from './zone-clock.ts';

function inside(window: CallingWindow, clock: { weekday: number; minutes: number }): boolean {
  return window.days.includes(clock.weekday) && clock.minutes >= window.start && clock.minutes < window.end;
}

/**
 * The zones whose clocks decide: the lead's own, or for a lead of unknown zone on a list that
 * allows it, every zone of the list's countries (so the most restrictive window holds). Null when
 * the lead may not be called at all for want of a zone.
 */
export function decidingZones(place: LeadPlace, rules: QueueRules): string[] | null {
  if (place.timeZone) return [place.timeZone];
  if (!rules.allowUnknownZone) return null;
  return rules.countries.flatMap((code) => ct.getCountry(code)?.timezones ?? []);
}

/** Inside the list's window and every legal window, in every deciding zone, at this instant. */
export function isCallableAt(place: LeadPlace, rules: QueueRules, at: number): boolean {
  const zones = decidingZones(place, rules);
  if (!zones || zones.length === 0) return false;
  const windows = [rules.window, ...legalRulesFor(place).map((r) => r.window)];
  return zones.every((zone) => {
    const clock = localClock(zone, at);
    return windows.every((w) => inside(w, clock));
  });
}

const STEP_MS = 5 * MINUTE_MS;
const HORIZON_MS = 9 * DAY_MS;

/** The next instant (to five minutes) the lead's window opens, within nine days; null if never. */
export function nextOpening(place: LeadPlace, rules: QueueRules, from: number): number | null {
  if (isCallableAt(place, rules, from)) return from;
  for (let at = Math.ceil(from / STEP_MS) * STEP_MS; at <= from + HORIZON_MS; at += STEP_MS) {
    if (isCallableAt(place, rules, at)) return at;
  }
  return null;
}

/** "8:00 am–8:00 pm Mon–Fri" style text for a window, for explanations. */
export function describeWindow(window: CallingWindow): string {
  const time = (m: number) => `${Math.floor(m / 60) % 12 || 12}:${String(m % 60).padStart(2, '0')} ${m < 720 ? 'am' : 'pm'}`;
  const names = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const days = window.days.length === 7 ? 'every day' : window.days.map((d) => names[d]).join(', ');
  return `${time(window.start)}–${time(window.end)} ${days}`;
}
