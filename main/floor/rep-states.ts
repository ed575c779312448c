import type { RepState } from '../../shared/floor.ts';
import { OPEN_DIAL_MS } from '../calls/dials.ts';
import type { Queryable } from '../store/seam/store.ts';

/**
 * Who is on the floor and what each is doing now. A rep's consoles are known by their open
 * calling sessions (a session names its rep and its console); a dial not yet logged on one of
 * those consoles is a call in progress. On a rep's own store there is one rep, whose every
 * console without a session of another name is theirs. On a team's store a dial also names the
 * account signed in on the console that placed it (the team server records it), so a call shows
 * on its rep's row with or without a session.
 */
export type Roster =
  /** A team's store: its accounts (people, main/people/) say who the reps are and who is signed in. */
  | { kind: 'accounts' }
  /** A rep's own store: one rep, by the name in the preferences (null when none is given yet). */
  | { kind: 'solo'; rep: string | null };

export interface RepNow {
  rep: string | null;
  signedIn: boolean | null;
  state: RepState;
  since: number | null;
  listName: string | null;
}

const RANK: Readonly<Record<RepState, number>> = { 'on-call': 4, 'in-session': 3, paused: 2, idle: 1, 'signed-out': 0 };

/** The key a name is matched by: account names are case-blind, and a name typed on a console may differ in case only. */
export const repKey = (rep: string | null) => (rep?.trim() ? rep.trim().toLowerCase() : null);

export async function repsNow(q: Queryable, roster: Roster, now: number, alsoNamed: Iterable<string | null>): Promise<RepNow[]> {
  const sessions = await q.all<{ console_id: string; rep: string | null; started_at: number; paused_at: number | null; list_name: string | null }>(
    'SELECT console_id, rep, started_at, paused_at, list_name FROM sessions WHERE ended_at IS NULL ORDER BY started_at',
  );
  // On a team's store a dial names the account signed in on its console (team only: accounts).
  const dials = await q.all<{ console_id: string | null; at: number; account: string | null }>(
    roster.kind === 'accounts'
      ? `SELECT d.console_id, d.at, a.name AS account FROM dials d LEFT JOIN accounts a ON a.id = d.account_id
         WHERE d.call_id IS NULL AND d.closed_at IS NULL AND d.at > ? ORDER BY d.at DESC`
      : 'SELECT console_id, at, NULL AS account FROM dials WHERE call_id IS NULL AND closed_at IS NULL AND at > ? ORDER BY at DESC',
    [now - OPEN_DIAL_MS],
  );

  const reps = new Map<string | null, RepNow>();
  const add = (rep: string | null, signedIn: boolean | null) => {
    const key = repKey(rep);
    if (!reps.has(key)) reps.set(key, { rep: rep || null, signedIn, state: signedIn === false ? 'signed-out' : 'idle', since: null, listName: null });
    return reps.get(key)!;
  };
  const raise = (rep: RepNow, state: RepState, since: number, listName: string | null) => {
    if (RANK[state] <= RANK[rep.state]) return;
    Object.assign(rep, { state, since, listName: listName ?? rep.listName });
  };

  if (roster.kind === 'solo') add(roster.rep, null);
  else {
    const accounts = await q.all<{ name: string; role: string; signed_in: number }>(
      `SELECT a.name, a.role, EXISTS (SELECT 1 FROM sign_in_sessions s WHERE s.account_id = a.id AND s.expires_at > ?) AS signed_in
       FROM accounts a ORDER BY a.name`,
      [now],
    );
    // A team lead or an admin is on the floor when they call; a rep always is.
    for (const a of accounts) if (a.role === 'rep' || a.signed_in === 1) add(a.name, a.signed_in === 1);
  }
  const inTeam = (rep: string | null) => add(rep, roster.kind === 'solo' ? null : (reps.get(repKey(rep))?.signedIn ?? false));
  for (const rep of alsoNamed) inTeam(rep);

  const repOfConsole = new Map<string, RepNow>();
  for (const s of sessions) {
    const rep = roster.kind === 'solo' ? add(s.rep ?? roster.rep, null) : inTeam(s.rep);
    repOfConsole.set(s.console_id, rep);
    if (s.paused_at !== null) raise(rep, 'paused', s.paused_at, s.list_name);
    else raise(rep, 'in-session', s.started_at, s.list_name);
  }
  for (const d of dials) {
    // Newest first: the call a rep is on is their latest dial. On a team's store it is the
    // signed-in account's that placed it; else a console is known by its session, and on a rep's
    // own store one without a session is the rep's.
    const rep =
      (d.account !== null ? inTeam(d.account) : undefined) ??
      (d.console_id === null ? undefined : repOfConsole.get(d.console_id)) ??
      (roster.kind === 'solo' ? add(roster.rep, null) : undefined);
    if (rep) raise(rep, 'on-call', d.at, null);
  }
  return [...reps.values()].sort((a, b) => (a.rep ?? '').localeCompare(b.rep ?? '', 'en', { sensitivity: 'base' }));
}
