import { ApiError } from '../../shared/api-error.ts';
import { SUMMARY_SCHEMA_VERSION, type CallingSummary } from '../../shared/summary.ts';
import { leadIdsOfList } from '../leads/call-lists.ts';
import type { Database } from '../store/database.ts';
import { pausesBetweenCalls } from './sessions.ts';
import { groupReasons } from './summary-reasons.ts';
import { MINUTE_MS } from '../../shared/time-units.ts';
import { isContact, isConversation, isDial, isQualified } from '../../shared/summary-figures.ts';

/**
 * What happened in a session, or for a rep over a date range, as the figures a team lead reads:
 * dispositions, the stage funnel, coverage, speed to lead, attempts to first contact, callbacks,
 * do-not-call, handoffs, dials by hour. Plain queries over the calls, one pass each.
 */
export type SummaryScope =
  | { sessionId: number; timeZone?: string }
  | { from: number; to: number; rep?: string | null; listName?: string | null; timeZone?: string };

interface CallRow {
  id: number;
  lead_id: number;
  disposition_code: string;
  disposition_label: string;
  counts_as_attempt: number;
  started_at: number;
  stage_before: string;
  stage_after: string;
  answers: string | null;
  contact: number;
  dnc: number;
  set_callback: number;
}

/** A callback made within this long after the time promised was kept on time. */
export const ON_TIME = 15 * MINUTE_MS;

export function summarize(db: Database, scope: SummaryScope, now: number): CallingSummary {
  const resolved = resolveScope(db, scope, now);
  const { where, params } = resolved;
  const calls = db
    .prepare(
      `SELECT c.id, c.lead_id, c.disposition_code, c.disposition_label, c.counts_as_attempt, c.started_at, c.stage_before, c.stage_after, c.answers,
              coalesce(json_extract(d.definition, '$.contact'), 0) AS contact,
              coalesce(json_extract(d.definition, '$.doNotCall'), 0) AS dnc,
              EXISTS (SELECT 1 FROM callbacks cb WHERE cb.set_by_call_id = c.id) AS set_callback
       FROM calls c LEFT JOIN dispositions d ON d.code = c.disposition_code
       WHERE ${where} ORDER BY c.started_at, c.id`,
    )
    .all(...params) as unknown as CallRow[];

  const dials = calls.filter(isDial);
  const contacts = calls.filter(isContact);
  const byCode = new Map<string, { code: string; label: string; count: number }>();
  for (const c of calls) {
    const entry = byCode.get(c.disposition_code) ?? { code: c.disposition_code, label: c.disposition_label, count: 0 };
    entry.count++;
    byCode.set(c.disposition_code, entry);
  }
  const funnel = new Map<string, { from: string; to: string; count: number }>();
  for (const c of calls.filter((c) => c.stage_after !== c.stage_before)) {
    const key = `${c.stage_before}>${c.stage_after}`;
    const entry = funnel.get(key) ?? { from: c.stage_before, to: c.stage_after, count: 0 };
    entry.count++;
    funnel.set(key, entry);
  }
  const callsByHour = Array.from({ length: 24 }, () => 0);
  const hourOf = new Intl.DateTimeFormat('en-US', { timeZone: resolved.timeZone, hour: 'numeric', hourCycle: 'h23' });
  for (const c of dials) callsByHour[Number(hourOf.format(c.started_at)) % 24]!++;

  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    scope: {
      sessionId: 'sessionId' in scope ? scope.sessionId : null,
      rep: resolved.rep,
      from: new Date(resolved.from).toISOString(),
      to: new Date(resolved.to).toISOString(),
      timeZone: resolved.timeZone,
      listName: resolved.listName,
    },
    calls: calls.length,
    dials: dials.length,
    contacts: contacts.length,
    conversations: calls.filter(isConversation).length,
    qualified: calls.filter(isQualified).length,
    contactRate: dials.length === 0 ? 0 : contacts.length / dials.length,
    dispositions: [...byCode.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)).map((d) => ({ ...d, share: d.count / calls.length })),
    funnel: [...funnel.values()].sort((a, b) => b.count - a.count || `${a.from}${a.to}`.localeCompare(`${b.from}${b.to}`)),
    coverage: coverage(db, resolved.listName, Math.min(resolved.to, now), 'sessionId' in scope ? new Set(calls.map((c) => c.lead_id)) : null),
    speedToLead: speedToLead(db, calls, resolved.from, resolved.to),
    attemptsToFirstContact: attemptsToFirstContact(db, contacts, resolved.from, resolved.to),
    // A callback due later today is not missed yet: a range that runs into the future counts up to now.
    callbacks: callbacks(db, calls, Math.min(resolved.to, now)),
    dncAdded: calls.filter((c) => c.dnc === 1).length,
    pausesBetweenCalls: pausesInScope(db, scope, resolved, now),
    handoffs: (
      db
        .prepare(
          `SELECT h.lead_id, l.first_name, l.last_name, h.at, h.why FROM handoffs h JOIN leads l ON l.id = h.lead_id
           WHERE h.call_id IN (SELECT value FROM json_each(?)) ORDER BY h.at`,
        )
        .all(JSON.stringify(calls.map((c) => c.id))) as { lead_id: number; first_name: string; last_name: string; at: number; why: string }[]
    ).map((h) => ({
      leadId: h.lead_id,
      leadName: `${h.first_name} ${h.last_name}`.trim(),
      at: new Date(h.at).toISOString(),
      why: (JSON.parse(h.why) as { summary: string }).summary,
    })),
    callsByHour,
    reasons: groupReasons(db, calls.map((c) => c.id)),
  };
}

