import { ApiError } from '../../shared/api-error.ts';
import { RATES_FROM, type CallingSession, type SessionStats } from '../../shared/sessions.ts';
import { transaction, type Database } from '../store/database.ts';
import { cachedStatement } from '../store/statement-cache.ts';
import { SECOND_MS } from '../../shared/time-units.ts';

/**
 * Calling sessions: a console starts one, pauses and resumes it, and ends it; every call logged
 * from that console meanwhile belongs to it. One open session per console.
 */
interface SessionRow {
  id: number;
  rep: string | null;
  list_name: string | null;
  started_at: number;
  ended_at: number | null;
  paused_at: number | null;
  paused_ms: number;
}

export function openSessionId(db: Database, consoleId: string): number | null {
  const row = cachedStatement(db, 'SELECT id FROM sessions WHERE console_id = ? AND ended_at IS NULL').get(consoleId) as { id: number } | undefined;
  return row?.id ?? null;
}

export function startSession(db: Database, consoleId: string, rep: string | null, listName: string | null, now: number): CallingSession {
  // A session is a rep's: unnamed, its summary would reach the team lead as nobody's.
  if (!rep?.trim()) throw new ApiError('invalid-input', 'Give your name before starting a session: it goes on the calls you log and in the team summary.');
  return transaction(db, () => {
    const open = openSessionId(db, consoleId);
    if (open !== null) throw new ApiError('conflict', 'This console has a session going: end it first.');
    const id = Number(db.prepare('INSERT INTO sessions (console_id, rep, list_name, started_at) VALUES (?, ?, ?, ?)').run(consoleId, rep, listName, now).lastInsertRowid);
    return getSession(db, id, now);
  });
}

export function pauseSession(db: Database, consoleId: string, now: number): CallingSession {
  const id = requireOpen(db, consoleId);
  db.prepare('UPDATE sessions SET paused_at = ? WHERE id = ? AND paused_at IS NULL').run(now, id);
  return getSession(db, id, now);
}

export function resumeSession(db: Database, consoleId: string, now: number): CallingSession {
  const id = requireOpen(db, consoleId);
  db.prepare('UPDATE sessions SET paused_ms = paused_ms + (? - paused_at), paused_at = NULL WHERE id = ? AND paused_at IS NOT NULL').run(now, id);
  return getSession(db, id, now);
}

export function endSession(db: Database, consoleId: string, now: number): CallingSession {
  const id = requireOpen(db, consoleId);
  transaction(db, () => {
    db.prepare('UPDATE sessions SET paused_ms = paused_ms + (? - paused_at), paused_at = NULL WHERE id = ? AND paused_at IS NOT NULL').run(now, id);
    db.prepare('UPDATE sessions SET ended_at = ? WHERE id = ?').run(now, id);
  });
  return getSession(db, id, now);
}

function requireOpen(db: Database, consoleId: string): number {
  const id = openSessionId(db, consoleId);
  if (id === null) throw new ApiError('conflict', 'This console has no session going: start one.');
  return id;
}

export function getSession(db: Database, id: number, now: number): CallingSession {
  const row = db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as SessionRow | undefined;
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
    stats: sessionStats(db, id, activeSeconds),
  };
}

/** The live strip's figures, from the session's calls. */
function sessionStats(db: Database, sessionId: number, activeSeconds: number): SessionStats {
  const calls = db
    .prepare(
      `SELECT c.counts_as_attempt, c.stage_before, c.stage_after, c.answers, c.started_at, c.ended_at,
              coalesce(json_extract(d.definition, '$.contact'), 0) AS contact,
              EXISTS (SELECT 1 FROM callbacks cb WHERE cb.set_by_call_id = c.id) AS set_callback
       FROM calls c LEFT JOIN dispositions d ON d.code = c.disposition_code
       WHERE c.session_id = ?`,
    )
    .all(sessionId) as {
    counts_as_attempt: number;
    stage_before: string;
    stage_after: string;
    answers: string | null;
    started_at: number;
    ended_at: number;
    contact: number;
    set_callback: number;
  }[];
  const dials = calls.filter((c) => c.counts_as_attempt === 1).length;
  const meaningful = activeSeconds >= RATES_FROM.activeSeconds || dials >= RATES_FROM.dials;
  const contacts = calls.filter((c) => c.contact === 1);
  const conversations = contacts.filter((c) => c.stage_after !== c.stage_before || (c.answers !== null && c.answers !== '{}') || c.set_callback === 1).length;
  return {
    dials,
    contacts: contacts.length,
    conversations,
    qualified: calls.filter((c) => c.stage_after === 'SQL' && c.stage_before !== 'SQL').length,
    contactRate: meaningful && dials > 0 ? contacts.length / dials : null,
    dialsPerHour: meaningful && activeSeconds > 0 ? dials / (activeSeconds / 3600) : null,
    talkSeconds: Math.round(contacts.reduce((sum, c) => sum + (c.ended_at - c.started_at), 0) / SECOND_MS),
  };
}
