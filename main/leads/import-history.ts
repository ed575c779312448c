import { ApiError } from '../../shared/api-error.ts';
import type { ExportedFile, ImportBatch } from '../../shared/imports.ts';
import { csvDocument, csvLine } from '../csv/csv-write.ts';
import type { Queryable } from '../store/seam/store.ts';

/** The imports so far, newest first, for the history and its undo button. */
export async function listImports(q: Queryable): Promise<ImportBatch[]> {
  const rows = await q.all<{
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
  }>(
    `SELECT b.id, b.file_name, b.imported_at, b.rows_read, b.created, b.updated, b.merged, b.rejected, b.undone_at, l.name AS list_name
       FROM import_batches b LEFT JOIN call_lists l ON l.id = b.call_list_id ORDER BY b.id DESC`,
  );
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
export async function rejectedRowsCsv(q: Queryable, batchId: number): Promise<ExportedFile> {
  const batch = await q.one<{ file_name: string; header: string | null }>('SELECT file_name, header FROM import_batches WHERE id = ?', [batchId]);
  if (!batch) throw new ApiError('not-found', `There is no import #${batchId}.`);
  const rows = await q.all<{ line: number; reason: string; raw: string }>('SELECT line, reason, raw FROM import_rejections WHERE batch_id = ? ORDER BY line', [batchId]);
  const lines = [`${batch.header ?? ''},${csvLine(['Rejected at line', 'Reason'])}`, ...rows.map((r) => `${r.raw},${csvLine([r.line, r.reason])}`)];
  return { fileName: `${batch.file_name.replace(/\.csv$/i, '')}-rejected.csv`, mimeType: 'text/csv', content: csvDocument(lines) };
}
