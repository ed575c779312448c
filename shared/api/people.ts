import { z } from 'zod';
import type { Person, SignInState } from '../people.ts';
import { consoleId, none } from './common-inputs.ts';
import { method } from './method-spec.ts';

/**
 * Signing in to the team server. The session's token never appears in an answer: the host puts
 * it in an HttpOnly cookie, out of reach of the page's scripts.
 */
export const peopleApi = {
  'people.signIn': method<{ person: Person; expiresAt: string }>()(
    z.strictObject({
      name: z.string().trim().min(1, 'type your account name').max(128),
      password: z.string().min(1, 'type your password').max(256),
    }),
  ),
  /** With the console's id, the rep leaves that console too: its calling session ends, its lead goes back. */
  'people.signOut': method<{ signedOut: true }>()(z.strictObject({ consoleId: consoleId.optional() })),
  'people.me': method<SignInState>()(none),
  /** The team's accounts, by name (a team lead's, to choose who works a list). */
  'people.list': method<Person[]>()(none),
} as const;
