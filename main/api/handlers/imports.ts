import { listMappings, saveMapping } from '../../leads/column-mappings.ts';
import { listImports, rejectedRowsCsv } from '../../leads/import-history.ts';
import { undoImport } from '../../leads/undo-import.ts';
import { eraseDeletedRecordings } from '../../phone/recordings.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function importsHandlers({ core, cap }: HandlerContext): HandlersOf<'imports' | 'mappings'> {
  const { store, clock, events } = core;
  return {
    'imports.list': () => listImports(store),
    'imports.undo': async ({ batchId }) => {
      const report = await undoImport(store, clock, batchId, cap());
      // A rep's recordings are files in their data folder, erased once the delete is committed; the team
      // server has no data folder: its recordings hold their audio in the rows, gone with the delete.
      if (core.dataDir) eraseDeletedRecordings(core.db, core.dataDir);
      events.emit('store.changed', { reason: 'import' });
      return report;
    },
    'imports.rejectedRows': ({ batchId }) => rejectedRowsCsv(store, batchId),
    'mappings.list': () => listMappings(store),
    'mappings.save': ({ name, mapping }) => saveMapping(store, clock, name, mapping),
  };
}
