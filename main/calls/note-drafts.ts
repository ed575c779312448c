import type { Database } from '../store/database.ts';
import { cachedStatement } from '../store/statement-cache.ts';

/** The note a rep is typing, saved as they type: a crash, a reload or a restart loses nothing. */
export function saveNoteDraft(db: Database, leadId: number, text: string, now: number): void {
  if (text === '') {
    cachedStatement(db, 'DELETE FROM note_drafts WHERE lead_id = ?').run(leadId);
    return;
  }
  cachedStatement(
    db,
    `INSERT INTO note_drafts (lead_id, text, saved_at) SELECT id, ?, ? FROM leads WHERE id = ?
     ON CONFLICT (lead_id) DO UPDATE SET text = excluded.text, saved_at = excluded.saved_at`,
  ).run(text, now, leadId);
}
