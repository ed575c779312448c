import type { StateCreator } from 'zustand/vanilla';
import type { DialScheme } from '../../../shared/dial-link.ts';
import type { Disposition } from '../../../shared/dispositions.ts';
import type { CallLog } from '../../../shared/leads.ts';
import { messageOf, type AppState, type StoreDeps } from './app-store.ts';

export interface CallSlice {
  dispositions: Disposition[];
  dialScheme: DialScheme;
  /** The note for the lead on screen, saved to drafts as it is typed. */
  notes: string;
  /** True while a disposition is on its way: a second key press must not log a second call. */
  loggingCall: boolean;
  lastCall: CallLog | null;
  /** Dispositions and the dial scheme: what the call screen needs besides the lead. */
  loadSettings(): Promise<void>;
  setNotes(text: string): void;
  /** Logs the call on screen with this disposition and shows the next lead. */
  logDisposition(code: string): Promise<void>;
}

export const createCallSlice =
  ({ client, drafts }: StoreDeps): StateCreator<AppState, [], [], CallSlice> =>
  (set, get) => ({
    dispositions: [],
    dialScheme: 'tel',
    notes: '',
    loggingCall: false,
    lastCall: null,
    async loadSettings() {
      try {
        const [dispositions, prefs] = await Promise.all([client.call('dispositions.list', {}), client.call('prefs.get', {})]);
        set({ dispositions, dialScheme: prefs.dialScheme });
      } catch (error) {
        get().showNotice({ kind: 'error', text: messageOf(error) });
      }
    },
    setNotes(text) {
      const lead = get().snapshot?.next?.card.lead;
      if (lead) drafts.write(lead.id, text);
      set({ notes: text });
    },
    async logDisposition(code) {
      const lead = get().snapshot?.next?.card.lead;
      if (!lead || get().loggingCall) return;
      set({ loggingCall: true });
      try {
        const { call, queue } = await client.call('calls.disposition', { leadId: lead.id, code, notes: get().notes });
        drafts.clear(lead.id);
        set({ lastCall: call });
        get().showSnapshot(queue);
        get().showNotice({ kind: 'info', text: `${call.leadName}: ${call.dispositionLabel}` });
      } catch (error) {
        // The note stays in drafts and on screen: nothing the rep typed is lost.
        get().showNotice({ kind: 'error', text: messageOf(error) });
      } finally {
        set({ loggingCall: false });
      }
    },
  });
