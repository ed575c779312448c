import { ApiError } from '../../shared/api-error.ts';
import type { Queryable } from '../store/seam/store.ts';

/**
 * Deletes a lead and everything kept about it: numbers, activities, calls, dials, stage history,
 * edits, notes and recordings all go by the schema's cascades, in one statement, on either store.
 * A recording's audio file is queued by the cascade and erased after the commit
 * (main/phone/recordings.ts); on a team the audio is in the row and goes with it. On a team it is
 * a team lead's (method-roles.ts).
 */
export async function deleteLead(q: Queryable, leadId: number): Promise<{ deleted: true; name: string }> {
  return q.transaction(async (tx) => {
    const row = await tx.one<{ name: string }>("SELECT trim(first_name || ' ' || last_name) AS name FROM leads WHERE id = ?", [leadId]);
    if (!row) throw new ApiError('not-found', `There is no lead ${leadId}: it was deleted already.`);
    await tx.run('DELETE FROM leads WHERE id = ?', [leadId]);
    return { deleted: true, name: row.name };
  });
}
