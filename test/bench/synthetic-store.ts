import { DEFAULT_QUEUE_RULES } from '../../shared/queue-rules.ts';
import { STAGE_RANK, type Stage } from '../../shared/stages.ts';
import { queueColumns } from '../../main/queue/queue-columns.ts';
import type { Database } from '../../main/store/database.ts';

/**
 * A store of any size for the queue benchmarks, written straight into SQLite (the import is
 * measured on its own): leads spread over fifteen zones and every stage, some hand-raisers, and
 * a realistic history — a tenth of the leads called before, with retries waiting or due.
 */
const ZONES = [
  ['America/New_York', '212'],
  ['America/New_York', '305'],
  ['America/Chicago', '312'],
  ['America/Chicago', '214'],
  ['America/Denver', '303'],
  ['America/Phoenix', '602'],
  ['America/Los_Angeles', '415'],
  ['America/Los_Angeles', '206'],
  ['America/Anchorage', '907'],
  ['Pacific/Honolulu', '808'],
  ['America/Toronto', '416'],
  ['America/Vancouver', '604'],
  ['Europe/London', '44'],
  ['Europe/Paris', '33'],
  [null, '646'],
] as const;
const STAGES: Stage[] = ['cold', 'IQL', 'IQL', 'MQL', 'MQL', 'MQL', 'SQL', 'nurture'];
const HOUR = 3_600_000;

export function fillSyntheticStore(db: Database, count: number, now: number): void {
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const insertLead = db.prepare(`
    INSERT INTO leads (id, crm_id, first_name, last_name, stage, time_zone, score, created_at, last_activity_at, source,
                       requested_call, hand_raised_at, attempts, last_attempt_at, last_disposition, retry_at, callable, stage_rank)
    VALUES (?, ?, 'Lead', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertPhone = db.prepare("INSERT INTO phones (lead_id, position, raw, e164, type) VALUES (?, 0, ?, ?, 'work')");
  const insertCall = db.prepare(`
    INSERT INTO calls (lead_id, phone_e164, disposition_code, disposition_label, started_at, ended_at, stage_before, stage_after)
    VALUES (?, ?, 'no-answer', 'No answer', ?, ?, ?, ?)`);
  db.exec('BEGIN');
  for (let id = 1; id <= count; id++) {
    const [zone, prefix] = ZONES[id % ZONES.length]!;
    const stage = STAGES[Math.floor(random() * STAGES.length)]!;
    const e164 = prefix.length === 3 ? `+1${prefix}${String(2_000_000 + id).slice(-7)}` : `+${prefix}${String(100_000_000 + id)}`;
    const called = random() < 0.1;
    const raised = random() < 0.02;
    const lastAttempt = called ? now - Math.floor(random() * 72 * HOUR) : null;
    const retryAt = called ? lastAttempt! + 4 * HOUR : stage === 'nurture' ? now + 30 * 24 * HOUR : null;
    const attempts = called ? 1 + Math.floor(random() * 3) : 0;
    const { callable } = queueColumns({ stage, doNotCall: false, numbers: [{ e164, bad: false }], attempts, retryAt }, DEFAULT_QUEUE_RULES.lifetimeAttemptCap);
    const created = now - Math.floor(random() * 60 * 24 * HOUR);
    insertLead.run(
      id,
      `SYN-${id}`,
      `#${id}`,
      stage,
      zone,
      Math.floor(random() * 100),
      created,
      created + Math.floor(random() * 10 * 24 * HOUR),
      random() < 0.3 ? 'inbound' : 'cold-list',
      raised ? 1 : 0,
      raised ? created : null,
      attempts,
      lastAttempt,
      called ? 'No answer' : null,
      retryAt,
      callable,
      STAGE_RANK[stage],
    );
    insertPhone.run(id, e164, e164);
    if (called) insertCall.run(id, e164, lastAttempt, lastAttempt, stage, stage);
  }
  db.exec("INSERT OR IGNORE INTO queue_zones SELECT DISTINCT coalesce(time_zone, '') FROM leads");
  db.exec('COMMIT');
}
