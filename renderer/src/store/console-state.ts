import type { AppState } from './app-store.ts';

/** Questions about the console's state that several slices ask; pure, over the store's state. */

/** Nothing running on the lead on screen: no dial, no call, no disposition on its way or waiting for a time or a reason. */
export function isBetweenCalls(s: AppState): boolean {
  return !s.dialedAt && !s.phoneCall && !s.loggingCall && !s.askingTime && !s.askingReason;
}

/** The floor is open and the console holds no lead: it asks the queue for none until the floor closes (panel-slice.ts). */
export function isStandingBy(s: AppState): boolean {
  return s.panel === 'floor' && !s.snapshot?.next;
}
