import type { StateCreator } from 'zustand/vanilla';
import type { FloorView } from '../../../shared/floor.ts';
import { SECOND_MS } from '../../../shared/time-units.ts';
import type { AppState, StoreDeps } from './app-store.ts';

/** The team lead's live floor: main's answer, read again whenever a console or the store changes. */
export interface FloorSlice {
  floor: FloorView | null;
  loadFloor(): Promise<void>;
  /**
   * While the floor is open: reads it, then again on every change main announces (a call
   * logged, a dial, a session, an import, another process), never more than once a second however
   * many consoles are busy, and never by polling. Returns the stop.
   */
  watchFloor(): () => void;
}

/** A busy floor (fifty consoles) changes many times a second; a wall screen is read in seconds. */
export const FLOOR_READ_GAP_MS = SECOND_MS;

export const createFloorSlice =
  ({ client }: StoreDeps): StateCreator<AppState, [], [], FloorSlice> =>
  (set, get) => ({
    floor: null,
    async loadFloor() {
      const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      const floor = await get().withErrorNotice(() => client.call('floor.view', { timeZone }));
      if (floor) set({ floor });
    },
    watchFloor() {
      let stopped = false;
      let reading: Promise<void> | null = null;
      let lastRead = 0;
      let again: ReturnType<typeof setTimeout> | undefined;
      const read = () => {
        if (stopped || again) return;
        // A change while a read is on its way, or just after one: one more read, a little later.
        const wait = Math.max(0, lastRead + FLOOR_READ_GAP_MS - Date.now());
        if (reading || wait > 0) {
          again = setTimeout(() => {
            again = undefined;
            read();
          }, wait || FLOOR_READ_GAP_MS);
          return;
        }
        lastRead = Date.now();
        reading = get()
          .loadFloor()
          .finally(() => (reading = null));
      };
      const unsubscribe = [client.on('store.changed', read), client.on('floor.changed', read)];
      read();
      return () => {
        stopped = true;
        clearTimeout(again);
        for (const stop of unsubscribe) stop();
      };
    },
  });
