import { AsyncLocalStorage } from 'node:async_hooks';
import type { Person } from '../../shared/people.ts';

/**
 * Who made the call being handled, on the team server: the signed-in person, the client's
 * address (sign-in limits count per address), and the sign-in session the request carries.
 * Handlers are made once per process and serve many people at once, so the caller travels with
 * the call's async context rather than as a handler argument: `runAsCaller` wraps the dispatch,
 * and any await inside the handler still sees the same caller. Outside the team server (the
 * desktop app, the solo web host, the CLI) there is no caller.
 */
export interface Caller {
  person: Person | null;
  address: string;
  /** The sign-in token the request carried (its cookie), if any. */
  token: string | null;
  /** The host sets the session cookie when the handler signs someone in, and clears it on sign-out. */
  startSession(token: string, expiresAt: number): void;
  endSession(): void;
}

const current = new AsyncLocalStorage<Caller>();

export function runAsCaller<T>(caller: Caller, work: () => T): T {
  return current.run(caller, work);
}

/** The caller of the call being handled, or null outside the team server. */
export function currentCaller(): Caller | null {
  return current.getStore() ?? null;
}

/** The rep a call, a stage change or a calling session is recorded against. */
export interface RepOnRecord {
  /** The account's id on the team server; null for a rep working alone (no accounts). */
  id: number | null;
  name: string;
}

/** The signed-in person on the team server; alone, the rep name set in the preferences (or nobody). */
export function repOnRecord(soloRepName: () => string): RepOnRecord | null {
  const person = currentCaller()?.person;
  if (person) return { id: person.id, name: person.name };
  const name = soloRepName();
  return name ? { id: null, name } : null;
}
