/** A calling session: a rep working a list for a stretch of time, with its live figures. */
export interface SessionStats {
  /** Calls that count as attempts. */
  dials: number;
  /** Calls where a person answered. */
  contacts: number;
  /** Contacts that went somewhere: a stage moved, the script was answered, or a callback was set. */
  conversations: number;
  /** Leads made SQL. */
  qualified: number;
  /** contacts / dials, 0 to 1; null until the figure means something (see RATES_FROM). */
  contactRate: number | null;
  /** Dials per hour of the session, pauses left out; null until the figure means something. */
  dialsPerHour: number | null;
  /** Seconds on the phone, from dialling to disposition, over the calls where a person answered. */
  talkSeconds: number;
}

/**
 * Pauses between calls (power dialing): the rep held the countdown to the next lead's dial (P),
 * from the pause to its resume, a skip, a dial by hand or power dialing turned off. They are part
 * of the active time (the rep is at work: a note, a breath) and are shown apart from it and from
 * talk time; the session's own pauses (breaks) are left out of the active time instead.
 */
export interface PausesBetweenCalls {
  count: number;
  seconds: number;
  /** One is going on now. */
  going: boolean;
}

export interface CallingSession {
  id: number;
  rep: string | null;
  listName: string | null;
  startedAt: string;
  endedAt: string | null;
  pausedAt: string | null;
  /** Time worked so far, pauses left out, in seconds. */
  activeSeconds: number;
  stats: SessionStats;
  pausesBetweenCalls: PausesBetweenCalls;
}

/**
 * A rate over two minutes or three dials is noise (one dial in 45 s reads as 80 dials/h): the
 * live rates appear once the session has this much behind it, whichever comes first.
 */
export const RATES_FROM = { activeSeconds: 10 * 60, dials: 10 } as const;

/** Talk time to the second: "0:45", "12:07", "1:02:30" (hours and minutes alone read 0:00 for a morning of short calls). */
export function talkClock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const ss = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
