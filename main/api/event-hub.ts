import type { ApiEvents, EventName } from '../../shared/events.ts';

/** `toSession`: for the event streams of that sign-in session only (a team server's), when the news is one console's. */
export type EventListener = <E extends EventName>(event: E, payload: ApiEvents[E], toSession?: string) => void;

/** Main's pushes to whoever listens (the Electron window, the web host's event streams). */
export interface EventHub {
  emit<E extends EventName>(event: E, payload: ApiEvents[E], toSession?: string): void;
  /** Returns the unsubscribe. */
  subscribe(listener: EventListener): () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload, toSession) {
      for (const listener of listeners) listener(event, payload, toSession);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
