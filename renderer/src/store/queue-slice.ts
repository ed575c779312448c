import type { StateCreator } from 'zustand/vanilla';
import type { QueuePreview, QueueSnapshot } from '../../../shared/leads.ts';
import type { ApiClient } from '../api/client.ts';
import type { AppState, StoreDeps } from './app-store.ts';
import { isBetweenCalls, isStandingBy } from './console-state.ts';
import { MAX_TIMER_MS, SECOND_MS } from '../../../shared/time-units.ts';

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
  /** Lets the lead on screen go to other consoles and shows none (the floor opened between calls). */
  letLeadGo(): void;
  /** The next leads after the one on screen, with the waiting counts (nothing is claimed). */
  previewQueue(): Promise<QueuePreview | null>;
  /** Main's pushes, for components that react to them; returns the unsubscribe. */
  subscribe: ApiClient['on'];
  /**
   * Calls `listener` when the store changed by anything but this window's own calls (whose answers
   * already carried the new lead and counts): an import, another console, the CLI. Returns the
   * unsubscribe. Asking again after one's own disposition would cost a second pick and a second
   * write to disk on every call.
   */
  onChangesElsewhere(listener: () => void): () => void;
  /**
   * While this page is open, keeps the claim on the lead on screen alive (a short lease renewed
   * by a heartbeat), and lets it go when the page is closed — unless a call is running, which a
   * reload must find again. Returns the stop.
   */
  keepClaim(page: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void;
  /**
   * With nothing to call, asks the queue again when main said the next lead comes due (a retry, a
   * callback, a snooze's end, calling hours, on a team an owner window's end), so "Next lead in 4
   * min" becomes that lead on screen without a key or a reload. Returns the stop.
   */
  followNextLead(): () => void;
}

/** Past the time main named, so its clock has passed it too (this window's reading of it may be a little off). */
const NEXT_LEAD_MARGIN_MS = 500;

/** The first heartbeat's pace, before main says how long a lease lasts. */
const FIRST_HEARTBEAT_MS = 20_000;

