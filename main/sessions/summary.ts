import { ApiError } from '../../shared/api-error.ts';
import { SUMMARY_SCHEMA_VERSION, type CallingSummary } from '../../shared/summary.ts';
import { zonedDay, zonedDayRange } from '../../shared/zoned-time.ts';
import { codesWith, speedToLead, type LeadCondition } from '../floor/today-calls.ts';
import { repKey } from '../floor/rep-states.ts';
import { listScope } from '../leads/call-lists.ts';
import type { Queryable, SqlValue } from '../store/seam/store.ts';
import { pausesBetweenCalls } from './sessions.ts';
import { groupReasons } from './summary-reasons.ts';
import { MINUTE_MS } from '../../shared/time-units.ts';
import { isContact, isConversation, isDial, isQualified } from '../../shared/summary-figures.ts';

/**
 * What happened in a session, or for a rep over a date range, as the figures a team lead reads:
 * dispositions, the stage funnel, coverage, speed to lead, attempts to first contact, callbacks,
 * do-not-call, handoffs, dials by hour. Plain queries on the store seam, one pass each, the same
 * text on a rep's SQLite store and a team's PostgreSQL; what a disposition means (a person
 * answered, do-not-call) is read from its definition in TypeScript.
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

/** The calls a summary counts: a condition over `calls c`, with its parameters. */
export interface CallCondition {
  where: string;
  params: SqlValue[];
}

export async function summarize(q: Queryable, scope: SummaryScope, now: number): Promise<CallingSummary> {
  const resolved = await resolveScope(q, scope, now);
  const contactCodes = await codesWith(q, 'contact');
  const dncCodes = await codesWith(q, 'doNotCall');
  const rows = await q.all<Omit<CallRow, 'contact' | 'dnc'>>(
    // The callbacks' calls as one set (the floor's way): callbacks has no index on the call that set them.
    `SELECT c.id, c.lead_id, c.disposition_code, c.disposition_label, c.counts_as_attempt, c.started_at, c.stage_before, c.stage_after, c.answers,
            c.id IN (SELECT cb.set_by_call_id FROM callbacks cb WHERE cb.set_by_call_id IS NOT NULL) AS set_callback
     FROM calls c WHERE ${resolved.calls.where} ORDER BY c.started_at, c.id`,
    resolved.calls.params,
  );
  const calls: CallRow[] = rows.map((c) => ({ ...c, contact: contactCodes.has(c.disposition_code) ? 1 : 0, dnc: dncCodes.has(c.disposition_code) ? 1 : 0 }));
  const callIds = JSON.stringify(calls.map((c) => c.id));

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
  const handoffs = await q.all<{ lead_id: number; first_name: string; last_name: string; at: number; why: string }>(
    `SELECT h.lead_id, l.first_name, l.last_name, h.at, h.why FROM handoffs h JOIN leads l ON l.id = h.lead_id
     WHERE ${q.dialect.inIds('h.call_id')} ORDER BY h.at, h.id`,
    [callIds],
  );

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
    coverage: await coverage(q, resolved.leads, Math.min(resolved.to, now), contactCodes, 'sessionId' in scope ? new Set(calls.map((c) => c.lead_id)) : null),
    speedToLead: await speedInScope(q, scope, resolved, now, contactCodes),
    attemptsToFirstContact: await attemptsToFirstContact(q, contacts, resolved.from, resolved.to, contactCodes),
    // A callback due later today is not missed yet: a range that runs into the future counts up to now.
    callbacks: await callbacks(q, callIds, Math.min(resolved.to, now)),
    dncAdded: calls.filter((c) => c.dnc === 1).length,
    pausesBetweenCalls: await pausesInScope(q, scope, resolved, now),
    handoffs: handoffs.map((h) => ({
      leadId: h.lead_id,
      leadName: `${h.first_name} ${h.last_name}`.trim(),
      at: new Date(h.at).toISOString(),
      why: (JSON.parse(h.why) as { summary: string }).summary,
    })),
    callsByHour,
    reasons: await groupReasons(q, callIds),
  };
}

type Resolved = Awaited<ReturnType<typeof resolveScope>>;

/**
 * Speed to lead as the floor reads it (main/floor/today-calls.ts), over the summary's range and
 * leads: the team's figures, or the rep's when the summary is a rep's. A session's range starts at
 * midnight of its first day (on the summary's clock), so the requests that waited for it count.
 */
