import { z } from 'zod';
import { e164Number, leadId, none } from './common-inputs.ts';
import { method } from './method-spec.ts';
import { NETWORK_OUTCOMES, type PhoneAccount, type PhoneSettingsView } from '../phone.ts';

/**
 * What a SIP address may hold. Letters, digits and the few marks RFC 3261 allows in a user part
 * or a host: never markup, quotes, spaces or angle brackets, so nothing typed here can break out
 * of a SIP header or an HTML attribute.
 */
const sipUser = z.string().trim().regex(/^[A-Za-z0-9+._~!$&'()*,;=%-]{1,64}$/, 'letters, digits and + . _ - only (no spaces or < > " characters)');
const sipHost = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*$/, 'a domain name such as pbx.example.com');

/**
 * The phone system's WebSocket address: wss:// anywhere, ws:// only to this computer (a phone
 * system on the same machine, the tests' own): a password digest never crosses a network in clear.
 */
export function phoneServerProblem(address: string): string | null {
  // shared/ has no URL class: the parts a WebSocket address may have, and nothing else (no user,
  // no spaces, no quotes or angle brackets).
  const parts = /^([a-z]+):\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(:\d{1,5})?(\/[A-Za-z0-9._~!$&'()*+,;=:@%/?#-]*)?$/.exec(address);
  if (!parts) return 'not an address: write it as wss://pbx.example.com:8089/ws';
  const [, scheme, host = ''] = parts;
  if (scheme === 'wss') return null;
  if (scheme === 'ws' && ['127.0.0.1', 'localhost', '[::1]'].includes(host.toLowerCase())) return null;
  return scheme === 'ws' ? 'ws:// is only for a phone system on this computer: use wss://' : 'it must start with wss://';
}
const phoneServer = z
  .string()
  .trim()
  .max(300)
  .superRefine((value, ctx) => {
    const problem = value === '' ? null : phoneServerProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A caller ID's display name: printable text, no quotes or angle brackets (it goes in a From header). */
const displayName = z
  .string()
  .trim()
  .max(80)
  .regex(/^[^"<>\\\p{Cc}]*$/u, 'no quotes, < > or \\');

export const phoneSettingsSchema = z.strictObject({
  /** How C dials: the built-in softphone, or a tel:/sip:/callto: link to the computer's own. */
  mode: z.enum(['link', 'softphone']),
  server: phoneServer,
  user: z.union([z.literal(''), sipUser]),
  domain: z.union([z.literal(''), sipHost]),
  /** The digest realm, when the phone system's differs from its domain (Asterisk's default is "asterisk"). */
  realm: z.union([z.literal(''), z.string().trim().max(120).regex(/^[^"\\\p{Cc}]*$/u, 'no quotes or \\')]),
  /** The user the phone system authenticates, when it is not the SIP user. */
  authUser: z.union([z.literal(''), sipUser]),
  callerId: displayName,
  microphoneId: z.string().max(200),
  speakerId: z.string().max(200),
  /** Rings (about 6 seconds each) before an unanswered call is ended as no answer. */
  ringsBeforeNoAnswer: z.int().min(1).max(20),
  /** Where Test call rings: the phone system's echo service (Asterisk's *43, FreeSWITCH's 9196), or any extension. */
  testNumber: z.union([z.literal(''), sipUser]),
  /** What the network's outcome does: pre-select the disposition, or log it at once. */
  outcomes: z.enum(['preselect', 'log']),
  /** Power dialing: seconds between a disposition and the next lead's dial (0: at once), for the rep to pause (P) or skip (S). */
  powerDialSeconds: z.int('whole seconds').min(0, 'from 0 seconds').max(60, 'at most 60 seconds'),
});
export type PhoneSettings = z.infer<typeof phoneSettingsSchema>;

export const phoneApi = {
  /** The phone settings, without the password: only whether one is kept, and how it is protected. */
  'phone.settings': method<PhoneSettingsView>()(none),
  /** A password given here is turned into its digest for the realm, sealed, and never sent back. */
  'phone.save': method<PhoneSettingsView>()(phoneSettingsSchema.partial().extend({ password: z.string().min(1).max(128).optional() })),
  /** What the softphone registers with: the digest (HA1) for the realm, never the password; null until set up. */
  'phone.account': method<PhoneAccount | null>()(none),
  /** The network's answer to a dial: a number it rejects as invalid is flagged bad at once. */
  'phone.outcome': method<{ flaggedBad: boolean }>()(
    z.strictObject({ leadId, dialId: z.int().positive(), number: e164Number, outcome: z.enum(NETWORK_OUTCOMES), cause: z.string().max(200) }),
  ),
} as const;
