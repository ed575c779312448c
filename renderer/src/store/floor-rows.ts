import { REP_STATE_WORDS, type FloorRep, type FloorView, type RepState } from '../../../shared/floor.ts';
import { talkClock } from '../../../shared/sessions.ts';
import { minutes, percent, speedNote, waitTime, type Headline } from '../../../shared/summary-figures.ts';
import { MINUTE_MS, SECOND_MS } from '../../../shared/time-units.ts';

/**
 * The floor as the wall screen writes it, derived at `now` (main's clock, ms) so the time on a
 * call ticks between two reads of the floor. Pure: a test asks it at any instant.
 */
export interface FloorRow {
  key: string;
  name: string;
  state: RepState;
  /** The state in words, with how long: "On a call · 3:12". */
  stateText: string;
  /** On a team's store: signed in or not (a rep's own store has no accounts). */
  signedIn: string | null;
  figures: { label: string; value: string }[];
  /** Median time from a request's arrival to this rep's first dial of it. */
  speedToLead: string;
  requestsDialled: number;
}

export function selectFloorHeadlines(floor: FloorView): Headline[] {
  const { today, speedToLead } = floor.team;
  const { coverage, handRaisers, callbacks } = floor;
  const now = Date.parse(floor.at);
  return [
    { label: 'Dials', value: String(today.dials) },
    { label: 'Contacts', value: String(today.contacts), note: `${percent(today.dials === 0 ? 0 : today.contacts / today.dials)} of dials` },
    { label: 'Conversations', value: String(today.conversations) },
    { label: 'Qualified (SQL)', value: String(today.qualified) },
    {
      label: 'Speed to lead',
      value: waitTime(speedToLead.toDial.medianMs),
      note: speedNote(speedToLead, 'today'),
    },
    {
      label: 'Hand-raisers waiting',
      value: String(handRaisers.waiting),
      note: handRaisers.oldestSince === null ? 'nobody waiting' : `oldest waiting ${minutes((now - Date.parse(handRaisers.oldestSince)) / MINUTE_MS)}`,
    },
    { label: 'Never contacted', value: percent(coverage.neverContactedShare), note: `${coverage.neverContacted} of ${coverage.leads} leads${coverage.listName ? ` in ${coverage.listName}` : ''}` },
    { label: 'Callbacks due', value: String(callbacks.dueToday), note: `${callbacks.dueNow} due now · ${callbacks.missedToday} missed today` },
  ];
}

/** How long a rep has been in their state: a call to the second, a pause or a session in minutes. */
function lasting(rep: FloorRep, now: number): string {
  if (rep.since === null) return '';
  const ms = Math.max(0, now - Date.parse(rep.since));
  return rep.state === 'on-call' ? ` · ${talkClock(Math.floor(ms / SECOND_MS))}` : ` · ${minutes(ms / MINUTE_MS)}`;
}

export function selectFloorRows(floor: FloorView, now: number): FloorRow[] {
  return floor.reps.map((rep) => ({
    key: rep.rep ?? '',
    name: rep.rep ?? 'No name given',
    state: rep.state,
    stateText: `${REP_STATE_WORDS[rep.state]}${lasting(rep, now)}`,
    signedIn: rep.signedIn === null ? null : rep.signedIn ? 'Signed in' : 'Signed out',
    figures: [
      { label: 'Dials', value: String(rep.today.dials) },
      { label: 'Contacts', value: String(rep.today.contacts) },
      { label: 'Conversations', value: String(rep.today.conversations) },
      { label: 'SQLs', value: String(rep.today.qualified) },
    ],
    speedToLead: rep.speedToLead.toDial.count === 0 ? '—' : waitTime(rep.speedToLead.toDial.medianMs),
    requestsDialled: rep.speedToLead.toDial.count,
  }));
}