async function speedInScope(q: Queryable, scope: SummaryScope, resolved: Resolved, now: number, contacts: ReadonlySet<string>): Promise<CallingSummary['speedToLead']> {
  const from = 'sessionId' in scope ? Date.parse(zonedDayRange(zonedDay(resolved.from, resolved.timeZone), zonedDay(resolved.from, resolved.timeZone), resolved.timeZone)!.from) : resolved.from;
  const speed = await speedToLead(q, { from, to: Math.min(resolved.to, now) }, contacts, resolved.leads ?? undefined);
  if (resolved.rep === null) return speed.team;
  const mine = speed.byRep.get(repKey(resolved.rep));
  return { requests: speed.team.requests, toDial: mine?.toDial ?? NONE, toContact: mine?.toContact ?? NONE };
}

const NONE: CallingSummary['speedToLead']['toDial'] = { count: 0, medianMs: null, p90Ms: null };

/** The pauses between calls of the session, or of the sessions started in the range (the rep's, the list's). */
async function pausesInScope(q: Queryable, scope: SummaryScope, resolved: Resolved, now: number): Promise<CallingSummary['pausesBetweenCalls']> {
  const where = ['started_at >= ?', 'started_at < ?'];
  const params: SqlValue[] = [resolved.from, resolved.to];
  if (resolved.rep !== null) {
    where.push('rep = ?');
    params.push(resolved.rep);
  }
  if (resolved.listName !== null) {
    where.push('list_name = ?');
    params.push(resolved.listName);
  }
  const columns = 'SELECT dialing_paused_at, dialing_paused_ms, dialing_pauses FROM sessions';
  const rows = await q.all<Parameters<typeof pausesBetweenCalls>[0]>(
    'sessionId' in scope ? `${columns} WHERE id = ?` : `${columns} WHERE ${where.join(' AND ')}`,
    'sessionId' in scope ? [scope.sessionId] : params,
  );
  const each = rows.map((row) => pausesBetweenCalls(row, now));
  return { count: each.reduce((n, p) => n + p.count, 0), seconds: each.reduce((n, p) => n + p.seconds, 0) };
}

