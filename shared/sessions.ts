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
  /** contacts / dials, 0 to 1. */
  contactRate: number;
  /** Dials per hour of the session, pauses left out. */
  dialsPerHour: number;
  /** Seconds from dialling to disposition, over the contacts. */
  talkSeconds: number;
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
}
