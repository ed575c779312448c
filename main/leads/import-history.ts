import { ApiError } from '../../shared/api-error.ts';
import type { ExportedFile, ImportBatch } from '../../shared/imports.ts';
import { csvDocument, csvLine } from '../csv/csv-write.ts';
import type { Database } from '../store/database.ts';

/** The imports so far, newest first, for the history and its undo button. */
export function listImports(db: Database): ImportBatch[] {
  const rows = db
    .prepare(
      `SELECT b.id, b.file_name, b.imported_at, b.rows_read, b.created, b.updated, b.merged, b.rejected, b.undone_at, l.name AS list_name
       FROM import_batches b LEFT JOIN call_lists l ON l.id = b.call_list_id ORDER BY b.id DESC`,
    )
    .all() as {
    id: number;
    file_name: string;
    imported_at: number;
    rows_read: number;
    created: number;
    updated: number;
    merged: number;
    rejected: number;
    undone_at: number | null;
    list_name: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    importedAt: new Date(r.imported_at).toISOString(),
    rowsRead: r.rows_read,
    created: r.created,
    updated: r.updated,
    merged: r.merged,
    rejected: r.rejected,
    listName: r.list_name,
    undoneAt: r.undone_at === null ? null : new Date(r.undone_at).toISOString(),
  }));
}

/**
 * The rows an import turned away, as a CSV with the file's own header plus the line and the
 * reason, so a team lead can fix them and import that file again (the extra columns are ignored).
 */
export function rejectedRowsCsv(db: Database, batchId: number): ExportedFile {
  const batch = db.prepare('SELECT file_name, header FROM import_batches WHERE id = ?').get(batchId) as { file_name: string; header: string | null } | undefined;
  if (!batch) throw new ApiError('not-found', `There is no import #${batchId}.`);
  const rows = db.prepare('SELECT line, reason, raw FROM import_rejections WHERE batch_id = ? ORDER BY line').all(batchId) as {
    line: number;
    reason: string;
    raw: string;
  }[];
  const lines = [`${batch.header ?? ''},${csvLine(['Rejected at line', 'Reason'])}`, ...rows.map((r) => `${r.raw},${csvLine([r.line, r.reason])}`)];
  return { fileName: `${batch.file_name.replace(/\.csv$/i, '')}-rejected.csv`, mimeType: 'text/csv', content: csvDocument(lines) };
}
