import type { z } from 'zod';
import { backupsApi } from './api/backups.ts';
import { callsApi } from './api/calls.ts';
import { dispositionsApi } from './api/dispositions.ts';
import { greetingsApi, recordingsApi } from './api/greetings.ts';
import { importsApi } from './api/imports.ts';
import { leadsApi } from './api/leads.ts';
import { listsApi } from './api/lists.ts';
import { peopleApi } from './api/people.ts';
import { phoneApi } from './api/phone.ts';
import { prefsApi } from './api/prefs.ts';
import { queueApi } from './api/queue.ts';
import { scriptsApi } from './api/scripts.ts';
import { sessionsApi } from './api/sessions.ts';
import { teamApi } from './api/team.ts';
import { teamServerApi } from './api/team-server.ts';
import { floorApi } from './api/floor.ts';
export type { ApiEvents, EventName } from './events.ts';
export { columnMappingSchema } from './api/leads.ts';
export { MAX_FILE_BYTES } from './api/common-inputs.ts';
export { preferencesSchema, type Preferences } from './api/prefs.ts';

/**
 * The contract between the renderer and main: every method, once, with the schema its input
 * must pass and the type it returns. Each namespace's methods sit in shared/api/<namespace>.ts;
 * this table joins them. The IPC router, the preload bridge, the web host and the CLI are loops
 * over it; adding a method is one entry in its namespace's file plus its handler.
 */
export const api = {
  ...leadsApi,
  ...importsApi,
  ...listsApi,
  ...queueApi,
  ...callsApi,
  ...dispositionsApi,
  ...scriptsApi,
  ...sessionsApi,
  ...teamApi,
  ...prefsApi,
  ...backupsApi,
  ...phoneApi,
  ...floorApi,
  ...peopleApi,
  ...greetingsApi,
  ...recordingsApi,
  ...teamServerApi,
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