/** The pauses between calls of the session, or of the sessions started in the range (the rep's, the list's). */
function pausesInScope(db: Database, scope: SummaryScope, resolved: { from: number; to: number; rep: string | null; listName: string | null }, now: number): CallingSummary['pausesBetweenCalls'] {
  const rows = (
    'sessionId' in scope
      ? db.prepare('SELECT dialing_paused_at, dialing_paused_ms, dialing_pauses FROM sessions WHERE id = ?').all(scope.sessionId)
      : db
          .prepare('SELECT dialing_paused_at, dialing_paused_ms, dialing_pauses FROM sessions WHERE started_at >= ? AND started_at < ? AND (? IS NULL OR rep = ?) AND (? IS NULL OR list_name = ?)')
          .all(resolved.from, resolved.to, resolved.rep, resolved.rep, resolved.listName, resolved.listName)
  ) as unknown as Parameters<typeof pausesBetweenCalls>[0][];
  const each = rows.map((row) => pausesBetweenCalls(row, now));
  return { count: each.reduce((n, p) => n + p.count, 0), seconds: each.reduce((n, p) => n + p.seconds, 0) };
}

function resolveScope(db: Database, scope: SummaryScope, now: number) {
  if ('sessionId' in scope) {
    const session = db.prepare('SELECT rep, list_name, started_at, ended_at FROM sessions WHERE id = ?').get(scope.sessionId) as
      | { rep: string | null; list_name: string | null; started_at: number; ended_at: number | null }
      | undefined;
    if (!session) throw new ApiError('not-found', `There is no session #${scope.sessionId}.`);
    return {
      where: 'c.session_id = ?',
      params: [scope.sessionId] as (string | number)[],
      from: session.started_at,
      to: session.ended_at ?? now,
      rep: session.rep,
      listName: session.list_name,
      timeZone: scope.timeZone ?? 'UTC',
    };
  }
  if (!(scope.from < scope.to)) throw new ApiError('invalid-input', 'The range must end after it starts.');
  const rep = scope.rep ?? null;
  const listName = scope.listName ?? null;
  return { ...rangeFilter(db, scope.from, scope.to, rep, listName), from: scope.from, to: scope.to, rep, listName, timeZone: scope.timeZone ?? 'UTC' };
}

