import type { StateCreator } from 'zustand/vanilla';
import type { TeamMembership } from '../../../shared/api/team-server.ts';
import type { AppState, StoreDeps } from './app-store.ts';

/** Settings → Team, to a signed-in rep whose sign-in this computer cannot keep across a restart. */
export const SIGN_IN_NOT_KEPT = 'This computer has no keychain Nextcall can use: you will sign in again after Nextcall restarts.';

export interface TeamMembershipSlice {
  /**
   * This console's team server as its own main process keeps it; null while asking, and also
   * where the page is the team server's own (which has no such choice and refuses the question).
   */
  teamMembership: TeamMembership | null;
  loadTeamMembership(): Promise<void>;
}

export const createTeamMembershipSlice =
  ({ client }: StoreDeps): StateCreator<AppState, [], [], TeamMembershipSlice> =>
  (set) => ({
    teamMembership: null,
    async loadTeamMembership() {
      try {
        set({ teamMembership: await client.call('teamServer.status', {}) });
      } catch {
        set({ teamMembership: null });
      }
    },
  });

/**
 * What Settings → Team says of the sign-in outliving a restart: a sentence only where a rep's
 * would be kept but this computer has no keychain to seal it. A team lead's or admin's is never
 * kept on a rep's computer, keychain or not, and the web host keeps none by design: nothing then.
 */
export function signInNotKept(state: Pick<AppState, 'teamMembership' | 'signInState'>): string | null {
  return state.teamMembership?.signInKept === 'no-keychain' && state.signInState?.person?.role === 'rep' ? SIGN_IN_NOT_KEPT : null;
}
