import type { Queryable } from '../store/seam/store.ts';

/** The note a rep is typing, saved as they type: a crash, a reload or a restart loses nothing. */
export async function saveNoteDraft(q: Queryable, leadId: number, text: string, now: number): Promise<void> {
  if (text === '') {
    await q.run('DELETE FROM note_drafts WHERE lead_id = ?', [leadId]);
    return;
  }
  await q.run(
    `INSERT INTO note_drafts (lead_id, text, saved_at) SELECT id, CAST(? AS TEXT), CAST(? AS BIGINT) FROM leads WHERE id = ?
     ON CONFLICT (lead_id) DO UPDATE SET text = excluded.text, saved_at = excluded.saved_at`,
    [text, now, leadId],
  );
}
