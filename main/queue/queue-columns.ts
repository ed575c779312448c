import { CLOSED_STAGES, STAGE_RANK, STAGES } from '../../shared/stages.ts';
import type { Database } from '../store/database.ts';

/**
 * The queue picks from partial indexes over `callable` and `stage_rank`. They are derived from
 * the stage, the do-not-call flag and the numbers, and every write to those calls this in the
 * same transaction, so the index can never disagree with the lead.
 */
const closedList = [...CLOSED_STAGES].map((s) => `'${s}'`).join(', ');
const rankCase = `CASE stage ${STAGES.map((s) => `WHEN '${s}' THEN ${STAGE_RANK[s]}`).join(' ')} ELSE 0 END`;

const REFRESH_SQL = `
  UPDATE leads SET
    callable = (do_not_call = 0 AND stage NOT IN (${closedList})
      AND EXISTS (SELECT 1 FROM phones p WHERE p.lead_id = leads.id AND p.bad = 0 AND p.e164 IS NOT NULL)),
    stage_rank = ${rankCase}
  WHERE id = ?`;

const statements = new WeakMap<Database, ReturnType<Database['prepare']>>();

export function refreshQueueColumns(db: Database, leadId: number): void {
  let refresh = statements.get(db);
  if (!refresh) statements.set(db, (refresh = db.prepare(REFRESH_SQL)));
  refresh.run(leadId);
}