async function resolveScope(q: Queryable, scope: SummaryScope, now: number) {
  if ('sessionId' in scope) {
    const session = await q.one<{ rep: string | null; list_name: string | null; started_at: number; ended_at: number | null }>(
      'SELECT rep, list_name, started_at, ended_at FROM sessions WHERE id = ?',
      [scope.sessionId],
    );
    if (!session) throw new ApiError('not-found', `There is no session #${scope.sessionId}.`);
    return {
      calls: { where: 'c.session_id = ?', params: [scope.sessionId] } as CallCondition,
      // A session's list may have been renamed or deleted since: its coverage is then every lead's.
      leads: session.list_name === null ? null : await listLeads(q, session.list_name).catch(() => null),
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
  const leads = listName === null ? null : await listLeads(q, listName);
  return { calls: rangeCalls(scope.from, scope.to, rep, leads), leads, from: scope.from, to: scope.to, rep, listName, timeZone: scope.timeZone ?? 'UTC' };
}

/** A call list's leads as a condition over `leads`; an unknown list is refused by name. */
async function listLeads(q: Queryable, listName: string): Promise<LeadCondition> {
  return (await listScope(q, listName)).list;
}

/** The calls of a range: started within it, by the rep if one is named, to the list's leads if a list is. */
export function rangeCalls(from: number, to: number, rep: string | null, leads: LeadCondition | null): CallCondition {
  const where = ['c.started_at >= ?', 'c.started_at < ?'];
  const params: SqlValue[] = [from, to];
  if (rep !== null) {
    where.push('c.rep = ?');
    params.push(rep);
  }
  if (leads !== null) {
    where.push(`c.lead_id IN (SELECT leads.id FROM leads WHERE ${leads.where})`);
    params.push(...leads.params);
  }
  return { where: where.join(' AND '), params };
}

/** The calls a summary counted, again: its session's, or its range's. */
export async function callsOfSummary(q: Queryable, scope: CallingSummary['scope']): Promise<CallCondition> {
  if (scope.sessionId !== null) return { where: 'c.session_id = ?', params: [scope.sessionId] };
  return rangeCalls(Date.parse(scope.from), Date.parse(scope.to), scope.rep, scope.listName === null ? null : await listLeads(q, scope.listName));
}

/**
 * The list's leads, those attempted and those never reached. A session counts its own calls
 * only: "attempted" is the leads its calls tried, not those other consoles tried meanwhile.
 */
async function coverage(q: Queryable, leads: LeadCondition | null, to: number, contacts: ReadonlySet<string>, attemptedBySession: ReadonlySet<number> | null): Promise<CallingSummary['coverage']> {
  const scoped = leads ?? { where: 'leads.created_at < ?', params: [to] };
  const row = (await q.one<{ leads: number; attempted: number | null; never: number | null }>(
    `SELECT count(*) AS leads,
            sum(CASE WHEN EXISTS (SELECT 1 FROM calls c WHERE c.lead_id = leads.id AND c.started_at < ?) THEN 1 ELSE 0 END) AS attempted,
            sum(CASE WHEN EXISTS (SELECT 1 FROM calls c WHERE c.lead_id = leads.id AND c.started_at < ?
                                   AND ${q.dialect.inTexts('c.disposition_code')}) THEN 0 ELSE 1 END) AS never
     FROM leads WHERE ${scoped.where}`,
    [to, to, JSON.stringify([...contacts]), ...scoped.params],
  ))!;
  const neverContacted = row.never ?? 0;
  let attempted = row.attempted ?? 0;
  if (attemptedBySession !== null) {
    attempted =
      leads === null
        ? attemptedBySession.size
        : (await q.one<{ n: number }>(`SELECT count(*) AS n FROM leads WHERE ${q.dialect.inIds('leads.id')} AND (${leads.where})`, [
            JSON.stringify([...attemptedBySession]),
            ...leads.params,
          ]))!.n;
  }
  return { leads: row.leads, attempted, neverContacted, neverContactedShare: row.leads === 0 ? 0 : neverContacted / row.leads };
}

/** For each lead first reached in scope, the attempts it took (every attempt up to that contact, whoever made it). */
async function attemptsToFirstContact(q: Queryable, contacts: CallRow[], from: number, to: number, contactCodes: ReadonlySet<string>): Promise<CallingSummary['attemptsToFirstContact']> {
  const leadIds = [...new Set(contacts.map((c) => c.lead_id))];
  if (leadIds.length === 0) return { leads: 0, average: null };
  const rows = await q.all<{ lead_id: number; started_at: number; counts_as_attempt: number; disposition_code: string }>(
    `SELECT lead_id, started_at, counts_as_attempt, disposition_code FROM calls
     WHERE ${q.dialect.inIds('lead_id')} AND started_at < ? ORDER BY started_at, id`,
    [JSON.stringify(leadIds), to],
  );
  const callsOf = new Map<number, typeof rows>();
  for (const row of rows) callsOf.set(row.lead_id, [...(callsOf.get(row.lead_id) ?? []), row]);
  const counts: number[] = [];
  for (const leadId of leadIds) {
    const calls = callsOf.get(leadId) ?? [];
    const first = calls.find((c) => contactCodes.has(c.disposition_code));
    if (!first || first.started_at < from) continue;
    counts.push(calls.filter((c) => c.counts_as_attempt === 1 && c.started_at <= first.started_at).length);
  }
  return { leads: counts.length, average: counts.length === 0 ? null : counts.reduce((a, b) => a + b, 0) / counts.length };
}

async function callbacks(q: Queryable, callIds: string, to: number): Promise<CallingSummary['callbacks']> {
  const rows = await q.all<{ due_at: number; done_at: number | null }>(
    `SELECT cb.due_at, done.started_at AS done_at FROM callbacks cb LEFT JOIN calls done ON done.id = cb.done_by_call_id
     WHERE ${q.dialect.inIds('cb.set_by_call_id')}`,
    [callIds],
  );
  const kept = rows.filter((r) => r.done_at !== null && r.done_at <= r.due_at + ON_TIME).length;
  const missed = rows.filter((r) => r.due_at + ON_TIME < to && (r.done_at === null || r.done_at > r.due_at + ON_TIME)).length;
  return { set: rows.length, keptOnTime: kept, missed };
}

/** The reps who logged a call in the range (to the list's leads, when a list is named), by name. */
export async function repsOfRange(q: Queryable, from: number, to: number, listName: string | null): Promise<string[]> {
  const calls = rangeCalls(from, to, null, listName === null ? null : await listLeads(q, listName));
  const rows = await q.all<{ rep: string }>(`SELECT DISTINCT c.rep FROM calls c WHERE ${calls.where} AND c.rep IS NOT NULL AND c.rep <> '' ORDER BY c.rep`, calls.params);
  return rows.map((r) => r.rep);
}

/** Everyone who has logged a call or opened a session, by name. */
export async function callingReps(q: Queryable): Promise<string[]> {
  const rows = await q.all<{ rep: string }>(`SELECT rep FROM calls WHERE rep IS NOT NULL AND rep <> '' UNION SELECT rep FROM sessions WHERE rep IS NOT NULL AND rep <> '' ORDER BY rep`);
  return rows.map((r) => r.rep);
}
