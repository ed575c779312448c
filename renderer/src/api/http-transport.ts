import { isEventName, type ApiEvents, type EventName } from '../../../shared/events.ts';
import type { Envelope } from '../../../shared/bridge.ts';
import type { Transport } from './client.ts';

const TOKEN_KEY = 'nextcall.token';

/**
 * The web host prints a URL with its token in the fragment (never sent to a server). We keep
 * it for this tab only, so a reload works, and take it out of the address bar.
 */
export function takeTokenFromLocation(location: Location, storage: Storage, history: History): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    storage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return storedToken(storage);
}

/** The solo web host's token this tab keeps, if it was opened from the host's link. */
export function storedToken(storage: Storage): string | null {
  return storage.getItem(TOKEN_KEY);
}

/** `token`: the solo web host's; null on the team server, where the session cookie travels by itself. */
export function httpTransport(origin: string, token: string | null): Transport {
  let source: EventSource | null = null;
  const listeners = new Map<EventName, Set<(payload: never) => void>>();

  const ensureSource = (): void => {
    if (source) return;
    source = new EventSource(token ? `${origin}/api/events?token=${encodeURIComponent(token)}` : `${origin}/api/events`);
    for (const event of listeners.keys()) attach(event);
  };
  const attach = (event: EventName): void => {
    source?.addEventListener(event, (message) => {
      if (!isEventName(event)) return;
      const payload = JSON.parse((message as MessageEvent<string>).data) as never;
      for (const listener of listeners.get(event) ?? []) listener(payload);
    });
  };

  return {
    async invoke(method, input) {
      try {
        const response = await fetch(`${origin}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ input }),
          // Letting the claim go as the tab closes must outlive the page that asks for it.
          keepalive: method === 'queue.release',
        });
        return (await response.json()) as Envelope<unknown>;
      } catch {
        return { ok: false, error: { code: 'internal', message: 'Nextcall is not reachable: is the web host still running?' } };
      }
    },
    on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        if (source) attach(event);
      }
      set.add(listener as (payload: never) => void);
      ensureSource();
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },
  };
}
