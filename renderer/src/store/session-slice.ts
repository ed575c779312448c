import type { StateCreator } from 'zustand/vanilla';
import type { ReportFormat } from '../../../shared/api.ts';
import type { CallingSession } from '../../../shared/sessions.ts';
import { saveFile } from '../file-transfer.ts';
import type { AppState, StoreDeps } from './app-store.ts';

/** The console's calling session and its live figures. */
export interface SessionSlice {
  session: CallingSession | null;
  /** The session this console ended last, whose report is still one click away. */
  endedSessionId: number | null;
  /** Whether this shell prints reports to PDF (the desktop app does; a browser prints the HTML itself). */
  canPrintPdf: boolean;
  loadSession(): Promise<void>;
  /** Asks the shell once what it can do beyond the core (print to PDF). */
  loadCapabilities(): Promise<void>;
  sessionAction(action: 'start' | 'pause' | 'resume' | 'end'): Promise<void>;
  /** Downloads the report (HTML or PDF), the calls and totals (CSV) or the summary (JSON) of the running session, or else of the one just ended. */
  downloadSessionReport(format: ReportFormat): Promise<void>;
}

export const createSessionSlice =
  ({ client, consoleId }: StoreDeps): StateCreator<AppState, [], [], SessionSlice> =>
  (set, get) => ({
    session: null,
    endedSessionId: null,
    canPrintPdf: false,
    async loadSession() {
      await get().withErrorNotice(async () => set({ session: await client.call('sessions.current', { consoleId }) }));
    },
    async loadCapabilities() {
      try {
        set({ canPrintPdf: (await client.call('app.capabilities', {})).pdf });
      } catch {
        // Without an answer, the console offers what every shell can: HTML, CSV, JSON.
      }
    },
    async sessionAction(action) {
      const session = await get().withErrorNotice(() => client.call(`sessions.${action}`, { consoleId }));
      if (!session) return;
      set(action === 'end' ? { session: null, endedSessionId: session.id } : { session });
      if (action === 'end') {
        const s = session.stats;
        get().showNotice({ kind: 'info', text: `Session ended: ${s.dials} dials, ${s.contacts} contacts, ${s.qualified} qualified.` });
      }
    },
    async downloadSessionReport(format) {
      const sessionId = get().session?.id ?? get().endedSessionId;
      if (sessionId === null) return;
      const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      const files = await get().withErrorNotice(() => client.call('sessions.export', { sessionId, format, timeZone }));
      for (const file of files ?? []) saveFile(file);
    },
  });
