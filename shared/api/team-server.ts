import { z } from 'zod';
import { checkTeamAddress } from '../team-address.ts';
import type { UploadReport } from '../store-upload.ts';
import { name, none } from './common-inputs.ts';
import { method } from './method-spec.ts';

/** The team server this console works through; null: working alone on its own store. */
export interface TeamMembership {
  address: string | null;
  /** Whether a rep's team sign-in here outlives a restart of Nextcall. */
  signInKept: SignInKept;
}

/**
 * `keychain`: sealed by this computer's keychain (the desktop app). `no-keychain`: kept in memory
 * only, for the desktop app found no keychain it can use on this computer (Settings → Team says
 * so). `memory`: kept in memory only by design (the web host, which uses no keychain).
 */
export type SignInKept = 'keychain' | 'no-keychain' | 'memory';

const teamAddress = z
  .string()
  .max(2048, 'an address has at most 2,048 characters')
  .refine((text) => checkTeamAddress(text).ok, { error: (issue) => messageOf(issue.input) });

function messageOf(input: unknown): string {
  const check = checkTeamAddress(String(input));
  return check.ok ? '' : check.message;
}

/**
 * A console joining a team (main relays every other call to the team server once joined), and
 * working alone again. Always answered by this console's own main process, never relayed.
 */
export const teamServerApi = {
  'teamServer.status': method<TeamMembership>()(none),
  'teamServer.join': method<TeamMembership>()(z.strictObject({ address: teamAddress })),
  /** Back to the local store; the team server's session is forgotten. */
  'teamServer.leave': method<TeamMembership>()(none),
  /**
   * This computer's own store (the one Work alone uses) uploaded into the joined team: main reads
   * it and sends its bytes to the team server's `leads.uploadStore`, a team lead's; `as` is the
   * team account its calls are recorded under (the signed-in one when none).
   */
  'teamServer.uploadStore': method<UploadReport>()(z.strictObject({ as: name.optional(), dryRun: z.boolean() })),
} as const;
