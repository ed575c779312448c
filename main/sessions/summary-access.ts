import { ApiError } from '../../shared/api-error.ts';
import { repKey } from '../floor/rep-states.ts';
import { hasRole } from '../../shared/method-roles.ts';
import { currentCaller } from '../people/caller.ts';
import type { Queryable } from '../store/seam/store.ts';
import type { SummaryScope } from './summary.ts';

/**
 * Whose figures the caller may read. On the team server a rep may ask for summaries
 * (METHOD_ROLES), but only of their own calls: a range that names them, a session of theirs.
 * Everyone's figures and another rep's are a team lead's. Alone (the desktop app, the web host,
 * the CLI) there is no caller, and no limit: the store is the rep's own.
 */
export function signedInRep(): string | null {
  return signedInRepAccount()?.name ?? null;
}

/** The same person's account (its id keys what they recorded, recordings.ts). */
export function signedInRepAccount() {
  const person = currentCaller()?.person ?? null;
  return person && !hasRole(person, 'team-lead') ? person : null;
}

export async function checkOwnFigures(q: Queryable, scope: SummaryScope): Promise<void> {
  const me = signedInRep();
  if (me === null) return;
  // A session that does not exist is left for the summary to say so.
  const whose = 'sessionId' in scope ? (await q.one<{ rep: string | null }>('SELECT rep FROM sessions WHERE id = ?', [scope.sessionId]))?.rep : (scope.rep ?? null);
  if (whose === undefined || (whose !== null && repKey(whose) === repKey(me))) return;
  const asked = 'sessionId' in scope ? `session #${scope.sessionId} is not yours` : whose === null ? 'you asked for everyone’s calls' : `you asked for ${whose}’s calls`;
  throw new ApiError('forbidden', `A rep reads their own figures only, and ${asked}: choose your own name (${me}). Everyone’s figures are a team lead’s to read.`);
}

/** The reps whose summaries the caller may choose: a rep on the team server, only themselves. */
export function repsToChoose(reps: string[]): string[] {
  const me = signedInRep();
  return me === null ? reps : [me];
}
