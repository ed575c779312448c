import type { PhoneSettings } from './api/phone.ts';

/** The softphone's words, shared by the core and the console. */

/** What the network said about a call that was not answered. */
export const NETWORK_OUTCOMES = ['busy', 'no-answer', 'unreachable', 'invalid-number'] as const;
export type NetworkOutcome = (typeof NETWORK_OUTCOMES)[number];

/** The disposition each outcome suggests, by the built-in codes (a team that renamed them gets none). */
export const OUTCOME_DISPOSITIONS: Readonly<Record<NetworkOutcome, string>> = {
  busy: 'busy',
  'no-answer': 'no-answer',
  unreachable: 'no-answer',
  'invalid-number': 'bad-number',
};

/** How the core keeps the password's digest: the OS keychain (desktop), a key file beside it (web host), the team server's key (a team). */
export type SecretProtection = 'os-keychain' | 'private-key-file' | 'team-server-key';

/** The phone settings as the console sees them: a password was saved (as its digest) or not, never the password. */
export type PhoneSettingsView = PhoneSettings & { hasPassword: boolean; protection: SecretProtection };

/** What the softphone registers with. */
export interface PhoneAccount {
  server: string;
  /** sip:user@domain */
  uri: string;
  authorizationUser: string;
  realm: string;
  /** MD5(user:realm:password): JsSIP answers a digest challenge for this realm with it. */
  ha1: string;
  displayName: string;
}

/** About six seconds a ring (two on, four off), the North American cadence. */
export const RING_SECONDS = 6;
