import { listMappings, saveMapping } from '../../leads/column-mappings.ts';
import { listImports, rejectedRowsCsv } from '../../leads/import-history.ts';
import { undoImport } from '../../leads/undo-import.ts';
import { eraseDeletedRecordings } from '../../phone/recordings.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function importsHandlers({ core, cap }: HandlerContext): HandlersOf<'imports' | 'mappings'> {
  const { db, clock, events } = core;
  return {
    'imports.list': () => listImports(db),
    'imports.undo': ({ batchId }) => {
      const report = undoImport(db, clock, batchId, cap());
      eraseDeletedRecordings(db, core.dataDir);
      events.emit('store.changed', { reason: 'import' });
      return report;
    },
    'imports.rejectedRows': ({ batchId }) => rejectedRowsCsv(db, batchId),
    'mappings.list': () => listMappings(db),
    'mappings.save': ({ name, mapping }) => saveMapping(db, clock, name, mapping),
  };
}
