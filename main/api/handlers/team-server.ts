import { ApiError } from '../../../shared/api-error.ts';
import { membership } from '../../joining/membership.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function teamServerHandlers({ core }: HandlerContext): HandlersOf<'teamServer'> {
  const chosen = membership(core.prefs);
  return {
    'teamServer.status': () => chosen.read(),
    'teamServer.join': ({ address }) => chosen.join(address),
    'teamServer.leave': () => chosen.leave(),
    // Joined, the shell's door (joined-dispatch.ts) reads the store and sends it on; here there is no team to take it.
    'teamServer.uploadStore': () => {
      throw new ApiError('invalid-input', chosen.read().address ? 'This console cannot read a store of its own to upload.' : 'Join a team first (Settings → Team, then sign in): this computer’s store is uploaded into a team.');
    },
  };
}
