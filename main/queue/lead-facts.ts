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
  const phones = await q.all<{ e164: string; bad: number }>(PHONES, [leadId]);
  const goodNumbers = phones.filter((p) => p.bad === 0).map((p) => p.e164);
  const badNumbers = phones.filter((p) => p.bad !== 0).map((p) => p.e164);
  const since = now - DAY_MS;
  const recentAttempts = new Map<string, number[]>();
  for (const n of goodNumbers) recentAttempts.set(n, (await q.all<{ started_at: number }>(ATTEMPTS, [n, since, n, since])).map((r) => r.started_at));
  const claim = await q.one<{ console_id: string; claimed_at: number }>(CLAIM, [leadId]);
  const callback = await q.one<{ due_at: number | null }>(CALLBACK, [leadId]);
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
    callbackDueAt: callback?.due_at ?? null,
  };
}
