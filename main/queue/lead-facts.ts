import type { Stage } from '../../shared/stages.ts';
import type { Queryable } from '../store/seam/store.ts';
import type { LeadFacts } from './eligibility.ts';
import { DAY_MS } from '../../shared/time-units.ts';

const LEAD = 'SELECT id, stage, do_not_call, attempts, retry_at, not_before, time_zone, region, country FROM leads WHERE id = ?';
const PHONES = 'SELECT e164, bad FROM phones WHERE lead_id = ? AND e164 IS NOT NULL ORDER BY position';
// Logged calls that count, and dials never logged (a crash): both are attempts on the number.
const ATTEMPTS = `SELECT started_at FROM calls INDEXED BY calls_number WHERE phone_e164 = ? AND started_at > ? AND counts_as_attempt = 1
  UNION ALL SELECT at FROM dials INDEXED BY dials_number WHERE phone_e164 = ? AND at > ? AND call_id IS NULL
  ORDER BY 1 DESC LIMIT 50`;
const CLAIM = 'SELECT console_id, claimed_at FROM claims WHERE lead_id = ?';
const CALLBACK = 'SELECT min(due_at) AS due_at FROM callbacks WHERE lead_id = ? AND done_by_call_id IS NULL';

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
  const claim = await q.one<ClaimRow>(CLAIM, [leadId]);
  const callback = await q.one<{ due_at: number | null }>(CALLBACK, [leadId]);
  return factsOf(row, phones, recentAttempts, claim, callback?.due_at ?? null);
}

/**
 * The facts of several leads in five statements, whatever their number: for a store where each
 * statement is a round trip (PostgreSQL), so a queue walk past leads that may not be called costs
 * a batch's five, not five a lead. Leads that no longer exist are not in the map.
 */
export async function loadLeadFactsOf(q: Queryable, leadIds: readonly number[], now: number): Promise<Map<number, LeadFacts>> {
  const facts = new Map<number, LeadFacts>();
  if (leadIds.length === 0) return facts;
  const ids = JSON.stringify(leadIds);
  const { inIds, inTexts } = q.dialect;
  const rows = await q.all<LeadFactsRow>(LEAD.replace('WHERE id = ?', `WHERE ${inIds('id')}`), [ids]);
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
  const claims = await q.all<ClaimRow & { lead_id: number }>(`SELECT lead_id, console_id, claimed_at FROM claims WHERE ${inIds('lead_id')}`, [ids]);
  const callbacks = await q.all<{ lead_id: number; due_at: number }>(
    `SELECT lead_id, min(due_at) AS due_at FROM callbacks WHERE ${inIds('lead_id')} AND done_by_call_id IS NULL GROUP BY lead_id`,
    [ids],
  );
  // As ATTEMPTS reads them: newest first, the 50 newest of a number.
  const byNumber = new Map<string, number[]>();
  for (const { phone_e164, at } of attempts) byNumber.set(phone_e164, [...(byNumber.get(phone_e164) ?? []), Number(at)]);
  for (const times of byNumber.values()) times.sort((a, b) => b - a).splice(50);
  for (const row of rows) {
    const id = Number(row.id);
    const own = phones.filter((p) => Number(p.lead_id) === id);
    const recentAttempts = new Map(own.filter((p) => p.bad === 0).map((p) => [p.e164, byNumber.get(p.e164) ?? []]));
    const claim = claims.find((c) => Number(c.lead_id) === id);
    const dueAt = callbacks.find((c) => Number(c.lead_id) === id)?.due_at;
    facts.set(id, factsOf(row, own, recentAttempts, claim, dueAt ?? null));
  }
  return facts;
}

interface PhoneRow {
  e164: string;
  bad: number;
}

interface ClaimRow {
  console_id: string;
  claimed_at: number;
}

function factsOf(row: LeadFactsRow, phones: readonly PhoneRow[], recentAttempts: Map<string, number[]>, claim: ClaimRow | undefined, callbackDueAt: number | null): LeadFacts {
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
    claim: claim ? { consoleId: claim.console_id, claimedAt: claim.claimed_at } : null,
    callbackDueAt,
  };
}
