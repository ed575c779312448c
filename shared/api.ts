import { z } from 'zod';
import { dispositionSchema, type ListedDisposition } from './dispositions.ts';
import type { ActiveScriptView, Handoff, ScriptVersion } from './qualification.ts';
import type { CallingSession } from './sessions.ts';
import type { CallingSummary, TeamSummary } from './summary.ts';
import type { CallLog, LeadCard, QueuePreview, QueueSnapshot, WhyNot } from './leads.ts';
import { LEAD_FIELDS, type ActivityImportReport, type ExportedFile, type ImportBatch, type ImportPreview, type ImportReport, type SavedMapping, type UndoReport } from './imports.ts';
import { DIAL_SCHEMES } from './dial-link.ts';
import { queueRulesSchema } from './queue-rules.ts';
import { callListSchema, type CallList } from './call-lists.ts';
import type { LeadCallingWindows, UpcomingCallback } from './callbacks.ts';
import { leadEditSchema, reasonListSchema, type AccountView, type LeadEdit, type LeadSearchResult, type ReasonList, type WorkingLists } from './lead-context.ts';
import { BACKUP_FILE_NAME, type BackupInfo, type BackupList, type RestoreReport } from './backups.ts';
export type { ApiEvents, EventName } from './events.ts';
import type { LeadExportResult } from './lead-export.ts';

/**
 * The contract between the renderer and main: every method, once, with the schema its input
 * must pass and the type it returns. The IPC router, the preload bridge, the web host and the
 * CLI are loops over this table; adding a method is one line here plus its service function.
 */
interface MethodSpec<Input extends z.ZodType, Output> {
  input: Input;
  /** The largest request the web host accepts for this method. */
  maxBytes: number;
  /** Type-only: never set at run time. */
  output?: Output;
}

const SMALL_REQUEST = 1024 * 1024;

const method =
  <Output>() =>
  <Input extends z.ZodType>(input: Input, maxBytes = SMALL_REQUEST): MethodSpec<Input, Output> => ({ input, maxBytes });

const none = z.strictObject({});
const leadId = z.int().positive();

/** The largest file the console sends in one call (a 100,000-row CRM export is ~30 MB). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Files travel as base64 (JSON and IPC alike): four characters for every three bytes. */
const MAX_FILE_REQUEST = Math.ceil(MAX_FILE_BYTES / 3) * 4 + SMALL_REQUEST;

/** The encoding the team lead chose over the guess ("shift_jis", "windows-1252"); the core checks it is one it knows. */
const chosenEncoding = z.string().trim().min(1).max(40).optional();

const file = {
  fileName: z.string().trim().min(1).max(255),
  /** The file's bytes, base64: the core detects the encoding itself. */
  data: z.string().max(MAX_FILE_REQUEST, 'the file is larger than 100 MB'),
};
const name = z.string().trim().min(1).max(120);
/** What a summary covers: a session, or a range (a rep's or everyone's, a list's or all leads). */
const summaryScope = {
  sessionId: z.int().positive().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  rep: z.string().max(80).optional(),
  listName: name.optional(),
  /** The zone the days start in and the hours of the day are counted in (the team lead's, say). */
  timeZone: z.string().max(64).default('UTC'),
};
/** Reps' summary files (their JSON exports), read as text, for a team summary. */
const summaryFiles = z
  .array(z.strictObject({ fileName: file.fileName, text: z.string().max(4 * 1024 * 1024, 'a summary file is larger than 4 MB') }))
  .min(1, 'choose at least one summary file')
  .max(50, 'a team summary takes up to 50 files');
const SUMMARY_FILES_REQUEST = 50 * 4 * 1024 * 1024 + SMALL_REQUEST;
/** Each console (window or browser tab) names itself, so its claim on the lead it shows is its own. */
const consoleId = z.string().regex(/^[\w-]{8,64}$/, 'letters, digits, - or _, 8 to 64 of them');
const queueScope = { consoleId: consoleId.optional(), listName: name.optional() };
const batchId = z.int().positive();
export const columnMappingSchema = z.partialRecord(z.enum(LEAD_FIELDS), z.string().max(200).nullable());

