import { randomUUID } from 'node:crypto';
import type { EventHub } from '../api/event-hub.ts';
import type { Clock } from '../clock.ts';
import { nextOwnerWindowEnd } from '../queue/list-access.ts';
import type { Store } from '../store/seam/store.ts';
import { MINUTE_MS, SECOND_MS } from '../../shared/time-units.ts';

/** The channel on which a process that woke at an owner window's end says it will announce it. */
export const OWNER_WINDOW_CHANNEL = 'nextcall_owner_windows';
/** Ends this close to the last one announced wait and go together: leads arriving a second apart make no stream of announcements. */
export const OWNER_WINDOW_GAP_MS = SECOND_MS;
/**
 * How long past the end a process wakes: a timer may fire a little early, and another process's
 * clock may be a little behind this one's (the one that announces must not be ahead of the one a
 * console asks, or the console would ask while the lead is still held there).
 */
const MARGIN_MS = 250;
/** The longest a process sleeps without reading again (a rep added to the team may own leads already waiting). */
const LONGEST_SLEEP_MS = MINUTE_MS;
/** After a failed read (the database away for a moment), the next try. */
const RETRY_MS = 5 * SECOND_MS;
/** How long an end's claim is remembered (claims for it arrive within moments of each other). */
const REMEMBER_MS = 10 * MINUTE_MS;
/** Changes that may start an owner window or move one (a disposition only takes leads out). */
const MAY_START_A_WINDOW: ReadonlySet<string> = new Set(['import', 'edit', 'elsewhere', 'restore', 'inbound', 'lists']);

/**
 * Tells every console when a lead's owner window ends (main/queue/list-access.ts): until then the
 * lead is held for its owner; from then on every rep's counts include it and an idle console can
 * take it, but nothing else would say so. Each team server process reads from the database when
 * the next window ends, sleeps until then, and announces `store.changed` (reason 'owner-window')
 * through the processes' LISTEN/NOTIFY relay (team-events.ts); every console hears it and asks
 * the queue again. A process reads again whenever any process announces a change that may start a
 * window, and at least every minute. Nothing one process needs is kept in another's memory.
 *
 * One announcement per end, however many processes: each that wakes at an end claims it with a
 * NOTIFY on OWNER_WINDOW_CHANNEL; PostgreSQL delivers notifications to every listener in the
 * order they were committed, so all processes hear the same first claim, and only its sender
 * announces. Returns the stop.
 */
export async function announceOwnerWindowEnds(store: Store, clock: Clock, events: EventHub, log: (line: string) => void): Promise<() => Promise<void>> {
  const me = randomUUID();
  /** End → the process whose claim was heard first. */
  const claimed = new Map<number, string>();
  let lastEnd = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let reading = false;
  let readAgain = false;

  const sleep = (ms: number, then: () => void) => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(then, Math.max(0, ms));
    timer.unref();
  };
  const failed = (what: string) => (error: unknown) => log(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  const wake = (end: number) => {
    lastEnd = Math.max(lastEnd, end);
    if (!claimed.has(end)) store.notify(OWNER_WINDOW_CHANNEL, JSON.stringify({ end, by: me })).catch(failed('Could not claim the end of an owner window'));
    void read();
  };
  const read = async (): Promise<void> => {
    if (reading) return void (readAgain = true);
    reading = true;
    try {
      const now = clock.now();
      const end = await nextOwnerWindowEnd(store, now);
      const at = end === null ? Infinity : Math.max(end, lastEnd + OWNER_WINDOW_GAP_MS);
      if (end === null || at - now > LONGEST_SLEEP_MS) sleep(LONGEST_SLEEP_MS, () => void read());
      else sleep(at - now + MARGIN_MS, () => wake(end));
    } catch (error) {
      failed('Could not read when the next owner window ends')(error);
      sleep(RETRY_MS, () => void read());
    } finally {
      reading = false;
      if (readAgain) {
        readAgain = false;
        void read();
      }
    }
  };

  const stopListening = await store.listen(OWNER_WINDOW_CHANNEL, (text) => {
    const claim = parseClaim(text);
    if (!claim || claimed.has(claim.end)) return;
    claimed.set(claim.end, claim.by);
    lastEnd = Math.max(lastEnd, claim.end);
    for (const end of claimed.keys()) if (end < claim.end - REMEMBER_MS) claimed.delete(end);
    if (claim.by === me) events.emit('store.changed', { reason: 'owner-window' });
  });
  const unsubscribe = events.subscribe((event, payload) => {
    if (event === 'store.changed' && MAY_START_A_WINDOW.has((payload as { reason: string }).reason)) void read();
  });
  void read();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
    await stopListening();
  };
}

function parseClaim(text: string): { end: number; by: string } | null {
  try {
    const { end, by } = JSON.parse(text) as { end?: unknown; by?: unknown };
    return typeof end === 'number' && typeof by === 'string' ? { end, by } : null;
  } catch {
    return null;
  }
}
