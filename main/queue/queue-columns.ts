import { DEFAULT_QUEUE_RULES } from '../../shared/queue-rules.ts';
import { STAGE_RANK, type Stage } from '../../shared/stages.ts';
import type { Database } from '../store/database.ts';
import { updateRows } from '../store/seam/row-batches.ts';
import type { Queryable } from '../store/seam/store.ts';

/**
 * The queue picks from partial indexes over `callable` and `stage_rank`. Both derive from the
 * lead (stage, do-not-call, numbers, attempts, recycle date); every write to those sets them in
 * the same transaction, through this one rule, so the indexes never disagree with the lead.
 * `callable` says "may ever be offered again"; the time rules (windows, waits, caps per day,
 * claims) are checked at pick time.
 */
export interface QueueColumns {
  callable: 0 | 1;
  stageRank: number;
}

export interface QueueFacts {
  stage: Stage;
  doNotCall: boolean;
  numbers: readonly { e164: string | null; bad: boolean }[];
  attempts: number;
  /** For a nurtured lead: its recycle date (kept as the retry time). */
  retryAt: number | null;
}

export function queueColumns(lead: QueueFacts, lifetimeAttemptCap: number): QueueColumns {
  const reachable = lead.numbers.some((n) => n.e164 !== null && !n.bad);
  const open = lead.stage === 'nurture' ? lead.retryAt !== null : lead.stage !== 'SQL' && lead.stage !== 'disqualified';
  return { callable: !lead.doNotCall && open && reachable && lead.attempts < lifetimeAttemptCap ? 1 : 0, stageRank: STAGE_RANK[lead.stage] };
}

const READ = 'SELECT stage, do_not_call, attempts, retry_at FROM leads WHERE id = ?';
const NUMBERS = 'SELECT e164, bad FROM phones WHERE lead_id = ?';
const WRITE = 'UPDATE leads SET callable = ?, stage_rank = ? WHERE id = ?';
export type LeadQueueRow = { stage: Stage; do_not_call: number; attempts: number; retry_at: number | null };

function columnsOf(lead: LeadQueueRow, numbers: readonly { e164: string | null; bad: number }[], lifetimeAttemptCap: number): QueueColumns {
  return queueColumns(
    { stage: lead.stage, doNotCall: lead.do_not_call === 1, numbers: numbers.map((n) => ({ e164: n.e164, bad: n.bad === 1 })), attempts: lead.attempts, retryAt: lead.retry_at },
    lifetimeAttemptCap,
  );
}

/** The same, through the store seam (either store): what an undo, an edit or an import runs. */
export async function refreshLeadQueueColumns(q: Queryable, leadId: number, lifetimeAttemptCap = DEFAULT_QUEUE_RULES.lifetimeAttemptCap): Promise<void> {
  const lead = await q.one<LeadQueueRow>(READ, [leadId]);
  if (!lead) return;
  await writeLeadQueueColumns(q, leadId, lead, await q.all<{ e164: string | null; bad: number }>(NUMBERS, [leadId]), lifetimeAttemptCap);
}

/** The same from the lead and numbers its writer has just read (a disposition, for its undo): one statement. */
export async function writeLeadQueueColumns(q: Queryable, leadId: number, lead: LeadQueueRow, numbers: readonly { e164: string | null; bad: number }[], lifetimeAttemptCap: number): Promise<void> {
  const { callable, stageRank } = columnsOf(lead, numbers, lifetimeAttemptCap);
  await q.run(WRITE, [callable, stageRank, leadId]);
}

/**
 * The same for many leads in three statements (a batch of an upload, store-upload.ts): their rows
 * and numbers read at once, and only the leads whose columns change written, in one UPDATE.
 */
export async function refreshManyQueueColumns(q: Queryable, leadIds: readonly number[], lifetimeAttemptCap = DEFAULT_QUEUE_RULES.lifetimeAttemptCap): Promise<void> {
  if (leadIds.length === 0) return;
  const ids = [JSON.stringify(leadIds)];
  const numbers = new Map<number, { e164: string | null; bad: number }[]>();
  for (const n of await q.all<{ lead_id: number; e164: string | null; bad: number }>(`SELECT lead_id, e164, bad FROM phones WHERE ${q.dialect.inIds('lead_id')}`, ids)) {
    const list = numbers.get(Number(n.lead_id)) ?? [];
    list.push(n);
    numbers.set(Number(n.lead_id), list);
  }
  const changed = (await q.all<LeadQueueRow & { id: number; callable: number; stage_rank: number }>(`SELECT id, stage, do_not_call, attempts, retry_at, callable, stage_rank FROM leads WHERE ${q.dialect.inIds('id')}`, ids)).flatMap((lead) => {
    const { callable, stageRank } = columnsOf(lead, numbers.get(Number(lead.id)) ?? [], lifetimeAttemptCap);
    return callable === lead.callable && stageRank === lead.stage_rank ? [] : [[Number(lead.id), callable, stageRank]];
  });
  await updateRows(q, 'leads', { types: ['BIGINT', 'BIGINT', 'BIGINT'], set: 'callable = v.column2, stage_rank = v.column3', where: 'leads.id = v.column1' }, changed);
}

/** On the rep's SQLite connection, for the importer's batches (statements kept per connection). */
const statements = new WeakMap<Database, { read: ReturnType<Database['prepare']>; numbers: ReturnType<Database['prepare']>; write: ReturnType<Database['prepare']> }>();

export function refreshQueueColumns(db: Database, leadId: number, lifetimeAttemptCap = DEFAULT_QUEUE_RULES.lifetimeAttemptCap): void {
  let s = statements.get(db);
  if (!s) {
    s = {
      read: db.prepare(READ),
      numbers: db.prepare(NUMBERS),
      write: db.prepare(WRITE),
    };
    statements.set(db, s);
  }
  const lead = s.read.get(leadId) as LeadQueueRow | undefined;
  if (!lead) return;
  const { callable, stageRank } = columnsOf(lead, s.numbers.all(leadId) as { e164: string | null; bad: number }[], lifetimeAttemptCap);
  s.write.run(callable, stageRank, leadId);
}
