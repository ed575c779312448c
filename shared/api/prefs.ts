import { z } from 'zod';
import { DIAL_SCHEMES } from '../dial-link.ts';
import { queueRulesSchema } from '../queue-rules.ts';
import { countryCode, none } from './common-inputs.ts';
import { method } from './method-spec.ts';

export const preferencesSchema = z.strictObject({
  dialScheme: z.enum(DIAL_SCHEMES),
  defaultCountry: countryCode,
  /** The calling rules of every list that has none of its own. */
  queueRules: queueRulesSchema,
  /** Who works this console, written on the calls, stage changes and handoffs it logs. */
  repName: z.string().trim().max(80),
  /** The call list this console works (the queue, its counts, a session); null: every lead. */
  callList: z.string().trim().min(1).max(120).nullable(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

/** This console's preferences, and what its shell can do. */
export const prefsApi = {
  'prefs.get': method<Preferences>()(none),
  'prefs.set': method<Preferences>()(preferencesSchema.partial()),
  /** What this shell can do beyond the core: the desktop app prints reports to PDF. */
  'app.capabilities': method<{ pdf: boolean }>()(none),
} as const;
