import type { StateCreator } from 'zustand/vanilla';
import type { CallingSession } from '../../../shared/sessions.ts';
import { messageOf, type AppState, type StoreDeps } from './app-store.ts';

/** The console's calling session and its live figures. */
export interface SessionSlice {
  session: CallingSession | null;
  loadSession(): Promise<void>;
  sessionAction(action: 'start' | 'pause' | 'resume' | 'end'): Promise<void>;
}

export const createSessionSlice =
  ({ client, consoleId }: StoreDeps): StateCreator<AppState, [], [], SessionSlice> =>
  (set, get) => ({
    session: null,
    async loadSession() {
      try {
        set({ session: await client.call('sessions.current', { consoleId }) });
      } catch (error) {
        get().showNotice({ kind: 'error', text: messageOf(error) });
      }
    },
    async sessionAction(action) {
      try {
        const session = await client.call(`sessions.${action}`, { consoleId });
        set({ session: action === 'end' ? null : session });
        if (action === 'end') {
          const s = session.stats;
          get().showNotice({ kind: 'info', text: `Session ended: ${s.dials} dials, ${s.contacts} contacts, ${s.qualified} qualified.` });
        }
      } catch (error) {
        get().showNotice({ kind: 'error', text: messageOf(error) });
      }
    },
  });
