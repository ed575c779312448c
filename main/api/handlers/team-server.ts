import { membership } from '../../joining/membership.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function teamServerHandlers({ core }: HandlerContext): HandlersOf<'teamServer'> {
  const chosen = membership(core.prefs);
  return {
    'teamServer.status': () => chosen.read(),
    'teamServer.join': ({ address }) => chosen.join(address),
    'teamServer.leave': () => chosen.leave(),
  };
}
