import type { StateCreator } from 'zustand/vanilla';
import type { ImportReport } from '../../../shared/imports.ts';
import { fileToBase64, saveFile } from '../file-transfer.ts';
import { messageOf, type AppState, type StoreDeps } from './app-store.ts';

export interface ImportSlice {
  importing: boolean;
  importProgress: { rowsDone: number; rowsPerSecond: number } | null;
  importReport: ImportReport | null;
  importFile(file: File): Promise<void>;
  loadDemo(): Promise<void>;
  dismissReport(): void;
  downloadRejectedRows(): Promise<void>;
  undoImport(): Promise<void>;
}

export const createImportSlice =
  ({ client }: StoreDeps): StateCreator<AppState, [], [], ImportSlice> =>
  (set, get) => {
    const run = async (work: () => Promise<ImportReport>): Promise<void> => {
      if (get().importing) return;
      set({ importing: true, importProgress: null, importReport: null });
      const stop = client.on('import.progress', ({ rowsDone, rowsPerSecond }) => set({ importProgress: { rowsDone, rowsPerSecond } }));
      try {
        set({ importReport: await work() });
        await get().refreshQueue();
      } catch (error) {
        get().showNotice({ kind: 'error', text: messageOf(error) });
      } finally {
        stop();
        set({ importing: false, importProgress: null });
      }
    };
    const withBatch = async (work: (batchId: number) => Promise<void>) => {
      const batchId = get().importReport?.batchId;
      if (!batchId) return;
      try {
        await work(batchId);
      } catch (error) {
        get().showNotice({ kind: 'error', text: messageOf(error) });
      }
    };
    return {
      importing: false,
      importProgress: null,
      importReport: null,
      importFile: (file) => run(async () => client.call('leads.import', { fileName: file.name, data: await fileToBase64(file) })),
      loadDemo: () => run(() => client.call('leads.loadDemo', {})),
      dismissReport: () => set({ importReport: null }),
      downloadRejectedRows: () => withBatch(async (batchId) => saveFile(await client.call('imports.rejectedRows', { batchId }))),
      undoImport: () =>
        withBatch(async (batchId) => {
          const undone = await client.call('imports.undo', { batchId });
          set({ importReport: null });
          get().showNotice({ kind: 'info', text: `Import undone: ${undone.removed} leads removed, ${undone.restored} restored${undone.kept ? `, ${undone.kept} kept (already called)` : ''}.` });
          await get().loadQueue();
        }),
    };
  };
