/**
 * A summary of calling: for one session, or a rep and a date range. The JSON export is this
 * object; `schemaVersion` changes whenever a field changes meaning or goes away.
 *
 * Definitions: a *dial* is a call that counts as an attempt; a *contact* a call whose disposition
 * says a person answered; a *conversation* a contact that moved the stage, answered the script or
 * booked a callback. Times are ISO instants; hours of the day are in `scope.timeZone`.
 */
export const SUMMARY_SCHEMA_VERSION = 1;

export interface CallingSummary {
  schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  scope: { sessionId: number | null; rep: string | null; from: string; to: string; timeZone: string; listName: string | null };
  calls: number;
  dials: number;
  contacts: number;
  conversations: number;
  qualified: number;
  /** contacts / dials, 0 to 1. */
  contactRate: number;
  dispositions: { code: string; label: string; count: number; share: number }[];
  /** Stage moves made by the calls in scope, most frequent first. */
  funnel: { from: string; to: string; count: number }[];
  /** The list's leads (every lead when no list): attempted at all, and never reached, up to `scope.to`. */
  coverage: { leads: number; attempted: number; neverContacted: number; neverContactedShare: number };
  /** From a lead's creation (or its latest request for a call) to its first attempt, for first attempts in scope. */
  speedToLead: { leads: number; medianMinutes: number | null; p90Minutes: number | null };
  /** Attempts it took to reach a lead, for first contacts in scope. */
  attemptsToFirstContact: { leads: number; average: number | null };
  /** Callbacks booked in scope; kept on time (within 15 minutes of the time promised), or missed. */
  callbacks: { set: number; keptOnTime: number; missed: number };
  dncAdded: number;
  handoffs: { leadId: number; leadName: string; at: string; why: string }[];
  /** Dials per hour of the day, 0 to 23, in `scope.timeZone`. */
  callsByHour: number[];
}
