import { vi } from 'vitest';
import type { ApiClient } from '../../renderer/src/api/client.ts';
import type { ApiEvents, EventName } from '../../shared/events.ts';

export interface FakeClient extends ApiClient {
  /** Pushes an event to the listeners, as main would. */
  emit<E extends EventName>(event: E, payload: ApiEvents[E]): void;
}

/** An API client that answers from the given handlers and fails on any other call, so a test names every call it expects. */
export function fakeClient(handlers: Record<string, (input: never) => unknown>): FakeClient {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  return {
    call: vi.fn(async (method: string, input: unknown) => {
      const handler = handlers[method];
      if (!handler) throw new Error(`unexpected call ${method}`);
      return handler(input as never);
    }) as ApiClient['call'],
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener as (payload: never) => void));
      return () => set.delete(listener as (payload: never) => void);
    },
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload as never);
    },
  };
}