export const preferencesSchema = z.strictObject({
  dialScheme: z.enum(DIAL_SCHEMES),
  defaultCountry: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code such as US'),
  /** The calling rules of every list that has none of its own. */
  queueRules: queueRulesSchema,
  /** Who works this console, written on the calls, stage changes and handoffs it logs. */
  repName: z.string().trim().max(80),
  /** The call list this console works (the queue, its counts, a session); null: every lead. */
  callList: z.string().trim().min(1).max(120).nullable(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const api = {
  'leads.previewImport': method<ImportPreview>()(z.strictObject({ ...file, mapping: columnMappingSchema.optional(), encoding: chosenEncoding }), MAX_FILE_REQUEST),
  'leads.import': method<ImportReport>()(
    z.strictObject({
      ...file,
      mapping: columnMappingSchema.optional(),
      encoding: chosenEncoding,
      mappingName: name.optional(),
      listName: name.optional(),
      defaultCountry: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code such as US').optional(),
      dryRun: z.boolean().default(false),
    }),
    MAX_FILE_REQUEST,
  ),
  'leads.importActivities': method<ActivityImportReport>()(z.strictObject(file), MAX_FILE_REQUEST),
  'leads.export': method<LeadExportResult>()(z.strictObject({ format: z.enum(['csv', 'json']).default('csv'), listName: name.optional() })),
  'leads.loadDemo': method<ImportReport>()(none),
  'leads.get': method<LeadCard>()(z.strictObject({ leadId })),
  'imports.list': method<ImportBatch[]>()(none),
  'imports.undo': method<UndoReport>()(z.strictObject({ batchId })),
  'imports.rejectedRows': method<ExportedFile>()(z.strictObject({ batchId })),
  'lists.list': method<CallList[]>()(none),
  'lists.save': method<CallList>()(callListSchema),
  'mappings.list': method<SavedMapping[]>()(none),
  'mappings.save': method<SavedMapping>()(z.strictObject({ name, mapping: columnMappingSchema })),
  'queue.next': method<QueueSnapshot>()(z.strictObject({ ...queueScope })),
  'queue.preview': method<QueuePreview>()(z.strictObject({ listName: name.optional(), limit: z.int().min(1).max(200).default(20) })),
  'queue.whyNot': method<WhyNot>()(z.strictObject({ leadId, listName: name.optional() })),
  'queue.skip': method<QueueSnapshot>()(z.strictObject({ ...queueScope, leadId })),
  'queue.snooze': method<QueueSnapshot>()(z.strictObject({ ...queueScope, leadId, until: z.iso.datetime({ offset: true }) })),
  'queue.release': method<{ released: true }>()(z.strictObject({ consoleId })),
  'calls.disposition': method<{ call: CallLog; queue: QueueSnapshot }>()(
    z.strictObject({
      ...queueScope,
      leadId,
      code: z.string().min(1).max(64),
      notes: z.string().max(20_000).default(''),
      /** For a disposition that needs one: when to call back (an instant; the console picks it in the lead's time). */
      callbackAt: z.iso.datetime({ offset: true }).optional(),
      /** The script's answers, by question id (checked against the active script in main). */
      answers: z.record(z.string().max(40), z.union([z.string().max(5000), z.number(), z.boolean(), z.array(z.string().max(120)).max(20)])).optional(),
      /** Why: for a disposition that asks for a reason, or one other than the recommended. */
      reason: z.string().trim().max(2000).optional(),
      /** When the rep dialled (the call's start); the disposition is its end. */
      startedAt: z.iso.datetime({ offset: true }).optional(),
      /** The dial the console recorded when the rep dialled. */
      dialId: z.int().positive().optional(),
      /** The number the rep dialled (the one the console offered), E.164. */
      number: z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number').optional(),
    }),
  ),
  'sessions.start': method<CallingSession>()(z.strictObject({ consoleId, listName: name.optional() })),
  'sessions.pause': method<CallingSession>()(z.strictObject({ consoleId })),
  'sessions.resume': method<CallingSession>()(z.strictObject({ consoleId })),
  'sessions.end': method<CallingSession>()(z.strictObject({ consoleId })),
  'sessions.summary': method<CallingSummary>()(z.strictObject(summaryScope)),
  'sessions.export': method<ExportedFile[]>()(
    z.strictObject({
      ...summaryScope,
      /** pdf: the report printed by the desktop app (see app.capabilities). */
      format: z.enum(['json', 'csv', 'html', 'pdf']).default('json'),
    }),
  ),
  /** Merges reps' summaries in this process (no server, nothing stored); files that are not summaries are refused one by one. */
  'team.merge': method<{ team: TeamSummary | null; note: string | null; refused: { index: number; fileName: string; message: string }[] }>()(
    z.strictObject({ files: summaryFiles }),
    SUMMARY_FILES_REQUEST,
  ),
  'team.export': method<ExportedFile>()(z.strictObject({ files: summaryFiles, format: z.enum(['json', 'csv', 'html', 'pdf']).default('html') }), SUMMARY_FILES_REQUEST),
  /** What this shell can do beyond the core: the desktop app prints reports to PDF. */
  'app.capabilities': method<{ pdf: boolean }>()(none),
  /** The reps who logged calls, for choosing whose summary to read. */
  'sessions.reps': method<string[]>()(none),
  'sessions.current': method<CallingSession | null>()(z.strictObject({ consoleId })),
  /** Checked at the instant of the dial (do-not-call, bad number, calling hours, caps): a refusal says why. */
  'calls.dial': method<{ dialId: number; at: string }>()(
    z.strictObject({ ...queueScope, leadId, number: z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number') }),
  ),
  'calls.saveDraft': method<{ saved: true }>()(z.strictObject({ leadId, notes: z.string().max(20_000) })),
  'calls.undo': method<QueueSnapshot>()(z.strictObject({ callId: z.int().positive(), consoleId: consoleId.optional() })),
  'handoffs.list': method<Handoff[]>()(z.strictObject({ limit: z.int().min(1).max(1000).default(100) })),
  'handoffs.export': method<ExportedFile>()(z.strictObject({ format: z.enum(['csv', 'json']).default('csv') })),
  'scripts.active': method<ActiveScriptView | null>()(none),
  'scripts.list': method<ScriptVersion[]>()(none),
  'scripts.validate': method<{ valid: true; name: string }>()(z.strictObject({ fileName: file.fileName, text: z.string().max(SMALL_REQUEST) })),
  'scripts.import': method<ScriptVersion>()(z.strictObject({ fileName: file.fileName, text: z.string().max(SMALL_REQUEST), activate: z.boolean().default(true) })),
  'scripts.activate': method<ScriptVersion[]>()(z.strictObject({ id: z.string().max(40), version: z.int().positive().optional() })),
  'scripts.export': method<ExportedFile>()(z.strictObject({ id: z.string().max(40), version: z.int().positive().optional() })),
  'dispositions.save': method<ListedDisposition[]>()(dispositionSchema),
  'dispositions.retire': method<ListedDisposition[]>()(z.strictObject({ code: z.string().max(40) })),
  'dispositions.import': method<ListedDisposition[]>()(z.strictObject({ fileName: file.fileName, text: z.string().max(SMALL_REQUEST) })),
  'calls.recent': method<CallLog[]>()(z.strictObject({ limit: z.int().min(1).max(500).default(50) })),
  'dispositions.list': method<ListedDisposition[]>()(none),
  'prefs.get': method<Preferences>()(none),
  'prefs.set': method<Preferences>()(preferencesSchema.partial()),
  /** The hours a lead may be called (the list's, narrowed by the law), for the callback picker's quick choices. */
  'queue.callingWindows': method<LeadCallingWindows>()(z.strictObject({ leadId, listName: name.optional() })),
  /** Callbacks not made yet that come due within a day (or are due), soonest first: the console announces each. */
  'callbacks.upcoming': method<UpcomingCallback[]>()(none),
  /** The console is still open and shows this lead: its claim (a short lease) is renewed. */
  'queue.heartbeat': method<{ held: boolean; leaseSeconds: number }>()(z.strictObject({ consoleId, leadId, listName: name.optional() })),
  // Context the rep needs (issue 11): find any lead, correct it, its account, the list worked, reasons.
  /** Any lead, open or closed, by name, company, email, or a number in any format (or its last digits). */
  'leads.search': method<LeadSearchResult>()(z.strictObject({ query: z.string().trim().min(1, 'type a name, a company, an email or a number').max(200), limit: z.int().min(1).max(50).default(20) })),
  'leads.edit': method<LeadCard>()(leadEditSchema),
  /** What reps changed on the lead by hand, newest first. */
  'leads.edits': method<LeadEdit[]>()(z.strictObject({ leadId })),
  /** The other people at the lead's company, where each stands and who called them last. */
  'leads.account': method<AccountView>()(z.strictObject({ leadId })),
  /** The call lists with how many leads wait in each, and the one this console works. */
  'lists.working': method<WorkingLists>()(none),
  /** Works this list from now on (null: every lead). */
  'lists.work': method<WorkingLists>()(z.strictObject({ listName: name.nullable() })),
  'reasons.list': method<ReasonList[]>()(none),
  'reasons.save': method<ReasonList[]>()(reasonListSchema),
  /** The store's backups (newest first), one now, and a restore by name: the current store is kept as a backup first. */
  'store.backups': method<BackupList>()(none),
  'store.backup': method<BackupInfo>()(none),
  'store.restore': method<RestoreReport>()(z.strictObject({ fileName: z.string().max(120).regex(BACKUP_FILE_NAME, 'the name of one of the store’s backups') })),
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
/** What a caller passes (defaults not yet applied). */
export type InputOf<K extends MethodName> = z.input<Api[K]['input']>;
/** What a handler receives (validated, defaults applied). */
export type ParsedInputOf<K extends MethodName> = z.output<Api[K]['input']>;
/** How a summary leaves Nextcall: the printable report, its PDF (desktop app), CSV or JSON. */
export type ReportFormat = ParsedInputOf<'sessions.export'>['format'];
export type OutputOf<K extends MethodName> = Exclude<Api[K]['output'], undefined>;

export type Handlers = { [K in MethodName]: (input: ParsedInputOf<K>) => OutputOf<K> | Promise<OutputOf<K>> };

export const methodNames = Object.keys(api) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(api, name);
}
