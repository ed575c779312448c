import { isMethodName } from '../../shared/api.ts';
import type { Dispatch } from '../api/dispatch.ts';
import type { Membership } from './membership.ts';
import { teamRelay, type RelayOptions, type TeamRelay } from './team-relay.ts';

/**
 * The shell's one door once a console may join a team: the `teamServer.*` methods (which team,
 * if any) are always this console's own; every other call goes to the local store when working
 * alone, and to the chosen team server when joined. The relay, and with it the session, is made
 * afresh for each address: joining another team, or working alone, forgets the last session.
 */
export function joinedDispatch(local: Dispatch, chosen: Pick<Membership, 'read'>, options: RelayOptions = {}): Dispatch {
  let relay: TeamRelay | null = null;
  return async (method, input) => {
    if (typeof method === 'string' && method.startsWith('teamServer.')) return local(method, input);
    const { address } = chosen.read();
    if (relay && relay.address !== address) {
      relay.forget();
      relay = null;
    }
    if (!address) return local(method, input);
    // An unknown name is refused by the local dispatcher, with its sentence; it never reaches a URL.
    if (!isMethodName(method)) return local(method, input);
    relay ??= teamRelay(address, options);
    return relay.call(method, input);
  };
}
