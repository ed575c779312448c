import type { StateCreator } from 'zustand/vanilla';
import type { ImportReport } from '../../../shared/leads.ts';
import { messageOf, type AppState, type StoreDeps } from './app-store.ts';

export interface ImportSlice {
  importing: boolean;
  importProgress: { rowsDone: number; rowsPerSecond: number } | null;
  importReport: ImportReport | null;
  importFile(file: { name: string; text(): Promise<string> }): Promise<void>;
  loadDemo(): Promise<void>;
  dismissReport(): void;
}

export const createImportSlice =
  ({ client }: StoreDeps): StateCreator<AppState, [], [], ImportSlice> =>
  (set, get) => {
    const run = async (work: () => Promise<ImportReport>): Promise<void> => {
      if (get().importing) return;
      set({ importing: true, importProgress: null, importReport: null });
      const stop = client.on('import.progress', ({ rowsDone, rowsPerSecond }) => set({ importProgress: { rowsDone, rowsPerSecond } }));
      try {
        const report = await work();
        set({ importReport: report });
        await get().loadQueue();
      } catch (error) {
        get().showNotice({ kind: 'error', text: messageOf(error) });
      } finally {
        stop();
        set({ importing: false, importProgress: null });
      }
    };
    return {
      importing: false,
      importProgress: null,
      importReport: null,
      importFile: (file) => run(async () => client.call('leads.import', { fileName: file.name, csv: await file.text() })),
      loadDemo: () => run(() => client.call('leads.loadDemo', {})),
      dismissReport: () => set({ importReport: null }),
    };
  };
