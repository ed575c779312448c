import type { MethodName } from '../../../shared/api.ts';
import { mayCall } from '../../../shared/method-roles.ts';
import { TEAM_METHODS } from '../../../shared/team-methods.ts';
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

/**
 * Whether the person signed in may make this call: their role may (shared/method-roles.ts) and the
 * team server serves it (shared/team-methods.ts). The console leaves out what would only be
 * refused. Working alone, nobody is signed in: everything.
 */
export const selectMay = (method: MethodName) => (s: AppState) => {
  const role = s.signInState?.person?.role;
  return role === undefined || (mayCall(method, role) && TEAM_METHODS.has(method));
};
