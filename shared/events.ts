/**
 * Pushes from main to the renderer, as a typed map. Kept apart from the method table so the
 * renderer can check event names without bundling the schemas.
 */
export interface ApiEvents {
  /** bytesRead of totalBytes: how far through the file the import is (the wizard's progress bar). */
  'import.progress': { fileName: string; rowsDone: number; rowsPerSecond: number; bytesRead: number; totalBytes: number };
  /**
   * How far the team server is through a store upload (Settings → Team): leads written of all, every
   * 1,000 leads and at the end. Sent to the uploading console's own event stream only (team-host.ts).
   */
  'upload.progress': { leadsDone: number; leadsTotal: number; dryRun: boolean };
  /**
   * 'elsewhere': another process (the CLI) committed to the store; 'restore': a backup replaced it;
   * 'lists': a team lead paused a list, or changed who works it (a console lets its lead go if it is no longer its);
   * 'owner-window': a lead's owner window ended on the team server, so the lead is every rep's now.
   */
  'store.changed': {
    reason: 'import' | 'disposition' | 'edit' | 'elsewhere' | 'restore' | 'inbound' | 'lists' | 'owner-window';
    /** The console whose call made the change, when one did: its answer already carried the result. */
    byConsole?: string;
  };
  /** A console's state on the floor changed (a session started, paused, resumed or ended; a dial placed or let go; someone signed in or out on the team server): the floor reads itself again. */
  'floor.changed': { reason: 'session' | 'dial' | 'sign-in' };
  /** A lead asked for a call through an inbound webhook (main/inbound/): consoles show a notification. */
  'inbound.arrived': InboundArrival;
}

export interface InboundArrival {
  leadId: number;
  name: string;
  company: string | null;
  /** When the lead asked (epoch ms): the notification says how long ago. */
  requestedAt: number;
}

export type EventName = keyof ApiEvents;

const EVENT_NAMES: Record<EventName, true> = { 'import.progress': true, 'upload.progress': true, 'store.changed': true, 'floor.changed': true, 'inbound.arrived': true };

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(EVENT_NAMES, name);
}

/** An event as it arrives from elsewhere (a NOTIFY, a team server's stream): passed on only when the contract knows its name and its payload is an object. */
export function knownEvent(event: unknown, payload: unknown): { event: EventName; payload: object } | null {
  return isEventName(event) && typeof payload === 'object' && payload !== null ? { event, payload } : null;
}
