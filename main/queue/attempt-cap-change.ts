import { transaction, type Database } from '../store/database.ts';
import { refreshQueueColumns } from './queue-columns.ts';

/**
 * The lifetime attempt cap lives in each lead's `callable` column, so the queue never reads the
 * preference per lead: when the team lead changes the cap, the leads at or past either cap get
 * their column again (raised, they come back; lowered, they drop out). One transaction.
 */
export function applyAttemptCapChange(db: Database, before: number, after: number): void {
  if (after === before) return;
  transaction(db, () => {
    const ids = db.prepare('SELECT id FROM leads WHERE attempts >= ?').all(Math.min(before, after)) as { id: number }[];
    for (const { id } of ids) refreshQueueColumns(db, id, after);
  });
}
