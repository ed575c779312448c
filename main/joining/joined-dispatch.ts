import { api, isMethodName } from '../../shared/api.ts';
import { ApiError } from '../../shared/api-error.ts';
import type { Envelope } from '../../shared/bridge.ts';
import { MINUTE_MS } from '../../shared/time-units.ts';
import type { Dispatch } from '../api/dispatch.ts';
import type { ExportSink } from '../leads/export-leads.ts';
import type { Membership } from './membership.ts';
import { requestedFormat, saveRelayedExport } from './relayed-export.ts';
import { patientFetch } from './patient-fetch.ts';
import { teamRelay, type RelayOptions, type TeamRelay } from './team-relay.ts';

/**
 * The shell's one door once a console may join a team: the `teamServer.*` methods (which team,
 * if any) are always this console's own; every other call goes to the local store when working
 * alone, and to the chosen team server when joined. The relay, and with it the session and the
 * team's event stream (given `options.events`), is made afresh for each address: joining another
 * team, or working alone, forgets the last session (the one kept on disk too, `options.kept`) and
 * stops its events.
 *
 * `teamServer.uploadStore`, joined: main reads this computer's store (`options.localStore`, given
 * by a shell that has one) and sends its bytes on as the team server's `leads.uploadStore`.
 */
export function joinedDispatch(local: Dispatch, chosen: Pick<Membership, 'read'>, { localStore, ...options }: JoinOptions = {}): Dispatch {
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
  const uploadStore = async (address: string, input: unknown): Promise<Envelope<unknown>> => {
    const parsed = api['teamServer.uploadStore'].input.safeParse(input ?? {});
    // The local dispatcher says what is wrong with the input, in its words.
    if (!parsed.success || !localStore) return local('teamServer.uploadStore', input);
    let bytes: Uint8Array;
    try {
      bytes = await localStore();
    } catch (error) {
      const failure = error instanceof ApiError ? error.toFailure() : { code: 'internal' as const, message: `Nextcall could not read this computer’s store to upload it (${(error as Error).message}). Nothing was uploaded.` };
      return { ok: false, error: failure };
    }
    // Reading the store took a while: the console may have left the team or joined another since.
    if (current() !== address) {
      return { ok: false, error: { code: 'conflict', message: `This console left the team at ${address} while its store was being read: nothing was sent. Upload again from Settings → Team.` } };
    }
    relay ??= teamRelay(address, options);
    return relay.call('leads.uploadStore', { ...parsed.data, data: Buffer.from(bytes).toString('base64') }, {
      timeoutMs: UPLOAD_TIMEOUT_MS,
      fetch: options.fetch ?? patientFetch,
      // A dry run changes nothing, answered or not; an upload whose answer is lost may have landed.
      ...(parsed.data.dryRun ? {} : { unanswered: unansweredUpload(address) }),
    });
  };
  return async (method, input) => {
    if (method === 'teamServer.uploadStore') {
      const address = current();
      return address ? uploadStore(address, input) : local(method, input);
    }
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

export interface JoinOptions extends RelayOptions {
  /** A consistent copy of this computer's store (store-snapshot.ts): the shells that keep one give it. */
  localStore?: () => Promise<Uint8Array>;
  /** The desktop app's save dialog: a lead export the team server answers with the file goes there (relayed-export.ts). */
  saveExport?: ExportSink;
}

const unansweredUpload = (address: string) =>
  `No answer came from the team server at ${address} (the network, or more than 30 minutes): the upload may have landed in the team or not. Do a dry run again: its report counts what the team already has (a call already in the team is never copied twice), and uploading again adds only what is missing.`;

/**
 * An upload waits for the team server's whole transaction (seconds for 10,000 leads, docs/TEAM.md;
 * far longer for a large store on a busy database): given up sooner, the console would call
 * failed an upload that then lands.
 */
const UPLOAD_TIMEOUT_MS = 30 * MINUTE_MS;