/** The calls of a range: started within it, by the rep if one is named, to the list's leads if a list is. */
export function rangeFilter(db: Database, from: number, to: number, rep: string | null, listName: string | null): { where: string; params: (string | number)[] } {
  const where = ['c.started_at >= ?', 'c.started_at < ?'];
  const params: (string | number)[] = [from, to];
  if (rep !== null) {
    where.push('c.rep = ?');
    params.push(rep);
  }
  if (listName !== null) {
    const ids = leadIdsOfList(db, listName);
    if (ids === null) throw new ApiError('not-found', `There is no call list named "${listName}".`);
    where.push('c.lead_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(ids));
  }
  return { where: where.join(' AND '), params };
}

/**
 * The list's leads, those attempted and those never reached. A session counts its own calls
 * only: "attempted" is the leads its calls tried, not those other consoles tried meanwhile.
 */
function coverage(db: Database, listName: string | null, to: number, attemptedBySession: ReadonlySet<number> | null): CallingSummary['coverage'] {
  const ids = listName ? leadIdsOfList(db, listName) : null;
  const scoped = ids === null ? 'l.created_at < :to' : 'l.id IN (SELECT value FROM json_each(:ids))';
  const row = db
    .prepare(
      `SELECT count(*) AS leads,
              sum(EXISTS (SELECT 1 FROM calls c WHERE c.lead_id = l.id AND c.started_at < :to)) AS attempted,
              sum(NOT EXISTS (SELECT 1 FROM calls c JOIN dispositions d ON d.code = c.disposition_code
                              WHERE c.lead_id = l.id AND c.started_at < :to AND json_extract(d.definition, '$.contact') = 1)) AS never
       FROM leads l WHERE ${scoped}`,
    )
    .get(ids === null ? { to } : { to, ids: JSON.stringify(ids) }) as { leads: number; attempted: number | null; never: number | null };
  const leads = row.leads;
  const neverContacted = row.never ?? 0;
  const attempted = attemptedBySession === null ? (row.attempted ?? 0) : [...attemptedBySession].filter((id) => ids === null || ids.includes(id)).length;
  return { leads, attempted, neverContacted, neverContactedShare: leads === 0 ? 0 : neverContacted / leads };
}

/** The nearest-rank percentile of sorted figures (the median is the 50th). */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function speedToLead(db: Database, calls: CallRow[], from: number, to: number): CallingSummary['speedToLead'] {
  const first = db.prepare('SELECT min(started_at) AS at FROM calls WHERE lead_id = ? AND counts_as_attempt = 1');
  const since = db.prepare(
    `SELECT max(l.created_at, coalesce((SELECT max(a.occurred_at) FROM activities a
       WHERE a.lead_id = l.id AND a.type IN ('call-request', 'demo-request') AND a.occurred_at <= :before), 0)) AS since
     FROM leads l WHERE l.id = :id`,
  );
  const minutes: number[] = [];
  for (const leadId of new Set(calls.filter((c) => c.counts_as_attempt === 1).map((c) => c.lead_id))) {
    const { at } = first.get(leadId) as { at: number };
    if (at < from || at >= to) continue;
    const { since: start } = since.get({ id: leadId, before: at }) as { since: number };
    minutes.push(Math.max(0, (at - start) / MINUTE_MS));
  }
  minutes.sort((a, b) => a - b);
  const median = percentile(minutes, 50);
  const p90 = percentile(minutes, 90);
  return { leads: minutes.length, medianMinutes: median === null ? null : Math.round(median), p90Minutes: p90 === null ? null : Math.round(p90) };
}

function attemptsToFirstContact(db: Database, contacts: CallRow[], from: number, to: number): CallingSummary['attemptsToFirstContact'] {
  const firstContact = db.prepare(
    `SELECT min(c.started_at) AS at FROM calls c JOIN dispositions d ON d.code = c.disposition_code
     WHERE c.lead_id = ? AND json_extract(d.definition, '$.contact') = 1`,
  );
  const attemptsUpTo = db.prepare('SELECT count(*) AS n FROM calls WHERE lead_id = ? AND counts_as_attempt = 1 AND started_at <= ?');
  const counts: number[] = [];
  for (const leadId of new Set(contacts.map((c) => c.lead_id))) {
    const { at } = firstContact.get(leadId) as { at: number };
    if (at < from || at >= to) continue;
    counts.push((attemptsUpTo.get(leadId, at) as { n: number }).n);
  }
  return { leads: counts.length, average: counts.length === 0 ? null : counts.reduce((a, b) => a + b, 0) / counts.length };
}

function callbacks(db: Database, calls: CallRow[], to: number): CallingSummary['callbacks'] {
  const rows = db
    .prepare(
      `SELECT cb.due_at, done.started_at AS done_at FROM callbacks cb LEFT JOIN calls done ON done.id = cb.done_by_call_id
       WHERE cb.set_by_call_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(calls.map((c) => c.id))) as { due_at: number; done_at: number | null }[];
  const kept = rows.filter((r) => r.done_at !== null && r.done_at <= r.due_at + ON_TIME).length;
  const missed = rows.filter((r) => r.due_at + ON_TIME < to && (r.done_at === null || r.done_at > r.due_at + ON_TIME)).length;
  return { set: rows.length, keptOnTime: kept, missed };
}

/** Everyone who has logged a call or opened a session, by name. */
export function callingReps(db: Database): string[] {
  const rows = db
    .prepare(`SELECT rep FROM calls WHERE rep IS NOT NULL AND rep <> '' UNION SELECT rep FROM sessions WHERE rep IS NOT NULL AND rep <> '' ORDER BY rep`)
    .all() as { rep: string }[];
  return rows.map((r) => r.rep);
}
