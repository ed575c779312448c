import type { StateCreator } from 'zustand/vanilla';
import { LEAD_FIELDS, type ImportPreview, type ImportReport, type LeadField } from '../../../shared/imports.ts';
import { fileToBase64, saveFile } from '../file-transfer.ts';
import type { ApiEvents } from '../../../shared/events.ts';
import type { AppState, StoreDeps } from './app-store.ts';

export interface ImportSlice {
  importing: boolean;
  /** The last progress the import reported (bytes read of the file's size, rows); null until the first. */
  importProgress: ApiEvents['import.progress'] | null;
  importReport: ImportReport | null;
  /** A file picked: what it holds and how it would be read, before anything is written. */
  wizard: ImportWizard | null;
  importFile(file: File): Promise<void>;
  /** Which field a column fills (null: the column is not used). */
  setColumn(header: string, field: LeadField | null): void;
  setListName(name: string): void;
  /** The country of the numbers written without +, for this import. */
  setDefaultCountry(country: string): void;
  /** Reads the file again in the encoding the team lead chose over the guess. */
  setEncoding(encoding: string): Promise<void>;
  confirmImport(): Promise<void>;
  cancelImport(): void;
  loadDemo(): Promise<void>;
  dismissReport(): void;
  downloadRejectedRows(): Promise<void>;
  undoImport(): Promise<void>;
}

export interface ImportWizard {
  fileName: string;
  data: string;
  preview: ImportPreview;
  /** Column header → the field it fills. */
  columns: Record<string, LeadField | null>;
  listName: string;
  /** The team lead's choice; null while the guess stands. */
  encoding: string | null;
  /** Where numbers written without + are dialled: the preference, unless changed for this file. */
  defaultCountry: string;
}

/** Each field as its detected column: where the wizard's selects start. */
function detectedColumns(preview: ImportPreview): Record<string, LeadField | null> {
  const columns = Object.fromEntries(preview.headers.map((h) => [h, null])) as Record<string, LeadField | null>;
  for (const field of LEAD_FIELDS) {
    const header = preview.mapping[field];
    if (header !== null) columns[header] = field;
  }
  return columns;
}

export const createImportSlice =
  ({ client }: StoreDeps): StateCreator<AppState, [], [], ImportSlice> =>
  (set, get) => {
    const run = async (work: () => Promise<ImportReport>): Promise<void> => {
      if (get().importing) return;
      set({ importing: true, importProgress: null, importReport: null });
      const stop = client.on('import.progress', (progress) => set({ importProgress: progress }));
      try {
        const report = await get().withErrorNotice(work);
        if (report) {
          set({ importReport: report });
          await get().refreshQueue();
        }
      } finally {
        stop();
        set({ importing: false, importProgress: null });
      }
    };
    const withBatch = async (work: (batchId: number) => Promise<void>) => {
      const batchId = get().importReport?.batchId;
      if (batchId) await get().withErrorNotice(() => work(batchId));
    };
    return {
      importing: false,
      importProgress: null,
      importReport: null,
      wizard: null,
      async importFile(file) {
        await get().withErrorNotice(async () => {
          const data = await fileToBase64(file);
          const [preview, prefs] = await Promise.all([client.call('leads.previewImport', { fileName: file.name, data }), client.call('prefs.get', {})]);
          set({ wizard: { fileName: file.name, data, preview, columns: detectedColumns(preview), listName: '', encoding: null, defaultCountry: prefs.defaultCountry } });
        });
      },
      setColumn(header, field) {
        const wizard = get().wizard;
        if (!wizard) return;
        // A field is read from one column: giving it to this one takes it from any other.
        const columns = Object.fromEntries(Object.entries(wizard.columns).map(([h, f]) => [h, field !== null && f === field ? null : f]));
        set({ wizard: { ...wizard, columns: { ...columns, [header]: field } } });
      },
      setListName(listName) {
        const wizard = get().wizard;
        if (wizard) set({ wizard: { ...wizard, listName } });
      },
      setDefaultCountry(defaultCountry) {
        const wizard = get().wizard;
        if (wizard) set({ wizard: { ...wizard, defaultCountry } });
      },
      async setEncoding(encoding) {
        const wizard = get().wizard;
        if (!wizard) return;
        // Headers read in another encoding are other headers: the mapping is detected afresh.
        const preview = await get().withErrorNotice(() => client.call('leads.previewImport', { fileName: wizard.fileName, data: wizard.data, encoding }));
        if (preview) set({ wizard: { ...wizard, preview, columns: detectedColumns(preview), encoding } });
      },
      cancelImport: () => set({ wizard: null }),
      confirmImport() {
        const wizard = get().wizard;
        if (!wizard) return Promise.resolve();
        set({ wizard: null });
        const mapping = Object.fromEntries(LEAD_FIELDS.map((field) => [field, Object.entries(wizard.columns).find(([, f]) => f === field)?.[0] ?? null]));
        return run(() =>
          client.call('leads.import', {
            fileName: wizard.fileName,
            data: wizard.data,
            mapping,
            defaultCountry: wizard.defaultCountry,
            ...(wizard.encoding ? { encoding: wizard.encoding } : {}),
            ...(wizard.listName.trim() ? { listName: wizard.listName.trim() } : {}),
          }),
        );
      },
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
