import { isMethodName } from '../../shared/api.ts';
import { ApiError, type ApiFailure } from '../../shared/api-error.ts';
import type { Envelope } from '../../shared/bridge.ts';
import type { Person } from '../../shared/people.ts';
import type { Dispatch } from '../api/dispatch.ts';
import type { Clock } from '../clock.ts';
import { runAsCaller } from '../people/caller.ts';
import { checkAccess } from '../people/method-roles.ts';
import { signedInAccount } from '../people/sign-in.ts';
import type { Store } from '../store/seam/store.ts';
import { notOnTeamServer, TEAM_METHODS } from '../../shared/team-methods.ts';

/** One API call as it reached the team server: untrusted method and input, the session cookie's token, the client. */
export interface TeamCall {
  method: unknown;
  input: unknown;
  token: string | null;
  address: string;
}

/** What the host sends back, and what to do with the session cookie. */
export interface TeamAnswer {
  envelope: Envelope<unknown>;
  session?: { token: string; expiresAt: number } | 'end';
}

/**
 * The team server's one door, in front of the dispatcher: who is calling (the sign-in session
 * the cookie names, looked up in the database, so any process accepts it), whether their role may
 * make this call (method-roles.ts), whether the team server serves it yet (team-methods.ts); only
 * then is the input validated and the handler run, with the caller in its async context.
 */
export function teamDoor(store: Store, clock: Clock, dispatch: Dispatch, log: (error: unknown) => void): (call: TeamCall) => Promise<TeamAnswer> {
  return async ({ method, input, token, address }) => {
    if (!isMethodName(method)) return dispatch(method, input).then((envelope) => ({ envelope }));
    let person: Person | null;
    try {
      person = token ? toPerson(await signedInAccount(store, clock.now(), token)) : null;
      checkAccess(method, person);
      if (!TEAM_METHODS.has(method)) throw new ApiError('unknown-method', notOnTeamServer(method));
    } catch (error) {
      if (error instanceof ApiError) return { envelope: refusal(error.toFailure()) };
      log(error);
      return { envelope: refusal({ code: 'internal', message: 'The team server could not check who is signed in. The details are in its log.' }) };
    }
    const answer: TeamAnswer = { envelope: { ok: false, error: { code: 'internal', message: '' } } };
    const caller = {
      person,
      address,
      token,
      startSession: (newToken: string, expiresAt: number) => void (answer.session = { token: newToken, expiresAt }),
      endSession: () => void (answer.session = 'end'),
    };
    answer.envelope = await runAsCaller(caller, () => dispatch(method, input));
    // A session the handler started or ended counts only if the call succeeded as a whole.
    if (!answer.envelope.ok) delete answer.session;
    return answer;
  };
}

function toPerson(account: { id: number; name: string; role: Person['role'] } | null): Person | null {
  return account ? { id: account.id, name: account.name, role: account.role } : null;
}

function refusal(error: ApiFailure): Envelope<never> {
  return { ok: false, error };
}
