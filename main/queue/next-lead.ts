import type { Database } from '../store/database.ts';
import type { QueueSnapshot } from '../../shared/leads.ts';
import { describeAgo } from '../../shared/relative-time.ts';
import { STAGE_LABELS, type Stage } from '../../shared/stages.ts';
import { getLeadCard } from '../leads/lead-rows.ts';

/**
 * Which lead is next, in tiers, each answered by one indexed query so the pick costs the same
 * with a thousand leads or a million:
 *  1. hand-raisers never called: speed to lead, the one who asked first goes first;
 *  2. retries whose wait has passed, the longest-waiting first;
 *  3. never-called leads, closest to sales first (stage, then score, then latest activity).
 * A lead is callable unless it is closed (SQL, nurture, disqualified), do-not-call, or has no
 * good number. Calling windows, caps and callbacks come with the full queue.
 */
export interface Pick {
  leadId: number;
  reasons: string[];
}

interface Candidate {
  id: number;
  stage: Stage;
  score: number;
  attempts: number;
  created_at: number;
  last_attempt_at: number | null;
  last_disposition: string | null;
}

const COLUMNS = 'id, stage, score, attempts, created_at, last_attempt_at, last_disposition';

const TIERS = [
  {
    sql: `SELECT ${COLUMNS} FROM leads INDEXED BY leads_hand_raisers
          WHERE callable = 1 AND attempts = 0 AND requested_call = 1 ORDER BY created_at LIMIT 1`,
    reasons: (c: Candidate, now: number) => ['Asked for a call, not called yet', `Created ${describeAgo(c.created_at, now)}`],
  },
  {
    sql: `SELECT ${COLUMNS} FROM leads INDEXED BY leads_retries
          WHERE callable = 1 AND attempts > 0 AND retry_at <= :now ORDER BY retry_at LIMIT 1`,
    reasons: (c: Candidate, now: number) => [
      `Retry due: attempt ${c.attempts + 1}`,
      `Last: ${c.last_disposition ?? 'call'} ${c.last_attempt_at === null ? '' : describeAgo(c.last_attempt_at, now)}`.trim(),
    ],
  },
  {
    sql: `SELECT ${COLUMNS} FROM leads INDEXED BY leads_never_called
          WHERE callable = 1 AND attempts = 0 ORDER BY stage_rank DESC, score DESC, last_activity_at DESC LIMIT 1`,
    reasons: (c: Candidate) => [`Never called · ${STAGE_LABELS[c.stage]}`, `Score ${c.score}`],
  },
] as const;

export function pickNext(db: Database, now: number): Pick | null {
  for (const tier of TIERS) {
    const row = db.prepare(tier.sql).get(tier.sql.includes(':now') ? { now } : {}) as Candidate | undefined;
    if (row) return { leadId: row.id, reasons: tier.reasons(row, now) };
  }
  return null;
}

/** Leads the queue may offer right now (the next one included). */
export function countDue(db: Database, now: number): number {
  const fresh = db.prepare('SELECT count(*) AS n FROM leads INDEXED BY leads_never_called WHERE callable = 1 AND attempts = 0').get() as {
    n: number;
  };
  const retries = db
    .prepare('SELECT count(*) AS n FROM leads INDEXED BY leads_retries WHERE callable = 1 AND attempts > 0 AND retry_at <= ?')
    .get(now) as { n: number };
  return fresh.n + retries.n;
}

export function queueSnapshot(db: Database, now: number): QueueSnapshot {
  const pick = pickNext(db, now);
  const total = (db.prepare('SELECT count(*) AS n FROM leads').get() as { n: number }).n;
  return {
    now: new Date(now).toISOString(),
    next: pick ? { card: getLeadCard(db, pick.leadId), reasons: pick.reasons } : null,
    due: countDue(db, now),
    total,
  };
}
