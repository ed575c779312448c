import { z } from 'zod';
import { LEAD_FIELDS, type ActivityImportReport, type ImportPreview, type ImportReport } from '../imports.ts';
import { leadEditSchema, type AccountView, type LeadEdit, type LeadSearchResult } from '../lead-context.ts';
import type { LeadExportResult } from '../lead-export.ts';
import type { LeadCard } from '../leads.ts';
import { MAX_STORE_BYTES, storeTooLargeSentence, type UploadReport } from '../store-upload.ts';
import { countryCode, file, leadId, MAX_FILE_REQUEST, name, none } from './common-inputs.ts';
import { method, SMALL_REQUEST } from './method-spec.ts';

export const columnMappingSchema = z.partialRecord(z.enum(LEAD_FIELDS), z.string().max(200).nullable());

/** The encoding the team lead chose over the guess ("shift_jis", "windows-1252"); the core checks it is one it knows. */
const chosenEncoding = z.string().trim().min(1).max(40).optional();

/** A store's bytes as base64: four characters for every three bytes, and no more than the limit's. */
const STORE_CHARACTERS = Math.ceil(MAX_STORE_BYTES / 3) * 4;

/** Leads in (imports, the demo list), out (the CRM export), and one lead at a time. */
export const leadsApi = {
  'leads.previewImport': method<ImportPreview>()(z.strictObject({ ...file, mapping: columnMappingSchema.optional(), encoding: chosenEncoding }), MAX_FILE_REQUEST),
  'leads.import': method<ImportReport>()(
    z.strictObject({
      ...file,
      mapping: columnMappingSchema.optional(),
      encoding: chosenEncoding,
      mappingName: name.optional(),
      listName: name.optional(),
      defaultCountry: countryCode.optional(),
      dryRun: z.boolean().default(false),
    }),
    MAX_FILE_REQUEST,
  ),
  /**
   * A rep's own store (nextcall.sqlite: its bytes, never a path) into the team, with the calls
   * and history in it recorded under the account `as` (the signed-in one when none): an import,
   * so a team lead's. The request's limit is the store's: a larger one is refused before it is read.
   */
  'leads.uploadStore': method<UploadReport>()(
    z.strictObject({
      data: z.base64('the store did not arrive as base64 bytes').max(STORE_CHARACTERS, storeTooLargeSentence(null)),
      as: name.optional(),
      dryRun: z.boolean().default(false),
    }),
    STORE_CHARACTERS + SMALL_REQUEST,
  ),
  'leads.importActivities': method<ActivityImportReport>()(z.strictObject(file), MAX_FILE_REQUEST),
  'leads.export': method<LeadExportResult>()(z.strictObject({ format: z.enum(['csv', 'json']).default('csv'), listName: name.optional() })),
  'leads.loadDemo': method<ImportReport>()(none),
  'leads.get': method<LeadCard>()(z.strictObject({ leadId })),
  // Context the rep needs (issue 11): find any lead, correct it, its account.
  /** Any lead, open or closed, by name, company, email, or a number in any format (or its last digits). */
  'leads.search': method<LeadSearchResult>()(z.strictObject({ query: z.string().trim().min(1, 'type a name, a company, an email or a number').max(200), limit: z.int().min(1).max(50).default(20) })),
  'leads.edit': method<LeadCard>()(leadEditSchema),
  /** What reps changed on the lead by hand, newest first. */
  'leads.edits': method<LeadEdit[]>()(z.strictObject({ leadId })),
  /** The other people at the lead's company, where each stands and who called them last. */
  'leads.account': method<AccountView>()(z.strictObject({ leadId })),
  /** Deletes the lead and all kept about it (calls, notes, recordings and their audio files). */
  'leads.delete': method<{ deleted: true; name: string }>()(z.strictObject({ leadId })),
} as const;
