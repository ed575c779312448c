import { ApiError } from '../../shared/api-error.ts';
import { repKey } from '../floor/rep-states.ts';
import type { Queryable } from '../store/seam/store.ts';
import { currentCaller } from '../people/caller.ts';
import { releaseClaims } from '../queue/claims.ts';
import { endSession } from './sessions.ts';
import { signedInRep } from './summary-access.ts';

export const NOT_YOUR_CONSOLE =
  'This console’s calling session is another rep’s: you can pause, resume or end only your own session, and call only from it. Open Nextcall in a new tab for a console of your own, or ask your team lead to end that session.';

/**
 * A console is its rep's while a calling session runs on it: the session names the rep (as the
 * live floor knows them). A console's id travels with every call it makes, so another rep who
 * learnt it could pause or end that session, count their calls in it, or move its lead; on the
 * team server a rep is refused that with a sentence. A team lead may act on any console: they
 * close a session a rep left open (gone home, a crashed browser) and so free its console. A
 * console with no session going names no rep (its claim holds one lead for a short lease). Alone
 * (the desktop app, the web host, the CLI) there is no caller and nothing to check.
 */
export async function checkOwnConsole(q: Queryable, consoleId: string | undefined): Promise<void> {
  // Alone there is no one to check against: no read (queue.next and every beat pass here).
  if (signedInRep() !== null && consoleId !== undefined) await ownSessionId(q, consoleId);
}

/**
 * The calling session running on the console (its id, null when none runs), checked as
 * `checkOwnConsole` checks it: read once for a call that both checks and records the session.
 */
export async function ownSessionId(q: Queryable, consoleId: string): Promise<number | null> {
  const session = await openSession(q, consoleId);
  const me = signedInRep();
  if (me !== null && session && whose(session, me) === 'another') throw new ApiError('forbidden', NOT_YOUR_CONSOLE);
  return session?.id ?? null;
}

const openSession = (q: Queryable, consoleId: string) =>
  q.one<{ id: number; rep: string | null }>('SELECT id, rep FROM sessions WHERE console_id = ? AND ended_at IS NULL', [consoleId]);

const whose = (session: { rep: string | null }, me: string): 'mine' | 'another' => (repKey(session.rep) === repKey(me) ? 'mine' : 'another');

/** Whose calling session runs on a console, as `me` sees it. */
async function runningSession(q: Queryable, consoleId: string, me: string): Promise<'none' | 'mine' | 'another'> {
  const session = await openSession(q, consoleId);
  return session ? whose(session, me) : 'none';
}

/**
 * Whoever signs out leaves the console they signed out on: its calling session ends (its summary
 * stays, as after End session) and the lead it held goes back to the queue, so whoever signs in
 * there next starts a session of their own rather than finding another's. A session on it that is
 * not theirs is left as it is (a team lead ends it); one ended meanwhile leaves nothing to do.
 */
export async function leaveConsole(q: Queryable, consoleId: string, now: number): Promise<void> {
  const me = currentCaller()?.person?.name;
  if (!me) return;
  const session = await runningSession(q, consoleId, me);
  if (session === 'another') return;
  try {
    if (session === 'mine') await endSession(q, consoleId, now);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'conflict')) throw error;
  }
  await releaseClaims(q, consoleId);
}
