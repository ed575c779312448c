import { createEventHub, type EventHub } from '../api/event-hub.ts';
import { knownEvent } from '../../shared/events.ts';
import type { Store } from '../store/seam/store.ts';

/** The PostgreSQL channel every team server process listens on. */
export const EVENTS_CHANNEL = 'nextcall_events';

/**
 * The core's announcements (a call logged, an import, a changed list) for a team: what one server
 * process emits is sent with NOTIFY, and every process, this one included, hears it with LISTEN
 * and pushes it to its own consoles' event streams (/api/events). So a console learns of a change
 * made through another process as fast as of one made through its own, and no process keeps a
 * list of the others. Import and upload progress are for the console that imports or uploads: they
 * stay in the process (an upload's only on its session's stream), as does anything for one session.
 */
export async function teamEvents(store: Store, log: (line: string) => void): Promise<{ events: EventHub; here: EventHub['emit']; stop(): Promise<void> }> {
  const local = createEventHub();
  const stop = await store.listen(
    EVENTS_CHANNEL,
    (text) => {
      const message = parse(text);
      if (message) local.emit(message.event, message.payload as never);
      else log(`A notification on ${EVENTS_CHANNEL} was not an event Nextcall knows; it was ignored.`);
    },
    // Back after the database was away: what others announced meanwhile went unheard, so every
    // console reads its queue and the floor again.
    () => {
      log('Listening to the other server processes again; the consoles read the team’s state again.');
      local.emit('store.changed', { reason: 'elsewhere' });
    },
  );
  const events: EventHub = {
    emit(event, payload, toSession) {
      // News for one session is never announced to the other processes, where it would reach every stream.
      if (toSession !== undefined || event === 'import.progress' || event === 'upload.progress') return local.emit(event, payload, toSession);
      store.notify(EVENTS_CHANNEL, JSON.stringify({ event, payload })).catch((error: unknown) => {
        // The change itself is committed; consoles elsewhere see it on their next refresh.
        log(`Could not announce ${event} to the other server processes: ${error instanceof Error ? error.message : String(error)}`);
        local.emit(event, payload);
      });
    },
    subscribe: (listener) => local.subscribe(listener),
  };
  // `here`: to this process's consoles only, for news each process learns for itself (owner-window-ends.ts).
  return { events, here: local.emit, stop };
}

function parse(text: string): { event: Parameters<EventHub['emit']>[0]; payload: unknown } | null {
  try {
    const message = JSON.parse(text) as { event?: unknown; payload?: unknown };
    return knownEvent(message.event, message.payload);
  } catch {
    return null;
  }
}
