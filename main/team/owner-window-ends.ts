import type { EventHub } from '../api/event-hub.ts';
import type { Clock } from '../clock.ts';
import { nextOwnerWindowEnd } from '../queue/list-access.ts';
import type { Store } from '../store/seam/store.ts';
import { MINUTE_MS, SECOND_MS } from '../../shared/time-units.ts';

/** Ends this close to the last one announced wait and go together: leads arriving a second apart make no stream of announcements. */
export const OWNER_WINDOW_GAP_MS = SECOND_MS;
/**
 * How long past the end a process wakes: a timer may fire a little early, and a console's request
 * may reach another process, whose clock may be a little behind this one's.
 */
const MARGIN_MS = 250;
/** The longest a process sleeps without reading again (a rep added to the team may own leads already waiting). */
const LONGEST_SLEEP_MS = MINUTE_MS;
/** After a failed read (the database away for a moment), the next try. */
const RETRY_MS = 5 * SECOND_MS;
/** Changes, announced by any process, that may start an owner window or move one (a disposition only takes leads out). */
const MAY_START_A_WINDOW: ReadonlySet<string> = new Set(['import', 'edit', 'elsewhere', 'restore', 'inbound', 'lists']);

/**
 * Tells a team server process's consoles when a lead's owner window ends (main/queue/list-access.ts):
 * until then the lead is held for its owner; from then on every rep's counts include it and an
 * idle console can take it, but nothing else would say so. The process reads from the database
 * when the next window ends, sleeps until then, and calls `announce` (team-core.ts: `store.changed`,
 * reason 'owner-window', to this process's own event streams); every console hears it from the
 * process it is connected to, once, and asks the queue again. The process reads again whenever
 * any process announces a change that may start a window (they reach it by LISTEN/NOTIFY), and at
 * least every minute. Nothing one process needs is kept in another's memory.
 *
 * Why each process tells its own consoles rather than one telling all by NOTIFY: each announces
 * by its own clock, so a console never asks its process before that process's clock says the
 * window is over (two processes' clocks may differ a little; under `--clock`, by up to seconds),
 * and a console hears each end once without the processes agreeing who announces. Returns the stop.
 */
export function announceOwnerWindowEnds(store: Store, clock: Clock, events: EventHub, announce: () => void, log: (line: string) => void): () => void {
  let lastAnnounced = -Infinity;
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
  const read = async (): Promise<void> => {
    if (reading) return void (readAgain = true);
    reading = true;
    try {
      const now = clock.now();
      const end = await nextOwnerWindowEnd(store, now);
      const at = end === null ? Infinity : Math.max(end + MARGIN_MS, lastAnnounced + OWNER_WINDOW_GAP_MS);
      if (at - now > LONGEST_SLEEP_MS) sleep(LONGEST_SLEEP_MS, () => void read());
      else
        sleep(at - now, () => {
          if (stopped) return;
          lastAnnounced = clock.now();
          announce();
          void read();
        });
    } catch (error) {
      log(`Could not read when the next owner window ends: ${error instanceof Error ? error.message : String(error)}`);
      sleep(RETRY_MS, () => void read());
    } finally {
      reading = false;
      if (readAgain) {
        readAgain = false;
        void read();
      }
    }
  };

  const unsubscribe = events.subscribe((event, payload) => {
    if (event === 'store.changed' && MAY_START_A_WINDOW.has((payload as { reason: string }).reason)) void read();
  });
  void read();
  return () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
  };
}
