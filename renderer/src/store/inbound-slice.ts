import type { StateCreator } from 'zustand/vanilla';
import type { InboundArrival } from '../../../shared/events.ts';
import type { AppState, StoreDeps } from './app-store.ts';
import { isBetweenCalls, isStandingBy } from './console-state.ts';

/** The least time between two of a console's questions to the queue about arrivals (a burst's). */
export const REASK_GAP_MS = 1_000;

/** How many call requests stay on screen at once (the newest); more are counted, not listed. */
export const CALL_REQUESTS_SHOWN = 3;

export interface InboundSlice {
  /** Call requests that arrived while this console was open, newest first, until the rep dismisses them. */
  callRequests: InboundArrival[];
  /** How many arrived beyond those listed. */
  callRequestsMore: number;
  dismissCallRequest(leadId: number): void;
  /**
   * Follows inbound webhooks (main/inbound/): each arrival is announced, and the console asks the
   * queue again — between calls, the new hand-raiser may take the place of the lead on screen;
   * with a call running or being logged, only the counts change. Returns the unsubscribe.
   */
  followInbound(): () => void;
}

export const createInboundSlice =
  ({ client, consoleId }: StoreDeps): StateCreator<AppState, [], [], InboundSlice> =>
  (set, get) => {
    // A burst of arrivals makes one question in flight and at most one more after it, not one each,
    // and the next no sooner than REASK_GAP_MS after the last began: the first arrival is asked
    // about at once, a hundred more in a second cost each console one more question, not a stream.
    let asking: Promise<void> | null = null;
    let askAgain = false;
    let askedAt = -Infinity;
    const reconsider = async (): Promise<void> => {
      if (isStandingBy(get())) return;
      if (!isBetweenCalls(get())) return get().refreshQueue();
      const fresh = await get().withErrorNotice(() => client.call('queue.next', { consoleId, reconsider: true }));
      // The rep dialled or pressed a key while the question was out: the lead on screen stays.
      if (!fresh) return;
      if (isBetweenCalls(get())) get().showSnapshot(fresh);
      else await get().refreshQueue();
    };
    const askQueue = () => {
      if (asking) {
        askAgain = true;
        return;
      }
      askedAt = Date.now();
      asking = reconsider().finally(async () => {
        if (askAgain) {
          askAgain = false;
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, askedAt + REASK_GAP_MS - Date.now())));
          asking = null;
          askQueue();
        } else asking = null;
      });
    };
    return {
      callRequests: [],
      callRequestsMore: 0,
      dismissCallRequest: (leadId) => set((s) => ({ callRequests: s.callRequests.filter((r) => r.leadId !== leadId) })),
      followInbound: () =>
        client.on('inbound.arrived', (arrival) => {
          set((s) => {
            const all = [arrival, ...s.callRequests.filter((r) => r.leadId !== arrival.leadId)];
            return { callRequests: all.slice(0, CALL_REQUESTS_SHOWN), callRequestsMore: s.callRequestsMore + Math.max(0, all.length - CALL_REQUESTS_SHOWN) };
          });
          askQueue();
        }),
    };
  };
