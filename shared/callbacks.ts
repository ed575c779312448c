import type { CallingWindow } from './queue-rules.ts';
import { addDays, fromZonedInput, toZonedInput } from './zoned-time.ts';
import { DAY_MINUTES, HOUR_MS, MINUTE_MS } from './time-units.ts';

/**
 * Callbacks on the console's side. The quick choices of the callback picker, computed from now and the lead's zone: "in 1 h",
 * "tomorrow 9:00" and "tomorrow 14:00" on the lead's clock (not the rep's), "next Monday 9:00".
 * A choice that falls outside the lead's calling window (the list's hours narrowed by the law)
 * moves to the window's next opening, and says so: the queue would not offer the lead before then.
 */
export type CallbackChoiceId = 'in-an-hour' | 'tomorrow-9' | 'tomorrow-14' | 'next-monday';

export interface CallbackChoice {
  id: CallbackChoiceId;
  label: string;
  /** The instant (ms). */
  at: number;
  /** On the lead's clock: "2026-11-24T09:00". */
  local: string;
  /** Why it is not what the label says (the lead's calling hours), or null. */
  moved: string | null;
}

/** "In 1 h" lands on the nearest round five minutes. */
const ROUND_MS = 5 * MINUTE_MS;
/** How far a choice may move to find the lead's window open. */
const SEARCH_DAYS = 14;

/** ISO weekday (1 Monday … 7 Sunday) of a calendar day. */
function weekdayOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}

/** The hours every window allows on a weekday, as minutes after midnight; null when none does. */
function hoursOn(weekday: number, windows: readonly CallingWindow[]): { start: number; end: number } | null {
  if (windows.some((w) => !w.days.includes(weekday))) return null;
  const start = Math.max(0, ...windows.map((w) => w.start));
  const end = Math.min(DAY_MINUTES, ...windows.map((w) => w.end));
  return start < end ? { start, end } : null;
}

const wall = (day: string, minutes: number) => `${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The first wall time at or after (day, minutes) inside the windows, on the zone's clock. A time
 * of day ("9:00") that moves to a later day keeps its hour where that day allows it; "soon" takes
 * the next opening.
 */
function nextInside(day: string, minutes: number, windows: readonly CallingWindow[], timeOfDay: boolean): string | null {
  for (let i = 0; i < SEARCH_DAYS; i++) {
    const date = addDays(day, i);
    if (date === null) return null;
    const hours = hoursOn(weekdayOf(date), windows);
    if (!hours) continue;
    const at = i === 0 || timeOfDay ? Math.max(minutes, hours.start) : hours.start;
    if (at < hours.end) return wall(date, at);
  }
  return null;
}

const DAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function callbackChoices(now: number, zone: string, windows: readonly CallingWindow[]): CallbackChoice[] {
  const inAnHour = toZonedInput(Math.round((now + HOUR_MS) / ROUND_MS) * ROUND_MS, zone);
  const today = toZonedInput(now, zone).slice(0, 10);
  const tomorrow = addDays(today, 1)!;
  const monday = addDays(today, 8 - weekdayOf(today))!;
  const minutesOf = (local: string) => Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16));
  const wanted: { id: CallbackChoiceId; label: string; local: string }[] = [
    { id: 'in-an-hour', label: 'In 1 h', local: inAnHour },
    { id: 'tomorrow-9', label: 'Tomorrow 9:00', local: wall(tomorrow, 9 * 60) },
    { id: 'tomorrow-14', label: 'Tomorrow 14:00', local: wall(tomorrow, 14 * 60) },
    { id: 'next-monday', label: 'Next Monday 9:00', local: wall(monday, 9 * 60) },
  ];
  const choices: CallbackChoice[] = [];
  for (const w of wanted) {
    const local = windows.length === 0 ? w.local : nextInside(w.local.slice(0, 10), minutesOf(w.local), windows, w.id !== 'in-an-hour');
    if (local === null) continue;
    const at = fromZonedInput(local, zone);
    if (at === null || at <= now) continue;
    const moved = local === w.local ? null : `outside the lead’s calling hours: moved to ${DAY_NAMES[weekdayOf(local.slice(0, 10))]} ${local.slice(11)}`;
    choices.push({ id: w.id, label: w.label, at, local: toZonedInput(at, zone), moved });
  }
  // Two choices moved onto the same time are one: keep the one that says what it is.
  const better = (o: CallbackChoice, c: CallbackChoice, j: number, i: number) => ((o.moved === null) !== (c.moved === null) ? o.moved === null : j < i);
  return choices.filter((c, i) => !choices.some((o, j) => j !== i && o.at === c.at && better(o, c, j, i)));
}

/** A callback the rep booked and has not made yet, as the console announces it when it comes due. */
export interface UpcomingCallback {
  leadId: number;
  leadName: string;
  /** ISO instant. */
  dueAt: string;
  /** The lead's zone, to say the time on the lead's clock; null when unknown. */
  timeZone: string | null;
}

/** The lead's calling windows (the list's hours and every law that binds the lead), for the quick choices. */
export interface LeadCallingWindows {
  timeZone: string | null;
  windows: CallingWindow[];
}