export const createQueueSlice =
  ({ client, drafts, consoleId }: StoreDeps): StateCreator<AppState, [], [], QueueSlice> =>
  (set, get, store) => ({
    snapshot: null,
    clockOffset: 0,
    subscribe: (event, listener) => client.on(event, listener),
    onChangesElsewhere: (listener) =>
      // An inbound lead's change comes with inbound.arrived, which asks the queue itself (inbound-slice.ts).
      client.on('store.changed', ({ byConsole, reason }) => {
        if (byConsole !== consoleId && reason !== 'inbound') listener();
      }),
    keepClaim(page) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let stopped = false;
      const beat = async () => {
        const leadId = get().snapshot?.next?.card.lead.id;
        let pace = FIRST_HEARTBEAT_MS;
        if (leadId !== undefined) {
          try {
            const { held, leaseSeconds } = await client.call('queue.heartbeat', { consoleId, leadId });
            // Three beats per lease: one lost beat never lets the lead go.
            pace = (leaseSeconds * SECOND_MS) / 3;
            // Another console has the lead now (this one was away too long): ask what is true.
            if (!held) void get().refreshQueue();
          } catch {
            // Main unreachable for a moment: the lease outlives a missed beat.
          }
        }
        if (!stopped) timer = setTimeout(() => void beat(), pace);
      };
      const onHide = () => {
        if (get().dialedAt) return;
        void client.call('queue.release', { consoleId }).catch(() => undefined);
      };
      // Back from the back-forward cache: the claim was let go, take the lead again.
      const onShow = (event: Event) => {
        if ((event as PageTransitionEvent).persisted) void get().loadQueue();
      };
      page.addEventListener('pagehide', onHide);
      page.addEventListener('pageshow', onShow);
      timer = setTimeout(() => void beat(), FIRST_HEARTBEAT_MS);
      return () => {
        stopped = true;
        clearTimeout(timer);
        page.removeEventListener('pagehide', onHide);
        page.removeEventListener('pageshow', onShow);
      };
    },
    followNextLead() {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const follow = (snapshot: QueueSnapshot | null) => {
        clearTimeout(timer);
        if (!snapshot || snapshot.next || !snapshot.nextEligible) return;
        const wait = Date.parse(snapshot.nextEligible.at) - (Date.now() + get().clockOffset);
        timer = setTimeout(() => void get().refreshQueue(), Math.min(Math.max(0, wait) + NEXT_LEAD_MARGIN_MS, MAX_TIMER_MS));
      };
      follow(get().snapshot);
      const unsubscribe = store.subscribe((state, previous) => {
        if (state.snapshot !== previous.snapshot) follow(state.snapshot);
      });
      return () => {
        clearTimeout(timer);
        unsubscribe();
      };
    },
    async previewQueue() {
      return (await get().withErrorNotice(() => client.call('queue.preview', { limit: 20 }))) ?? null;
    },
    loading: false,
    async loadQueue() {
      if (isStandingBy(get())) return;
      set({ loading: true });
      try {
        const snapshot = await get().withErrorNotice(() => client.call('queue.next', { consoleId }));
        if (snapshot) get().showSnapshot(snapshot);
      } finally {
        set({ loading: false });
      }
    },
    async refreshQueue() {
      const onScreen = get().snapshot?.next;
      if (!onScreen) return get().loadQueue();
      const fresh = await get().withErrorNotice(() => client.call('queue.next', { consoleId }));
      if (!fresh) return;
      const current = get().snapshot;
      const shownId = current?.next?.card.lead.id;
      // The lead on screen may no longer be called (marked do-not-call by an import, another
      // console or the CLI; hours closed): say so at once, and offer the next lead.
      if (shownId !== undefined && fresh.released?.leadId === shownId && fresh.next?.card.lead.id !== shownId) {
        get().showSnapshot(fresh);
        const then = fresh.next ? ` Next: ${fresh.next.card.lead.firstName} ${fresh.next.card.lead.lastName}`.trimEnd() + '.' : '';
        get().showNotice({ kind: 'error', text: `${fresh.released.name} may no longer be called: ${fresh.released.reasons.map((r) => r.charAt(0).toLowerCase() + r.slice(1)).join('; ')}.${then}` });
        return;
      }
      // The same lead: its card may have news (a new activity). Another lead: keep the one on screen.
      const sameLead = fresh.next?.card.lead.id === shownId;
      if (current?.next) set({ snapshot: { ...fresh, next: sameLead ? fresh.next : current.next } });
      else get().showSnapshot(fresh);
    },
    letLeadGo() {
      const snapshot = get().snapshot;
      if (!snapshot?.next) return;
      set({ snapshot: { ...snapshot, next: null }, notes: '' });
      void client.call('queue.release', { consoleId }).catch(() => undefined);
    },
    showSnapshot(snapshot) {
      const leadId = snapshot.next?.card.lead.id;
      const open = snapshot.next?.openDial;
      const kept = get().dialedAt;
      set({
        // A call running on this lead (found again after a reload) keeps its start and number.
        // Main knows whether this console has a call running on the lead (after a reload, an undo).
        dialedAt: open && leadId !== undefined ? { leadId, ...open } : open === undefined && kept?.leadId === leadId ? kept : null,
        snapshot,
        clockOffset: Date.parse(snapshot.now) - Date.now(),
        // This window's copy is the freshest; main's is there after a restart or on another origin.
        notes: leadId === undefined ? '' : drafts.read(leadId) || (snapshot.next?.card.draft ?? ''),
      });
      // An answer asked for before the floor opened: the lead it claimed goes back at once.
      if (get().panel === 'floor' && isBetweenCalls(get())) get().letLeadGo();
    },
  });
