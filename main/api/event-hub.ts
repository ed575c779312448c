import type { ApiEvents, EventName } from '../../shared/events.ts';

export type EventListener = <E extends EventName>(event: E, payload: ApiEvents[E]) => void;

/** Main's pushes to whoever listens (the Electron window, the web host's event streams). */
export interface EventHub {
  emit<E extends EventName>(event: E, payload: ApiEvents[E]): void;
  /** Returns the unsubscribe. */
  subscribe(listener: EventListener): () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
