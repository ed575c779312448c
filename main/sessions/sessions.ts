import { ApiError } from '../../shared/api-error.ts';
import type { Disposition } from '../../shared/dispositions.ts';
import { RATES_FROM, type CallingSession, type PausesBetweenCalls, type SessionStats } from '../../shared/sessions.ts';
import type { Queryable } from '../store/seam/store.ts';
import { SECOND_MS } from '../../shared/time-units.ts';
import { callFigures, isContact } from '../../shared/summary-figures.ts';

/**
 * Calling sessions: a console starts one, pauses and resumes it, and ends it; every call logged
 * from that console meanwhile belongs to it. One open session per console.
 *
 * Written against the store seam (main/store/seam/store.ts): the same functions run on a rep's
 * SQLite store and on a team's PostgreSQL.
 */
interface SessionRow {
  id: number;
  rep: string | null;
  list_name: string | null;
  started_at: number;
  ended_at: number | null;
  paused_at: number | null;
  paused_ms: number;
  dialing_paused_at: number | null;
  dialing_paused_ms: number;
  dialing_pauses: number;
}

export async function openSessionId(q: Queryable, consoleId: string): Promise<number | null> {
  const row = await q.one<{ id: number }>('SELECT id FROM sessions WHERE console_id = ? AND ended_at IS NULL', [consoleId]);
  return row?.id ?? null;
}

const HAS_ONE = 'This console has a session going: end it first.';

export async function startSession(q: Queryable, consoleId: string, rep: string | null, listName: string | null, now: number): Promise<CallingSession> {
  // A session is a rep's: unnamed, its summary would reach the team lead as nobody's.
  if (!rep?.trim()) throw new ApiError('invalid-input', 'Give your name before starting a session: it goes on the calls you log and in the team summary.');
  try {
    return await q.transaction(async (tx) => {
      const open = await openSessionId(tx, consoleId);
      if (open !== null) throw new ApiError('conflict', HAS_ONE);
      const { id } = (await tx.one<{ id: number }>('INSERT INTO sessions (console_id, rep, list_name, started_at) VALUES (?, ?, ?, ?) RETURNING id', [consoleId, rep, listName, now]))!;
      return getSession(tx, id, now);
    });
  } catch (error) {
    // Two starts at once on two server processes: serializable makes the second run again and find
    // the first; inside a caller's weaker transaction, the one-open-session index refuses it.
    if (q.dialect.isUniqueViolation(error)) throw new ApiError('conflict', HAS_ONE);
    throw error;
  }
}

export async function pauseSession(q: Queryable, consoleId: string, now: number): Promise<CallingSession> {
  const id = await requireOpen(q, consoleId);
  await q.run('UPDATE sessions SET paused_at = ? WHERE id = ? AND paused_at IS NULL', [now, id]);
  return getSession(q, id, now);
}

const RESUME = 'UPDATE sessions SET paused_ms = paused_ms + (? - paused_at), paused_at = NULL WHERE id = ? AND paused_at IS NOT NULL';

export async function resumeSession(q: Queryable, consoleId: string, now: number): Promise<CallingSession> {
  const id = await requireOpen(q, consoleId);
  await q.run(RESUME, [now, id]);
  return getSession(q, id, now);
}

/**
 * The power dialer's countdown held by the rep (P) between a disposition and the next dial: a
 * pause between calls, counted apart from the session's own pauses (breaks, left out of the
 * active time) and from talk time. Without a session going there is nothing to count it in: null.
 */
export async function pauseDialing(q: Queryable, consoleId: string, now: number): Promise<CallingSession | null> {
  const id = await openSessionId(q, consoleId);
  if (id === null) return null;
  await q.run('UPDATE sessions SET dialing_paused_at = ? WHERE id = ? AND dialing_paused_at IS NULL', [now, id]);
  return getSession(q, id, now);
}

const RESUME_DIALING =
  'UPDATE sessions SET dialing_paused_ms = dialing_paused_ms + (? - dialing_paused_at), dialing_pauses = dialing_pauses + 1, dialing_paused_at = NULL WHERE id = ? AND dialing_paused_at IS NOT NULL';

/** The pause between calls ends: resumed, skipped, dialled by hand or power dialing turned off. */
export async function resumeDialing(q: Queryable, consoleId: string, now: number): Promise<CallingSession | null> {
  const id = await openSessionId(q, consoleId);
  if (id === null) return null;
  await q.run(RESUME_DIALING, [now, id]);
  return getSession(q, id, now);
}

