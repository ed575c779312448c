import { ApiError } from '../../../shared/api-error.ts';
import type { TeamMembership } from '../../../shared/api/team-server.ts';
import { membership, type ChosenTeam } from '../../joining/membership.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function teamServerHandlers({ core, edges }: HandlerContext): HandlersOf<'teamServer'> {
  const chosen = membership(core.prefs);
  // No sign-in outlives a restart unless the shell keeps one and says so (the desktop app's keychain).
  const answer = (team: ChosenTeam): TeamMembership => ({ ...team, signInKept: edges.signInKept?.() ?? 'memory' });
  return {
    'teamServer.status': () => answer(chosen.read()),
    'teamServer.join': ({ address }) => answer(chosen.join(address)),
    'teamServer.leave': () => answer(chosen.leave()),
    // Joined, the shell's door (joined-dispatch.ts) reads the store and sends it on; here there is no team to take it.
    'teamServer.uploadStore': () => {
      throw new ApiError('invalid-input', chosen.read().address ? 'This console cannot read a store of its own to upload.' : 'Join a team first (Settings → Team, then sign in): this computer’s store is uploaded into a team.');
    },
  };
}
