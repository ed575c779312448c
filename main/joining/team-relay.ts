import { MINUTE_MS } from '../../shared/time-units.ts';
import type { MethodName } from '../../shared/api.ts';
import type { ApiFailure } from '../../shared/api-error.ts';
import type { Envelope } from '../../shared/bridge.ts';
import type { EventHub } from '../api/event-hub.ts';
import type { KeptSession } from './kept-session.ts';
import { sessionJar } from './session-jar.ts';
import { teamEventStream, type StreamOptions } from './team-event-stream.ts';

export interface TeamRelay {
  address: string;
  call(method: MethodName, input: unknown, options?: CallOptions): Promise<Envelope<unknown>>;
  /** Forgets the session (working alone again). */
  forget(): void;
}

/** A call long by nature (a store's upload): its own time limit, its own fetch, its own sentence. */
export interface CallOptions {
  timeoutMs?: number;
  /** The fetch of a call that may outwait Node's fetch (patient-fetch.ts). */
  fetch?: typeof globalThis.fetch;
  /** Said instead of "cannot be reached" when the request went out and no answer came back, where that matters (an upload may have landed). */
  unanswered?: string;
}

export interface RelayOptions extends StreamOptions {
  /** The console's own event hub: while a session is kept, the team server's events are emitted into it. */
  events?: EventHub;
  now?: () => number;
  /** A sign-in is seconds of deliberate hashing on the server; a busy server takes longer. */
  timeoutMs?: number;
  /** Where the session outlives a restart (the desktop app, sealed by the keychain); memory only without. */
  kept?: KeptSession;
}

/**
 * A joined console's calls, made by main on the rep's behalf: the same `POST /api/<method>` the
 * team server's own page sends, with the session cookie main keeps (session-jar.ts). The page
 * never talks to the team server itself, so its Content-Security-Policy, the server's same-origin
 * check and its SameSite=Strict cookie all stay as they are (docs/TEAM.md, "The desktop app in a
 * team"). Only the contract's method names reach the URL, no redirect is followed (the cookie
 * would go with it), and whatever comes back must be an answer of the contract's shape or it is
 * a sentence, never passed on.
 */
export function teamRelay(address: string, { fetch = globalThis.fetch, now = Date.now, timeoutMs = MINUTE_MS, events, backoffMs, kept }: RelayOptions = {}): TeamRelay {
  const jar = sessionJar();
  const overHttps = address.startsWith('https:');
  // A session kept from before a restart is this address's only (kept-session.ts).
  const restored = kept?.read(address, now()) ?? [];
  jar.restore(restored, now());
  /**
   * Whose session the jar holds, as people.signIn and people.me answer: only a rep's outlives a
   * restart. A team lead (or admin) signs in on a rep's computer to upload; left signed in there,
   * theirs must not come back at the next start. What was restored was kept, so a rep's.
   */
  let role: unknown = restored.length ? 'rep' : null;
  const remember = () => kept?.write(address, role === 'rep' ? jar.lasting(now()) : []);
  const forgetSession = () => {
    jar.clear();
    role = null;
    remember();
  };
  /**
   * The server refused the session `sent` (a 401): it ended there, so here and on disk too. A 401
   * answering an older cookie (a call or the event stream sent before a new sign-in) says nothing
   * of the session held now, which stays.
   */
  const ended = (sent: string) => {
    if (jar.header(now(), overHttps) === sent) forgetSession();
  };
  const stream = events ? teamEventStream(address, { cookie: () => jar.header(now(), overHttps), ended }, events, { fetch, backoffMs }) : null;
  const refusal = (message: string): Envelope<never> => ({ ok: false, error: { code: 'internal', message } });

  return {
    address,
    async call(method, input, { timeoutMs: callTimeoutMs = timeoutMs, fetch: callFetch = fetch, unanswered } = {}) {
      const cookie = jar.header(now(), overHttps);
      let response: Response;
      try {
        response = await callFetch(`${address}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
          body: JSON.stringify({ input }),
          redirect: 'error',
          signal: AbortSignal.timeout(callTimeoutMs),
        });
      } catch {
        return refusal(unanswered ?? `The team server at ${address} cannot be reached: check your network, or choose Work alone.`);
      }
      const setCookies = response.headers.getSetCookie();
      jar.take(setCookies, now());
      const answer = await response.json().catch(() => null);
      const wasRole = role;
      if (method === 'people.signIn' && setCookies.length) role = isEnvelope(answer) && answer.ok ? personOf(answer.value)?.role : null;
      else if (method === 'people.me' && isEnvelope(answer) && answer.ok) role = personOf(answer.value)?.role ?? null;
      // A refused sign-in says nothing of the session held; any other 401 means it has ended.
      if (response.status === 401 && cookie && method !== 'people.signIn') ended(cookie);
      else if (setCookies.length || role !== wasRole) remember();
      // Signed in (or still): the team's live events follow; signed out, they stop.
      if (jar.header(now(), overHttps)) stream?.follow();
      else stream?.stop();
      if (!isEnvelope(answer) && unanswered) return refusal(unanswered);
      if (!isEnvelope(answer)) return refusal(`The team server at ${address} answered ${response.status} with something that is not Nextcall’s: is this the right address?`);
      return answer;
    },
    forget() {
      forgetSession();
      stream?.stop();
    },
  };
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const answer = value as { ok?: unknown; value?: unknown; error?: Partial<ApiFailure> };
  if (answer.ok === true) return 'value' in answer;
  return answer.ok === false && typeof answer.error?.code === 'string' && typeof answer.error.message === 'string';
}

/** The person in a people.signIn or people.me answer (`{ person }`), if it holds one. */
function personOf(value: unknown): { role?: unknown } | null {
  const person = (value as { person?: unknown } | null)?.person;
  return typeof person === 'object' && person !== null ? person : null;
}
