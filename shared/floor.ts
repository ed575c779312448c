import type { CallFigures } from './summary-figures.ts';

/**
 * The live floor: what a team lead reads on the wall screen. Every figure is "today", from the
 * team's midnight (`timeZone`) to `at`; dials, contacts, conversations and SQLs count as every
 * summary counts them (shared/summary-figures.ts `callFigures`).
 */

/** What a rep is doing now, most telling first: a rep on a call in one window and paused in another is on a call. */
export type RepState = 'on-call' | 'paused' | 'in-session' | 'idle' | 'signed-out';

/** The state in words, beside its colour on the floor (a colour alone says nothing to some readers). */
export const REP_STATE_WORDS: Readonly<Record<RepState, string>> = {
  'on-call': 'On a call',
  paused: 'Paused',
  'in-session': 'In session',
  idle: 'Not in session',
  'signed-out': 'Signed out',
};

/**
 * Speed to lead, per request for a call: from its arrival (the request's time; the lead's
 * creation for a lead flagged as a hand-raiser without one) to the first dial and to the first
 * contact after it. Median and p90 over the requests of today that got one; those still waiting
 * are counted apart, so a slow morning cannot hide behind the requests not yet answered.
 */
export interface SpeedToLead {
  requests: number;
  toDial: WaitFigures;
  toContact: WaitFigures;
}

export interface WaitFigures {
  /** Requests that got it (a dial, a contact). */
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
}

export interface FloorRep {
  /** The name on the rep's calls and sessions (their account's name on a team); null for calls logged without a name. */
  rep: string | null;
  /** Whether the rep is signed in; null on a rep's own store, which has no accounts. */
  signedIn: boolean | null;
  state: RepState;
  /** Since when: the dial of the call they are on, the pause, the session's start. */
  since: string | null;
  /** The list of the rep's open session. */
  listName: string | null;
  today: CallFigures;
  /** The requests whose first dial (first contact) this rep made. */
  speedToLead: Omit<SpeedToLead, 'requests'>;
}

export interface FloorView {
  /** The instant the figures were read. */
  at: string;
  timeZone: string;
  /** Today's start in `timeZone`. */
  from: string;
  reps: FloorRep[];
  team: { today: CallFigures; speedToLead: SpeedToLead };
  /** The list's leads (every lead when no list) and those no call has reached yet. */
  coverage: { listName: string | null; leads: number; neverContacted: number; neverContactedShare: number };
  /** Leads whose request for a call no rep has answered yet (a contact answers it), and the longest of those waits. */
  handRaisers: { waiting: number; oldestSince: string | null };
  /**
   * Callbacks still to keep today (due now: their time has come; they are missed 15 minutes
   * after it), and today's missed ones.
   */
  callbacks: { dueToday: number; dueNow: number; missedToday: number };
}
