import type { Stage } from '../../shared/stages.ts';
import type { Database } from '../store/database.ts';
import type { LeadFacts } from './eligibility.ts';
import { DAY_MS } from '../../shared/time-units.ts';


interface Statements {
  lead: ReturnType<Database['prepare']>;
  phones: ReturnType<Database['prepare']>;
  attempts: ReturnType<Database['prepare']>;
  claim: ReturnType<Database['prepare']>;
  callback: ReturnType<Database['prepare']>;
}
const cache = new WeakMap<Database, Statements>();

function statements(db: Database): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      lead: db.prepare('SELECT id, stage, do_not_call, attempts, retry_at, not_before, time_zone, region, country FROM leads WHERE id = ?'),
      phones: db.prepare('SELECT e164, bad FROM phones WHERE lead_id = ? AND e164 IS NOT NULL ORDER BY position'),
      // Logged calls that count, and dials never logged (a crash): both are attempts on the number.
      attempts: db.prepare(
        `SELECT started_at FROM calls INDEXED BY calls_number WHERE phone_e164 = :n AND started_at > :since AND counts_as_attempt = 1
         UNION ALL SELECT at FROM dials INDEXED BY dials_number WHERE phone_e164 = :n AND at > :since AND call_id IS NULL
         ORDER BY 1 DESC LIMIT 50`,
      ),
      claim: db.prepare('SELECT console_id, claimed_at FROM claims WHERE lead_id = ?'),
      callback: db.prepare('SELECT min(due_at) AS due_at FROM callbacks WHERE lead_id = ? AND done_by_call_id IS NULL'),
    };
    cache.set(db, s);
  }
  return s;
}

/** What the rules need to know about one lead at an instant, read with a handful of indexed lookups. */
export function loadLeadFacts(db: Database, leadId: number, now: number): LeadFacts | null {
  const s = statements(db);
  const row = s.lead.get(leadId) as
    | {
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
    | undefined;
  if (!row) return null;
  const phones = s.phones.all(leadId) as { e164: string; bad: number }[];
  const goodNumbers = phones.filter((p) => p.bad === 0).map((p) => p.e164);
  const badNumbers = phones.filter((p) => p.bad !== 0).map((p) => p.e164);
  const recentAttempts = new Map(goodNumbers.map((n) => [n, (s.attempts.all({ n, since: now - DAY_MS }) as { started_at: number }[]).map((r) => r.started_at)]));
  const claim = s.claim.get(leadId) as { console_id: string; claimed_at: number } | undefined;
  const { due_at: callbackDueAt } = s.callback.get(leadId) as { due_at: number | null };
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
