import { ApiError } from '../../shared/api-error.ts';
import type { Database } from '../store/database.ts';

/**
 * Deletes a lead and everything kept about it: numbers, activities, calls, dials, stage history,
 * edits, notes and recordings all go by the schema's cascades, in one statement. A recording's
 * audio file is queued by the cascade and erased after the commit (main/phone/recordings.ts).
 */
export function deleteLead(db: Database, leadId: number): { deleted: true; name: string } {
  const row = db.prepare("SELECT trim(first_name || ' ' || last_name) AS name FROM leads WHERE id = ?").get(leadId) as { name: string } | undefined;
  if (!row) throw new ApiError('not-found', `There is no lead ${leadId}: it was deleted already.`);
  db.prepare('DELETE FROM leads WHERE id = ?').run(leadId);
  return { deleted: true, name: row.name };
}
