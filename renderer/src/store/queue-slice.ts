import type { StateCreator } from 'zustand/vanilla';
import type { QueueSnapshot } from '../../../shared/leads.ts';
import { messageOf, type AppState, type StoreDeps } from './app-store.ts';

export interface QueueSlice {
  snapshot: QueueSnapshot | null;
  /** Main's clock minus this window's, so "2 h ago" agrees with the core (which may run on --clock). */
  clockOffset: number;
  loading: boolean;
  loadQueue(): Promise<void>;
  showSnapshot(snapshot: QueueSnapshot): void;
}

export const createQueueSlice =
  ({ client, drafts }: StoreDeps): StateCreator<AppState, [], [], QueueSlice> =>
  (set, get) => ({
    snapshot: null,
    clockOffset: 0,
    loading: false,
    async loadQueue() {
      set({ loading: true });
      try {
        get().showSnapshot(await client.call('queue.next', {}));
      } catch (error) {
        get().showNotice({ kind: 'error', text: messageOf(error) });
      } finally {
        set({ loading: false });
      }
    },
    showSnapshot(snapshot) {
      const leadId = snapshot.next?.card.lead.id;
      set({
        snapshot,
        clockOffset: Date.parse(snapshot.now) - Date.now(),
        notes: leadId === undefined ? '' : drafts.read(leadId),
      });
    },
  });
