import type { Queryable } from '../store/seam/store.ts';
import { refreshLeadQueueColumns } from './queue-columns.ts';

/**
 * The lifetime attempt cap lives in each lead's `callable` column, so the queue never reads the
 * preference per lead: when the team lead changes the cap, the leads at or past either cap get
 * their column again (raised, they come back; lowered, they drop out). One transaction.
 */
export async function applyAttemptCapChange(q: Queryable, before: number, after: number): Promise<void> {
  if (after === before) return;
  await q.transaction(async (tx) => {
    const ids = await tx.all<{ id: number }>('SELECT id FROM leads WHERE attempts >= ?', [Math.min(before, after)]);
    for (const { id } of ids) await refreshLeadQueueColumns(tx, id, after);
  });
}
