import { z } from 'zod';
import type { ExportedFile, ImportBatch, SavedMapping, UndoReport } from '../imports.ts';
import { batchId, name, none } from './common-inputs.ts';
import { columnMappingSchema } from './leads.ts';
import { method } from './method-spec.ts';

/** The imports made (each can be taken back, its rejected rows read) and the column mappings saved for them. */
export const importsApi = {
  'imports.list': method<ImportBatch[]>()(none),
  'imports.undo': method<UndoReport>()(z.strictObject({ batchId })),
  'imports.rejectedRows': method<ExportedFile>()(z.strictObject({ batchId })),
  'mappings.list': method<SavedMapping[]>()(none),
  'mappings.save': method<SavedMapping>()(z.strictObject({ name, mapping: columnMappingSchema })),
} as const;
