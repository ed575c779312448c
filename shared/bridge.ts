import type { MethodName } from './api.ts';
import type { ApiEvents, EventName } from './events.ts';
import type { ApiFailure } from './api-error.ts';

/** What an IPC call resolves to: errors travel as values so their code and issues survive. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiFailure };

/**
 * What the sandboxed preload exposes on `window.nextcall`: one function per declared method
 * and a subscription to main's pushes. Nothing else of Electron or Node reaches the page.
 */
export interface NextcallBridge {
  methods: Record<MethodName, (input: unknown) => Promise<Envelope<unknown>>>;
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

export const IPC_CALL_CHANNEL = 'nextcall:call';
export const IPC_EVENT_CHANNEL = 'nextcall:event';
