import type { CallingSummary, TeamSummary } from './summary.ts';
import { talkClock } from './sessions.ts';
import { zonedDays } from './zoned-time.ts';
import { MINUTE_MS, SECOND_MS } from './time-units.ts';

/**
 * The figures a manager reads first, and how each is written: one definition for the printable
 * report and the console's Reports screen, so both say the same thing in the same words.
 */
export const percent = (share: number) => `${Math.round(share * 100)}%`;

export const minutes = (m: number | null) => (m === null ? '—' : m < 120 ? `${Math.round(m)} min` : m < 2880 ? `${(m / 60).toFixed(1)} h` : `${(m / 1440).toFixed(1)} days`);

export interface Headline {
  label: string;
  value: string;
  note?: string;
}

export function headlineFigures(summary: CallingSummary): Headline[] {
  return [
    { label: 'Dials', value: String(summary.dials) },
    { label: 'Contacts', value: String(summary.contacts), note: `${percent(summary.contactRate)} of dials` },
    { label: 'Conversations', value: String(summary.conversations) },
    { label: 'Qualified (SQL)', value: String(summary.qualified) },
    { label: 'Never contacted', value: percent(summary.coverage.neverContactedShare), note: `${summary.coverage.neverContacted} of ${summary.coverage.leads} leads` },
    { label: 'Speed to lead', value: waitTime(summary.speedToLead.toDial.medianMs), note: speedNote(summary.speedToLead) },
    { label: 'Callbacks', value: `${summary.callbacks.keptOnTime}/${summary.callbacks.set}`, note: `kept on time · ${summary.callbacks.missed} missed` },
    { label: 'Do-not-call added', value: String(summary.dncAdded) },
    {
      label: 'Paused between calls',
      value: talkClock(summary.pausesBetweenCalls.seconds),
      note: `${summary.pausesBetweenCalls.count} ${summary.pausesBetweenCalls.count === 1 ? 'pause' : 'pauses'} of power dialing · apart from talk time`,
    },
  ];
}

/** Speed to lead's note, as the floor words it: p90 to the first dial, the median to the first contact, how many requests. */
export function speedNote(speed: CallingSummary['speedToLead'], when = ''): string {
  return `median to first dial, p90 ${waitTime(speed.toDial.p90Ms)}; to contact ${waitTime(speed.toContact.medianMs)}; ${speed.requests} ${speed.requests === 1 ? 'request' : 'requests'}${when && ` ${when}`}`;
}

/** The hours worth drawing: the working day, widened to every hour that had a dial. */
export function hourSpan(callsByHour: number[]): [first: number, last: number] {
  const first = callsByHour.findIndex((n) => n > 0);
  if (first === -1) return [8, 19];
  const last = callsByHour.length - 1 - [...callsByHour].reverse().findIndex((n) => n > 0);
  return [Math.min(first, 8), Math.max(last, 19)];
}

export const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

type TeamFigures = TeamSummary['total'];

/** A team summary's columns: each rep's row and the team's read the same. */
export const TEAM_COLUMNS: [label: string, value: (s: TeamFigures) => string][] = [
  ['Dials', (s) => String(s.dials)],
  ['Contacts', (s) => String(s.contacts)],
  ['Contact rate', (s) => percent(s.contactRate)],
  ['Conversations', (s) => String(s.conversations)],
  ['Qualified (SQL)', (s) => String(s.qualified)],
  ['Callbacks kept', (s) => `${s.callbacks.keptOnTime}/${s.callbacks.set}`],
  ['Do-not-call added', (s) => String(s.dncAdded)],
  // Merged from reps' files, the team's median is unknown (—): a median cannot be rebuilt from medians.
  ['Speed to lead', (s) => waitTime(s.speedToLead.toDial.medianMs)],
];

/** The days a summary covers on its own clock: "2026-11-23", or "2026-11-23 to 2026-11-27". */
export function scopeDays(scope: CallingSummary['scope']): string {
  const { first, last } = zonedDays(scope.from, scope.to, scope.timeZone);
  return first === last ? first : `${first} to ${last}`;
}

/**
 * A summary's file name, without extension: whose and which days, so that several reps' files
 * sit side by side in one folder (each store numbers its sessions from 1).
 */
export function summaryFileName(scope: CallingSummary['scope']): string {
  const slug = (scope.rep ?? '')
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 40);
  const rep = slug ? `-${slug}` : '';
  if (scope.sessionId !== null) return `nextcall-session-${scope.sessionId}${rep}`;
  const { first, last } = zonedDays(scope.from, scope.to, scope.timeZone);
  return `nextcall-summary${rep}-${first === last ? first : `${first}-to-${last}`}`;
}

/** The days a team summary covers: one period when every rep's is the same, else each rep's (a mix worth seeing). */
export function teamDays(team: TeamSummary): string {
  const periods = team.reps.map((r) => ({ rep: r.rep, days: r.summary.scope.sessionId !== null ? `session #${r.summary.scope.sessionId}, ${scopeDays(r.summary.scope)}` : scopeDays(r.summary.scope) }));
  const distinct = new Set(periods.map((p) => p.days));
  if (distinct.size === 0) return 'a period in which no rep called';
  return distinct.size === 1 ? periods[0]!.days : `different periods: ${periods.map((p) => `${p.rep} ${p.days}`).join('; ')}`;
}

/**
 * A call as the figures count it, with the store's column names: whether it counts as an
 * attempt, whether its disposition says a person answered, the stages either side, the script's
 * answers, and whether it booked a callback. Every figure of calls (a session's live strip, a
 * summary, the live floor) counts through `callFigures`, so a dial means one thing everywhere.
 */
export interface CountedCall {
  counts_as_attempt: number;
  contact: number;
  stage_before: string;
  stage_after: string;
  answers: string | null;
  set_callback: number;
}

export const isDial = (c: CountedCall) => c.counts_as_attempt === 1;
export const isContact = (c: CountedCall) => c.contact === 1;
/** A contact that went somewhere: the stage moved, the script was answered, or a callback was booked. */
export const isConversation = (c: CountedCall) => isContact(c) && (c.stage_after !== c.stage_before || (c.answers !== null && c.answers !== '{}') || c.set_callback === 1);
/** The call made the lead a sales-qualified lead. */
export const isQualified = (c: CountedCall) => c.stage_after === 'SQL' && c.stage_before !== 'SQL';

export interface CallFigures {
  dials: number;
  contacts: number;
  conversations: number;
  qualified: number;
}

export function callFigures(calls: readonly CountedCall[]): CallFigures {
  const figures: CallFigures = { dials: 0, contacts: 0, conversations: 0, qualified: 0 };
  for (const c of calls) {
    if (isDial(c)) figures.dials++;
    if (isContact(c)) figures.contacts++;
    if (isConversation(c)) figures.conversations++;
    if (isQualified(c)) figures.qualified++;
  }
  return figures;
}

/** Speed to lead as the floor writes it: seconds while it is under a minute (a hand-raiser called in 40 s), then minutes. */
export const waitTime = (ms: number | null) => (ms === null ? '—' : ms < MINUTE_MS ? `${Math.round(ms / SECOND_MS)} s` : minutes(ms / MINUTE_MS));
