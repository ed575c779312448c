import type { StateCreator } from 'zustand/vanilla';
import { ApiError } from '../../../shared/api-error.ts';
import type { SignInState } from '../../../shared/people.ts';
import { messageOf } from './error-message.ts';
import type { AppState, StoreDeps } from './app-store.ts';

/** Asked of a page the solo web host served without its link: the host refuses every call. */
const NEEDS_THE_LINK = 'This page needs the link the web host printed (it carries a token). Run npm run serve and open that link.';

/**
 * Who is signed in. On the team server the console starts at the sign-in screen; a rep alone
 * (desktop app, solo web host) never sees it. The session itself is an HttpOnly cookie the page
 * cannot read: the console only ever knows the person, as the host tells it.
 */
export interface PeopleSlice {
  /** Null until the host has answered. */
  signInState: SignInState | null;
  /** Why the host could not be asked (the console cannot start). */
  connectProblem: string | null;
  /** The last sign-in's refusal, as a sentence (a wrong password, too many attempts). */
  signInProblem: string | null;
  signingIn: boolean;
  checkSignIn(): Promise<void>;
  /** True once signed in. */
  signIn(name: string, password: string): Promise<boolean>;
  /** True once signed out. */
  signOut(): Promise<boolean>;
  /** The host refused a call for want of a sign-in: back to the sign-in screen, if this console had one. */
  sessionEnded(): void;
}

export const createPeopleSlice =
  ({ client, consoleId }: StoreDeps): StateCreator<AppState, [], [], PeopleSlice> =>
  (set, get) => ({
    signInState: null,
    connectProblem: null,
    signInProblem: null,
    signingIn: false,
    async checkSignIn() {
      try {
        set({ signInState: await client.call('people.me', {}), connectProblem: null });
      } catch (error) {
        set({ connectProblem: error instanceof ApiError && error.code === 'unauthorized' ? NEEDS_THE_LINK : messageOf(error) });
      }
    },
    async signIn(name, password) {
      const missing = !name.trim() ? 'Type your account name.' : !password ? 'Type your password.' : null;
      if (missing) {
        set({ signInProblem: missing });
        return false;
      }
      set({ signingIn: true, signInProblem: null });
      try {
        const { person } = await client.call('people.signIn', { name, password });
        set({ signInState: { signInRequired: true, person }, signingIn: false });
        return true;
      } catch (error) {
        set({ signInProblem: messageOf(error), signingIn: false });
        return false;
      }
    },
    async signOut() {
      const done = await get().withErrorNotice(() => client.call('people.signOut', { consoleId }));
      if (!done) return false;
      set({ signInState: { signInRequired: true, person: null }, signInProblem: null });
      return true;
    },
    sessionEnded() {
      // A rep alone has no session to end (the solo host's refusal is connectProblem's).
      if (!get().signInState?.person) return;
      set({ signInState: { signInRequired: true, person: null }, signInProblem: 'Your session has ended: sign in again. Notes you were typing are kept.' });
    },
  });