export async function endSession(q: Queryable, consoleId: string, now: number): Promise<CallingSession> {
  const id = await requireOpen(q, consoleId);
  await q.transaction(async (tx) => {
    await tx.run(RESUME, [now, id]);
    await tx.run(RESUME_DIALING, [now, id]);
    await tx.run('UPDATE sessions SET ended_at = ? WHERE id = ?', [now, id]);
  });
  return getSession(q, id, now);
}

async function requireOpen(q: Queryable, consoleId: string): Promise<number> {
  const id = await openSessionId(q, consoleId);
  if (id === null) throw new ApiError('conflict', 'This console has no session going: start one.');
  return id;
}

export async function getSession(q: Queryable, id: number, now: number): Promise<CallingSession> {
  const row = await q.one<SessionRow>(
    'SELECT id, rep, list_name, started_at, ended_at, paused_at, paused_ms, dialing_paused_at, dialing_paused_ms, dialing_pauses FROM sessions WHERE id = ?',
    [id],
  );
  if (!row) throw new ApiError('not-found', `There is no session #${id}.`);
  const end = row.ended_at ?? now;
  const paused = row.paused_ms + (row.paused_at !== null ? now - row.paused_at : 0);
  const activeSeconds = Math.max(0, Math.round((end - row.started_at - paused) / SECOND_MS));
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: row.id,
    rep: row.rep,
    listName: row.list_name,
    startedAt: iso(row.started_at)!,
    endedAt: iso(row.ended_at),
    pausedAt: iso(row.paused_at),
    activeSeconds,
    stats: await sessionStats(q, id, activeSeconds),
    pausesBetweenCalls: pausesBetweenCalls(row, now),
  };
}

/** A pause going on counts already: the rep sees it grow, and a session ended with one counts it. */
export function pausesBetweenCalls(row: Pick<SessionRow, 'dialing_paused_at' | 'dialing_paused_ms' | 'dialing_pauses'>, now: number): PausesBetweenCalls {
  const going = row.dialing_paused_at !== null;
  const ms = row.dialing_paused_ms + (going ? now - row.dialing_paused_at! : 0);
  return { count: row.dialing_pauses + (going ? 1 : 0), seconds: Math.round(ms / SECOND_MS), going };
}

/** The live strip's figures, from the session's calls. */
async function sessionStats(q: Queryable, sessionId: number, activeSeconds: number): Promise<SessionStats> {
  const calls = await q.all<{
    disposition_code: string;
    counts_as_attempt: number;
    stage_before: string;
    stage_after: string;
    answers: string | null;
    started_at: number;
    ended_at: number;
    set_callback: number;
  }>(
    `SELECT c.disposition_code, c.counts_as_attempt, c.stage_before, c.stage_after, c.answers, c.started_at, c.ended_at,
            EXISTS (SELECT 1 FROM callbacks cb WHERE cb.set_by_call_id = c.id) AS set_callback
     FROM calls c WHERE c.session_id = ?`,
    [sessionId],
  );
  // Whether a disposition means a person answered lives in its definition (JSON): read here, in
  // TypeScript, rather than with each store's JSON functions.
  const definitions = await q.all<{ code: string; definition: string }>(
    'SELECT code, definition FROM dispositions WHERE code IN (SELECT DISTINCT disposition_code FROM calls WHERE session_id = ?)',
    [sessionId],
  );
  const contactCodes = new Set(definitions.filter((d) => (JSON.parse(d.definition) as Partial<Disposition>).contact === true).map((d) => d.code));
  const counted = calls.map((c) => ({ ...c, contact: contactCodes.has(c.disposition_code) ? 1 : 0 }));
  const { dials, contacts, conversations, qualified } = callFigures(counted);
  const meaningful = activeSeconds >= RATES_FROM.activeSeconds || dials >= RATES_FROM.dials;
  return {
    dials,
    contacts,
    conversations,
    qualified,
    contactRate: meaningful && dials > 0 ? contacts / dials : null,
    dialsPerHour: meaningful && activeSeconds > 0 ? dials / (activeSeconds / 3600) : null,
    talkSeconds: Math.round(counted.filter(isContact).reduce((sum, c) => sum + (c.ended_at - c.started_at), 0) / SECOND_MS),
  };
}
