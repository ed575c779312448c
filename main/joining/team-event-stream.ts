import { setTimeout as sleep } from 'node:timers/promises';
import { knownEvent } from '../../shared/events.ts';
import { SECOND_MS } from '../../shared/time-units.ts';
import type { EventHub } from '../api/event-hub.ts';

export interface TeamEventStream {
  /** Opens the stream if it is not open (or waiting to reopen) already. */
  follow(): void;
  /** Closes it and stops reopening it. */
  stop(): void;
}

/** The longest event text kept while waiting for its end (its blank line). */
const MAX_EVENT_CHARS = 256 * 1024;

export interface StreamOptions {
  fetch?: typeof globalThis.fetch;
  /** The first wait before reopening a dropped stream; it doubles on each failure, up to ten times this. */
  backoffMs?: number;
}

/**
 * A joined console's live events: the team server's `GET /api/events`, opened by main with the
 * session cookie it keeps (team-relay.ts), each event the contract knows, with an object payload,
 * emitted into the console's own event hub, so the page hears it as it hears a local one. No
 * redirect is followed (the cookie would go with it). A dropped stream is reopened after a short
 * wait while a session is kept; a 401 (the session ended) stops it, and tells the relay, which
 * forgets the session if it is still the one the stream was opened with, until it has one again.
 */
export function teamEventStream(
  address: string,
  session: { cookie(): string | null; ended(sent: string): void },
  hub: EventHub,
  { fetch = globalThis.fetch, backoffMs = SECOND_MS }: StreamOptions = {},
): TeamEventStream {
  let running: AbortController | null = null;
  let failures = 0;

  const open = async (control: AbortController): Promise<'again' | 'stop'> => {
    const header = session.cookie();
    if (!header) return 'stop';
    let response: Response;
    try {
      response = await fetch(`${address}/api/events`, { headers: { Accept: 'text/event-stream', Cookie: header }, redirect: 'error', signal: control.signal });
    } catch {
      return 'again';
    }
    if (response.status !== 200 || !response.body) {
      // Its answer is not read: the connection is let go.
      await response.body?.cancel().catch(() => undefined);
      if (response.status !== 401) return 'again';
      session.ended(header);
      // A sign-in while this older cookie was being refused brought a session: followed with it.
      return session.cookie() ? 'again' : 'stop';
    }
    failures = 0;
    const decoder = new TextDecoder();
    let text = '';
    try {
      for await (const chunk of response.body) {
        text += decoder.decode(chunk, { stream: true });
        // An event is a few hundred bytes: a server that never ends one is not followed further.
        if (text.length > MAX_EVENT_CHARS) break;
        let end: number;
        while ((end = text.indexOf('\n\n')) >= 0) {
          passOn(text.slice(0, end));
          text = text.slice(end + 2);
        }
      }
    } catch {
      // Dropped (or stopped): the loop decides.
    }
    return 'again';
  };

  const passOn = (block: string) => {
    let name: string | null = null;
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) name = line.slice('event:'.length).trim();
      else if (line.startsWith('data:')) data += line.slice('data:'.length).trim();
    }
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    const known = knownEvent(name, payload);
    if (known) hub.emit(known.event, known.payload as never);
  };

  const loop = async (control: AbortController) => {
    while (!control.signal.aborted) {
      if ((await open(control)) === 'stop') break;
      if (control.signal.aborted) break;
      const wait = Math.min(backoffMs * 2 ** failures++, backoffMs * 10);
      await sleep(wait, undefined, { signal: control.signal }).catch(() => undefined);
    }
    if (running === control) running = null;
  };

  return {
    follow() {
      if (running) return;
      const control = new AbortController();
      running = control;
      failures = 0;
      void loop(control);
    },
    stop() {
      running?.abort();
      running = null;
    },
  };
}
