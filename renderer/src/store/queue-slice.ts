import type { StateCreator } from 'zustand/vanilla';
import type { QueuePreview, QueueSnapshot } from '../../../shared/leads.ts';
import type { ApiClient } from '../api/client.ts';
import { messageOf, type AppState, type StoreDeps } from './app-store.ts';

export interface QueueSlice {
  snapshot: QueueSnapshot | null;
  /** Main's clock minus this window's, so "2 h ago" agrees with the core (which may run on --clock). */
  clockOffset: number;
  loading: boolean;
  /** Asks main for the next lead and shows it. */
  loadQueue(): Promise<void>;
  /**
   * Brings the counts up to date after something else changed the store (an import, another
   * window), without swapping the lead the rep may be talking to: a key pressed a moment later
   * must log the call for the lead on screen.
   */
  refreshQueue(): Promise<void>;
  showSnapshot(snapshot: QueueSnapshot): void;
  /** The next leads after the one on screen, with the waiting counts (nothing is claimed). */
  previewQueue(): Promise<QueuePreview | null>;
  /** Main's pushes, for components that react to them; returns the unsubscribe. */
  subscribe: ApiClient['on'];
}

export const createQueueSlice =
  ({ client, drafts, consoleId }: StoreDeps): StateCreator<AppState, [], [], QueueSlice> =>
  (set, get) => ({
    snapshot: null,
    clockOffset: 0,
    subscribe: (event, listener) => client.on(event, listener),
    async previewQueue() {
      try {
        return await client.call('queue.preview', { limit: 20 });
      } catch (error) {
        get().showNotice({ kind: 'error', text: messageOf(error) });
        return null;
      }
    },
    loading: false,
    async loadQueue() {
      set({ loading: true });
      try {
        get().showSnapshot(await client.call('queue.next', { consoleId }));
      } catch (error) {
        get().showNotice({ kind: 'error', text: messageOf(error) });
      } finally {
        set({ loading: false });
      }
    },
    async refreshQueue() {
      const onScreen = get().snapshot?.next;
      if (!onScreen) return get().loadQueue();
      try {
        const fresh = await client.call('queue.next', { consoleId });
        const current = get().snapshot;
        // The same lead: its card may have news (a new activity). Another lead: keep the one on screen.
        const sameLead = fresh.next?.card.lead.id === current?.next?.card.lead.id;
        if (current?.next) set({ snapshot: { ...fresh, next: sameLead ? fresh.next : current.next } });
        else get().showSnapshot(fresh);
      } catch (error) {
        get().showNotice({ kind: 'error', text: messageOf(error) });
      }
    },
    showSnapshot(snapshot) {
      const leadId = snapshot.next?.card.lead.id;
      set({
        snapshot,
        clockOffset: Date.parse(snapshot.now) - Date.now(),
        // This window's copy is the freshest; main's is there after a restart or on another origin.
        notes: leadId === undefined ? '' : drafts.read(leadId) || (snapshot.next?.card.draft ?? ''),
      });
    },
  });
