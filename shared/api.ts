import { z } from 'zod';
import type { Disposition } from './dispositions.ts';
import type { CallLog, ImportReport, LeadCard, QueueSnapshot } from './leads.ts';
import { DIAL_SCHEMES } from './dial-link.ts';
export type { ApiEvents, EventName } from './events.ts';

/**
 * The contract between the renderer and main: every method, once, with the schema its input
 * must pass and the type it returns. The IPC router, the preload bridge, the web host and the
 * CLI are loops over this table; adding a method is one line here plus its service function.
 */
interface MethodSpec<Input extends z.ZodType, Output> {
  input: Input;
  /** Type-only: never set at run time. */
  output?: Output;
}

const method =
  <Output>() =>
  <Input extends z.ZodType>(input: Input): MethodSpec<Input, Output> => ({ input });

const none = z.strictObject({});
const leadId = z.int().positive();

/** The largest CSV the console sends in one call (a 100,000-row CRM export is ~30 MB). */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export const preferencesSchema = z.strictObject({
  dialScheme: z.enum(DIAL_SCHEMES),
  defaultCountry: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code such as US'),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const api = {
  'leads.import': method<ImportReport>()(
    z.strictObject({
      fileName: z.string().min(1).max(255),
      csv: z.string().max(MAX_IMPORT_BYTES, 'the file is larger than 200 MB'),
    }),
  ),
  'leads.loadDemo': method<ImportReport>()(none),
  'leads.get': method<LeadCard>()(z.strictObject({ leadId })),
  'queue.next': method<QueueSnapshot>()(none),
  'calls.disposition': method<{ call: CallLog; queue: QueueSnapshot }>()(
    z.strictObject({
      leadId,
      code: z.string().min(1).max(64),
      notes: z.string().max(20_000).default(''),
    }),
  ),
  'calls.recent': method<CallLog[]>()(z.strictObject({ limit: z.int().min(1).max(500).default(50) })),
  'dispositions.list': method<Disposition[]>()(none),
  'prefs.get': method<Preferences>()(none),
  'prefs.set': method<Preferences>()(preferencesSchema.partial()),
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
/** What a caller passes (defaults not yet applied). */
export type InputOf<K extends MethodName> = z.input<Api[K]['input']>;
/** What a handler receives (validated, defaults applied). */
export type ParsedInputOf<K extends MethodName> = z.output<Api[K]['input']>;
export type OutputOf<K extends MethodName> = NonNullable<Api[K]['output']>;

export type Handlers = { [K in MethodName]: (input: ParsedInputOf<K>) => OutputOf<K> | Promise<OutputOf<K>> };

export const methodNames = Object.keys(api) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(api, name);
}
