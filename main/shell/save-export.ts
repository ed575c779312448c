import { app, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { ApiError } from '../../shared/api-error.ts';
import type { LeadExportResult } from '../../shared/lead-export.ts';
import { fileProblem, writeExportFile } from '../leads/export-file.ts';
import type { ExportSink, LeadExport } from '../leads/export-leads.ts';

/**
 * The desktop app's way to take a lead export: the team lead chooses the file in the system's
 * save dialog, and main streams the export straight into it. The page never holds the file,
 * so a million leads cost no more memory than a hundred.
 */
export function saveExportWithDialog(window: () => BrowserWindow | null): ExportSink {
  return async (file: LeadExport): Promise<LeadExportResult> => {
    const parent = window();
    const options = {
      title: 'Export leads',
      defaultPath: join(app.getPath('downloads'), file.fileName),
      filters: [file.fileName.endsWith('.json') ? { name: 'JSON', extensions: ['json'] } : { name: 'CSV', extensions: ['csv'] }],
    };
    const chosen = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    if (chosen.canceled || !chosen.filePath) return { kind: 'cancelled' };
    try {
      await writeExportFile(chosen.filePath, file.chunks());
    } catch (error) {
      throw new ApiError('invalid-input', fileProblem(chosen.filePath, error, 'Choose another place to save it.'));
    }
    return { kind: 'saved', path: chosen.filePath, leads: file.leads };
  };
}
