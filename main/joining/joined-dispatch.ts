import { isMethodName } from '../../shared/api.ts';
import type { Dispatch } from '../api/dispatch.ts';
import type { ExportSink } from '../leads/export-leads.ts';
import type { Membership } from './membership.ts';
import { requestedFormat, saveRelayedExport } from './relayed-export.ts';
import { teamRelay, type RelayOptions, type TeamRelay } from './team-relay.ts';

/**
 * The shell's one door once a console may join a team: the `teamServer.*` methods (which team,
 * if any) are always this console's own; every other call goes to the local store when working
 * alone, and to the chosen team server when joined. The relay, and with it the session and the
 * team's event stream (given `options.events`), is made afresh for each address: joining another
 * team, or working alone, forgets the last session (the one kept on disk too, `options.kept`) and
 * stops its events.
 */
export interface JoinedOptions extends RelayOptions {
  /** The desktop app's save dialog: a lead export the team server answers with the file goes there (relayed-export.ts). */
  saveExport?: ExportSink;
}

export function joinedDispatch(local: Dispatch, chosen: Pick<Membership, 'read'>, options: JoinedOptions = {}): Dispatch {
  let relay: TeamRelay | null = null;
  // A session kept for an address this console no longer works through is dropped at start.
  options.kept?.keepOnly(chosen.read().address);
  /** The chosen address, the last session forgotten (and its events stopped) if it is not the relay's. */
  const current = () => {
    const { address } = chosen.read();
    if (relay && relay.address !== address) {
      relay.forget();
      relay = null;
    }
    // Before any call was relayed (just restarted), a session kept on disk is dropped the same way.
    options.kept?.keepOnly(address);
    return address;
  };
  return async (method, input) => {
    if (typeof method === 'string' && method.startsWith('teamServer.')) {
      const answer = await local(method, input);
      // Work alone or another address: the last team's events stop at once, not at the next call.
      current();
      return answer;
    }
    const address = current();
    if (!address) return local(method, input);
    // An unknown name is refused by the local dispatcher, with its sentence; it never reaches a URL.
    if (!isMethodName(method)) return local(method, input);
    relay ??= teamRelay(address, options);
    const answer = await relay.call(method, input);
    return method === 'leads.export' && options.saveExport ? saveRelayedExport(answer, options.saveExport, requestedFormat(input)) : answer;
  };
}
