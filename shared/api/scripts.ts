import { z } from 'zod';
import type { ExportedFile } from '../imports.ts';
import type { ActiveScriptView, ScriptVersion } from '../qualification.ts';
import { none, textFile } from './common-inputs.ts';
import { method } from './method-spec.ts';

const scriptVersion = { id: z.string().max(40), version: z.int().positive().optional() };

/** Qualification scripts: versioned, one active, checked before they are kept. */
export const scriptsApi = {
  'scripts.active': method<ActiveScriptView | null>()(none),
  'scripts.list': method<ScriptVersion[]>()(none),
  'scripts.validate': method<{ valid: true; name: string }>()(z.strictObject(textFile)),
  'scripts.import': method<ScriptVersion>()(z.strictObject({ ...textFile, activate: z.boolean().default(true) })),
  'scripts.activate': method<ScriptVersion[]>()(z.strictObject(scriptVersion)),
  'scripts.export': method<ExportedFile>()(z.strictObject(scriptVersion)),
} as const;
