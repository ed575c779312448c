import { z } from 'zod';
import { MINUTE_MS } from './time-units.ts';
import { isTimeZone } from './zoned-time.ts';

/**
 * A summary of calling: for one session, or a rep and a date range. The JSON export is this
 * object; `schemaVersion` changes whenever a field changes meaning or goes away. The schema below
 * is the documentation (`npm run cli -- summary-schema` prints it as JSON Schema) and the check a
 * team summary runs on every file it is given.
 *
 * Definitions: a *dial* is a call that counts as an attempt; a *contact* a call whose disposition
 * says a person answered; a *conversation* a contact that moved the stage, answered the script or
 * booked a callback. Times are ISO instants; hours of the day are in `scope.timeZone`.
 *
 * Version 2 measures speed to lead as the live floor does (per request for a call, from its
 * arrival to the first dial and to the first contact, median and p90 in milliseconds). Files of
 * version 1 are still read (`upgradeSummary`).
 */
export const SUMMARY_SCHEMA_VERSION = 2;

const count = z.int().min(0);
const share = z.number().min(0).max(1);
const instant = z.iso.datetime({ offset: true });
const ms = z.number().min(0).nullable();
const waits = z.object({ count: count.describe('Requests that got one.'), medianMs: ms, p90Ms: ms });

export const callingSummarySchema = z
  .object({
    schemaVersion: z.literal(SUMMARY_SCHEMA_VERSION),
    scope: z.object({
      sessionId: z.int().positive().nullable(),
      rep: z.string().max(80).nullable(),
      from: instant,
      to: instant,
      timeZone: z.string().refine(isTimeZone, 'not a time zone').describe('The IANA zone the days and the hours of the day are counted in.'),
      listName: z.string().max(120).nullable(),
    }),
    calls: count,
    dials: count.describe('Calls that count as an attempt.'),
    contacts: count.describe('Calls whose disposition says a person answered.'),
    conversations: count.describe('Contacts that moved the stage, answered the script or booked a callback.'),
    qualified: count.describe('Calls that made the lead a sales-qualified lead (SQL).'),
    contactRate: share.describe('contacts / dials, 0 to 1.'),
    dispositions: z.array(z.object({ code: z.string(), label: z.string(), count, share })),
    funnel: z.array(z.object({ from: z.string(), to: z.string(), count })).describe('Stage moves made by the calls in scope, most frequent first.'),
    coverage: z
      .object({ leads: count, attempted: count, neverContacted: count, neverContactedShare: share })
      .describe("The list's leads (every lead when no list): attempted at all, and never reached, up to scope.to."),
    speedToLead: z
      .object({ requests: count.describe('Requests for a call that arrived in scope (a list: its leads\' requests).'), toDial: waits, toContact: waits })
      .describe(
        "Per request for a call (a call or demo request among the lead's activity, or a hand-raiser's arrival in the store), from its arrival to the first dial and to the first contact after it, both within scope: the live floor's figures (main/floor/today-calls.ts). A rep's summary counts the requests that rep answered first; a session's covers the requests of its day(s), in scope.timeZone, up to its end.",
      ),
    attemptsToFirstContact: z.object({ leads: count, average: z.number().min(1).nullable() }).describe('Attempts it took to reach a lead, for first contacts in scope.'),
    callbacks: z.object({ set: count, keptOnTime: count, missed: count }).describe('Callbacks booked in scope; kept on time (within 15 minutes of the time promised), or missed.'),
    dncAdded: count,
    pausesBetweenCalls: z
      .object({ count, seconds: count })
      .default({ count: 0, seconds: 0 })
      .describe(
        "Power dialing: how often and how long the rep held the countdown to the next dial (P), from the pause to its resume, a skip or a dial by hand; part of the active time, apart from talk time and from the session's own pauses. Sessions in scope (a range: the sessions started in it). Absent from files written before it existed.",
      ),
    // Names and reasons as the store holds them: the file's size (4 MB at most) is the only bound.
    handoffs: z.array(z.object({ leadId: z.int().positive(), leadName: z.string(), at: instant, why: z.string() })),
    callsByHour: z.array(count).length(24).describe('Dials per hour of the day, 0 to 23, in scope.timeZone.'),
    reasons: z
      .array(z.object({ code: z.string(), label: z.string(), reason: z.string(), count }))
      .default([])
      .describe("Why leads were closed: calls per disposition (disqualified, not interested) and reason from the team lead's list; 'Other' holds the rest. Absent from files written before it existed."),
  })
  .meta({ title: 'Nextcall calling summary', description: `Schema version ${SUMMARY_SCHEMA_VERSION}.` });

export type CallingSummary = z.infer<typeof callingSummarySchema>;

/**
 * A summary file of version 1: the same but for speed to lead, measured then from a lead's
 * creation (or its latest request for a call) to its first attempt, in whole minutes.
 */
export const callingSummaryV1Schema = callingSummarySchema.extend({
  schemaVersion: z.literal(1),
  speedToLead: z.object({ leads: count, medianMinutes: z.number().min(0).nullable(), p90Minutes: z.number().min(0).nullable() }),
});

/**
 * A version-1 summary as version 2: its speed to lead is read as the time to the first dial of as
 * many requests (the nearest the old figure comes); the time to the first contact was not measured.
 */
export function upgradeSummary(old: z.infer<typeof callingSummaryV1Schema>): CallingSummary {
  const { leads, medianMinutes, p90Minutes } = old.speedToLead;
  const inMs = (m: number | null) => (m === null ? null : m * MINUTE_MS);
  return {
    ...old,
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    speedToLead: { requests: leads, toDial: { count: leads, medianMs: inMs(medianMinutes), p90Ms: inMs(p90Minutes) }, toContact: { count: 0, medianMs: null, p90Ms: null } },
  };
}

/**
 * Several reps' summaries: each rep as they are, and the team's total. Merged from reps' files,
 * the total leaves out what cannot be added up honestly (coverage of lists that may overlap; speed
 * to lead's medians, which are null there), and has no calls by hour when the reps counted hours
 * on different clocks. Read from a team's store, the total is counted from the calls themselves.
 */
export interface TeamSummary {
  schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  reps: { rep: string; summary: CallingSummary }[];
  /** The zone every summary counted its hours in, or null when they differ. */
  timeZone: string | null;
  total: Omit<CallingSummary, 'scope' | 'coverage' | 'callsByHour'> & { callsByHour: number[] | null };
}
