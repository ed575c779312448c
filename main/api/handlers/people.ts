import { ApiError } from '../../../shared/api-error.ts';
import { currentCaller, type Caller } from '../../people/caller.ts';
import { listAccounts } from '../../people/accounts.ts';
import { signIn, signOut } from '../../people/sign-in.ts';
import { leaveConsole } from '../../sessions/console-access.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

/** A rep alone has no accounts: only the team server, which makes a caller for each request, signs people in. */
function teamCaller(what = 'Signing in is'): Caller {
  const caller = currentCaller();
  if (!caller) throw new ApiError('invalid-input', `${what} for a team server: this console works alone, with no account.`);
  return caller;
}

export function peopleHandlers({ core }: HandlerContext): HandlersOf<'people'> {
  const { store, clock } = core;
  return {
    'people.signIn': async ({ name, password }) => {
      const caller = teamCaller();
      const signedIn = await signIn(store, clock.now(), { name, password, address: caller.address });
      caller.startSession(signedIn.token, Date.parse(signedIn.expiresAt));
      const { id, name: accountName, role } = signedIn.account;
      return { person: { id, name: accountName, role }, expiresAt: signedIn.expiresAt };
    },
    'people.signOut': async ({ consoleId }) => {
      const caller = teamCaller();
      const token = caller.token;
      // Signed out whatever leaving the console meets: whoever asked to go is never kept in.
      try {
        if (token && consoleId !== undefined) await leaveConsole(store, consoleId, clock.now());
      } finally {
        if (token) await signOut(store, token);
        caller.endSession();
      }
      return { signedOut: true };
    },
    'people.me': () => {
      const caller = currentCaller();
      return { signInRequired: caller !== null, person: caller?.person ?? null };
    },
    'people.list': async () => {
      teamCaller('A team’s accounts are');
      return (await listAccounts(store)).map(({ id, name, role }) => ({ id, name, role }));
    },
  };
}
