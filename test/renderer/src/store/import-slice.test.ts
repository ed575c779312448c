import { describe, expect, it } from 'vitest';
import { fakeClient } from '../../../helpers/fake-api-client.ts';
import { createAppStore, type DraftStore } from '../../../../renderer/src/store/app-store.ts';
import type { ApiEvents } from '../../../../shared/events.ts';
import type { ImportPreview, ImportReport } from '../../../../shared/imports.ts';

const drafts: DraftStore = { read: () => '', write: () => undefined, clear: () => undefined };

const preview: ImportPreview = {
  fileName: 'kunder.csv',
  encoding: 'utf-8',
  delimiter: ',',
  headers: ['Name', 'Telefon'],
  mapping: { fullName: 'Name', phone: 'Telefon' } as ImportPreview['mapping'],
  unmapped: [],
  sample: [['Anna Svensson', '08-123 456 78']],
};

const report: ImportReport = { batchId: 1, dryRun: false, encoding: 'utf-8', delimiter: ',', rowsRead: 1, created: 1, updated: 0, merged: 0, rejected: [], flagged: [] };

describe('the import wizard’s state', () => {
  it('starts the default country at the preference and imports with the one chosen for this file', async () => {
    const imported: unknown[] = [];
    let progressListener: ((payload: ApiEvents['import.progress']) => void) | null = null;
    const seenProgress: unknown[] = [];
    const client = {
      ...fakeClient({
        'leads.previewImport': () => preview,
        'prefs.get': () => ({ defaultCountry: 'US' }),
        'leads.import': (input: unknown) => {
          imported.push(input);
          // The importer reports while it works: the store holds what it said last.
          progressListener?.({ fileName: 'kunder.csv', rowsDone: 1, rowsPerSecond: 1, bytesRead: 45, totalBytes: 45 });
          seenProgress.push(store.getState().importProgress);
          return report;
        },
        'queue.next': () => ({ now: '2026-11-23T15:00:00.000Z', next: null, due: 0, total: 1, nextEligible: null }),
      }),
      on: (event: string, listener: (payload: ApiEvents['import.progress']) => void) => {
        if (event === 'import.progress') progressListener = listener;
        return () => (progressListener = null);
      },
    };
    const store = createAppStore({ client: client as never, drafts, consoleId: 'console-test-1' });

    await store.getState().importFile(new File(['Name,Telefon\r\nAnna Svensson,08-123 456 78\r\n'], 'kunder.csv'));
    expect(store.getState().wizard?.defaultCountry).toBe('US');
    store.getState().setDefaultCountry('SE');
    await store.getState().confirmImport();

    expect(imported).toEqual([expect.objectContaining({ defaultCountry: 'SE' })]);
    expect(seenProgress).toEqual([expect.objectContaining({ bytesRead: 45, totalBytes: 45, rowsDone: 1 })]);
    expect(store.getState()).toMatchObject({ importing: false, importProgress: null, importReport: report });
  });
});
