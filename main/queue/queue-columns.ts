import { CLOSED_STAGES, STAGE_RANK, type Stage } from '../../shared/stages.ts';
import type { Database } from '../store/database.ts';

/**
 * The queue picks from partial indexes over `callable` and `stage_rank`. Both derive from the
 * stage, the do-not-call flag and the numbers; every write to those sets them in the same
 * transaction, through this one rule, so the index never disagrees with the lead.
 */
export interface QueueColumns {
  callable: 0 | 1;
  stageRank: number;
}

export function queueColumns(stage: Stage, doNotCall: boolean, numbers: readonly { e164: string | null; bad: boolean }[]): QueueColumns {
  const reachable = numbers.some((n) => n.e164 !== null && !n.bad);
  return { callable: !doNotCall && !CLOSED_STAGES.has(stage) && reachable ? 1 : 0, stageRank: STAGE_RANK[stage] };
}

const statements = new WeakMap<Database, { read: ReturnType<Database['prepare']>; numbers: ReturnType<Database['prepare']>; write: ReturnType<Database['prepare']> }>();

export function refreshQueueColumns(db: Database, leadId: number): void {
  let s = statements.get(db);
  if (!s) {
    s = {
      read: db.prepare('SELECT stage, do_not_call FROM leads WHERE id = ?'),
      numbers: db.prepare('SELECT e164, bad FROM phones WHERE lead_id = ?'),
      write: db.prepare('UPDATE leads SET callable = ?, stage_rank = ? WHERE id = ?'),
    };
    statements.set(db, s);
  }
  const lead = s.read.get(leadId) as { stage: Stage; do_not_call: number } | undefined;
  if (!lead) return;
  const numbers = (s.numbers.all(leadId) as { e164: string | null; bad: number }[]).map((n) => ({ e164: n.e164, bad: n.bad === 1 }));
  const { callable, stageRank } = queueColumns(lead.stage, lead.do_not_call === 1, numbers);
  s.write.run(callable, stageRank, leadId);
}
