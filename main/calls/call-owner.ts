import { ApiError } from '../../shared/api-error.ts';
import { repKey } from '../floor/rep-states.ts';
import { signedInRep } from '../sessions/summary-access.ts';
import type { Queryable } from '../store/seam/store.ts';

/**
 * A rep on the team server undoes only the calls they logged: another rep's call, known by its
 * id, is refused with a sentence (a call that is not there is left for the undo to say so). A
 * team lead may undo any; alone, the calls are all the rep's own.
 */
export async function checkOwnCall(q: Queryable, callId: number): Promise<void> {
  const me = signedInRep();
  if (me === null) return;
  const call = await q.one<{ rep: string | null }>('SELECT rep FROM calls WHERE id = ?', [callId]);
  if (call && repKey(call.rep) !== repKey(me)) throw new ApiError('forbidden', `Call #${callId} was logged by another rep: you can undo only your own calls.`);
}
