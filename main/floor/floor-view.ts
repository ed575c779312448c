import type { FloorView } from '../../shared/floor.ts';
import type { QueueRules } from '../../shared/queue-rules.ts';
import { callFigures } from '../../shared/summary-figures.ts';
import { zonedDay, zonedDayRange } from '../../shared/zoned-time.ts';
import type { Queryable } from '../store/seam/store.ts';
import { callbacksToday, coverage, EVERY_LEAD, handRaisersWaiting, type ListScope } from './list-figures.ts';
import { repKey, repsNow, type Roster } from './rep-states.ts';
import { contactCodes, figuresToday, NO_WAITS, speedToLead, type Today } from './today-calls.ts';

export interface FloorOptions {
  now: number;
  /** The team's zone: today starts at its midnight. */
  timeZone: string;
  roster: Roster;
  /** The queue's rules (how old a request may be and still count). */
  rules: QueueRules;
  list?: ListScope;
}

/**
 * The live floor, read whole: every rep with what they are doing and their day's figures, the
 * team's totals, speed to lead, the list's coverage, hand-raisers waiting and callbacks. Read
 * only; plain queries on the store seam, the same on a rep's SQLite store and a team's PostgreSQL.
 */
export async function floorView(q: Queryable, { now, timeZone, roster, rules, list = EVERY_LEAD }: FloorOptions): Promise<FloorView> {
  const range = zonedDayRange(zonedDay(now, timeZone), zonedDay(now, timeZone), timeZone)!;
  const today: Today = { from: Date.parse(range.from), to: Date.parse(range.to) };
  const contacts = await contactCodes(q);
  const figures = await figuresToday(q, today, contacts);
  const speed = await speedToLead(q, today, contacts);
  const reps = await repsNow(q, roster, now, figures.names);
  return {
    at: new Date(now).toISOString(),
    timeZone,
    from: range.from,
    reps: reps.map((r) => ({
      rep: r.rep,
      signedIn: r.signedIn,
      state: r.state,
      since: r.since === null ? null : new Date(r.since).toISOString(),
      listName: r.listName,
      today: figures.byRep.get(repKey(r.rep)) ?? callFigures([]),
      speedToLead: speed.byRep.get(repKey(r.rep)) ?? NO_WAITS,
    })),
    team: { today: figures.team, speedToLead: speed.team },
    coverage: await coverage(q, list, contacts),
    handRaisers: await handRaisersWaiting(q, list, rules, now),
    callbacks: await callbacksToday(q, list, today, now),
  };
}
