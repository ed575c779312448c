import type { Stage } from '../../shared/stages.ts';
import type { Queryable } from '../store/seam/store.ts';
import type { LeadFacts } from './eligibility.ts';
import { DAY_MS } from '../../shared/time-units.ts';

/** The lead's row, its claim and its first open callback: one statement (three round trips on PostgreSQL, else). */
const LEAD = `SELECT leads.id, leads.stage, leads.do_not_call, leads.attempts, leads.retry_at, leads.not_before, leads.time_zone, leads.region, leads.country,
    k.console_id, k.claimed_at, (SELECT min(due_at) FROM callbacks WHERE lead_id = leads.id AND done_by_call_id IS NULL) AS callback_due_at
  FROM leads LEFT JOIN claims k ON k.lead_id = leads.id WHERE leads.id = ?`;
const PHONES = 'SELECT e164, bad FROM phones WHERE lead_id = ? AND e164 IS NOT NULL ORDER BY position';
// Logged calls that count, and dials never logged (a crash): both are attempts on the number.
const ATTEMPTS = `SELECT started_at FROM calls INDEXED BY calls_number WHERE phone_e164 = ? AND started_at > ? AND counts_as_attempt = 1
  UNION ALL SELECT at FROM dials INDEXED BY dials_number WHERE phone_e164 = ? AND at > ? AND call_id IS NULL
  ORDER BY 1 DESC LIMIT 50`;

interface LeadFactsRow {
  id: number;
  stage: Stage;
  do_not_call: number;
  attempts: number;
  retry_at: number | null;
  not_before: number | null;
  time_zone: string | null;
  region: string | null;
  country: string | null;
  /** The console holding the lead, if any, and since when. */
  console_id: string | null;
  claimed_at: number | null;
  callback_due_at: number | null;
}

/** What the rules need to know about one lead at an instant, read with a handful of indexed lookups. */
export async function loadLeadFacts(q: Queryable, leadId: number, now: number): Promise<LeadFacts | null> {
  const row = await q.one<LeadFactsRow>(LEAD, [leadId]);
  if (!row) return null;
  const phones = await q.all<PhoneRow>(PHONES, [leadId]);
  const since = now - DAY_MS;
  const recentAttempts = new Map<string, number[]>();
  for (const { e164, bad } of phones) {
    if (bad === 0) recentAttempts.set(e164, (await q.all<{ started_at: number }>(ATTEMPTS, [e164, since, e164, since])).map((r) => r.started_at));
  }
  return factsOf(row, phones, recentAttempts);
}

/**
 * The facts of several leads in three statements, whatever their number: for a store where each
 * statement is a round trip (PostgreSQL), so a queue walk past leads that may not be called costs
 * a batch's three, not three a lead. Leads that no longer exist are not in the map.
 */
export async function loadLeadFactsOf(q: Queryable, leadIds: readonly number[], now: number): Promise<Map<number, LeadFacts>> {
  const facts = new Map<number, LeadFacts>();
  if (leadIds.length === 0) return facts;
  const ids = JSON.stringify(leadIds);
  const { inIds, inTexts } = q.dialect;
  const rows = await q.all<LeadFactsRow>(LEAD.replace('WHERE leads.id = ?', `WHERE ${inIds('leads.id')}`), [ids]);
  const phones = await q.all<PhoneRow & { lead_id: number }>(
    `SELECT lead_id, e164, bad FROM phones WHERE ${inIds('lead_id')} AND e164 IS NOT NULL ORDER BY lead_id, position`,
    [ids],
  );
  const numbers = JSON.stringify([...new Set(phones.filter((p) => p.bad === 0).map((p) => p.e164))]);
  const since = now - DAY_MS;
  const attempts = await q.all<{ phone_e164: string; at: number }>(
    `SELECT phone_e164, started_at AS at FROM calls INDEXED BY calls_number WHERE ${inTexts('phone_e164')} AND started_at > ? AND counts_as_attempt = 1
     UNION ALL SELECT phone_e164, at FROM dials INDEXED BY dials_number WHERE ${inTexts('phone_e164')} AND at > ? AND call_id IS NULL`,
    [numbers, since, numbers, since],
  );
  // As ATTEMPTS reads them: newest first, the 50 newest of a number.
  const byNumber = new Map<string, number[]>();
  for (const { phone_e164, at } of attempts) byNumber.set(phone_e164, [...(byNumber.get(phone_e164) ?? []), Number(at)]);
  for (const times of byNumber.values()) times.sort((a, b) => b - a).splice(50);
  for (const row of rows) {
    const id = Number(row.id);
    const own = phones.filter((p) => Number(p.lead_id) === id);
    const recentAttempts = new Map(own.filter((p) => p.bad === 0).map((p) => [p.e164, byNumber.get(p.e164) ?? []]));
    facts.set(id, factsOf(row, own, recentAttempts));
  }
  return facts;
}

interface PhoneRow {
  e164: string;
  bad: number;
}

function factsOf(row: LeadFactsRow, phones: readonly PhoneRow[], recentAttempts: Map<string, number[]>): LeadFacts {
  const goodNumbers = phones.filter((p) => p.bad === 0).map((p) => p.e164);
  const badNumbers = phones.filter((p) => p.bad !== 0).map((p) => p.e164);
  return {
    leadId: row.id,
    stage: row.stage,
    doNotCall: row.do_not_call === 1,
    attempts: row.attempts,
    retryAt: row.retry_at,
    notBefore: row.not_before,
    place: { timeZone: row.time_zone, region: row.region, country: row.country, numbers: goodNumbers },
    goodNumbers,
    badNumbers,
    recentAttempts,
    claim: row.console_id === null ? null : { consoleId: row.console_id, claimedAt: row.claimed_at! },
    callbackDueAt: row.callback_due_at,
  };
}
