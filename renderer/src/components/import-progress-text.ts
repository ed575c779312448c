import type { ApiEvents } from '../../../shared/events.ts';

const KB = 1024;
const MB = KB * KB;
/** The figures read as the rest of the console writes them (English, like its words). */
const FIGURES = 'en-US';

/** "3.1 of 7.4 MB", in the unit the file's size reads best in (the 100 MB limit counts 1,024² bytes a MB). */
function sizes(read: number, total: number): string {
  const [unit, label, digits] = total >= MB ? [MB, 'MB', 1] : [KB, 'KB', 0];
  const format = new Intl.NumberFormat(FIGURES, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${format.format(read / unit)} of ${format.format(total / unit)} ${label}`;
}

/** Whole per cent read; 100 only once the whole file is. */
export function percentRead({ bytesRead, totalBytes }: Pick<ApiEvents['import.progress'], 'bytesRead' | 'totalBytes'>): number {
  if (totalBytes <= 0) return 100;
  return Math.min(100, Math.floor((bytesRead * 100) / totalBytes));
}

/** "42% · 3.1 of 7.4 MB · 41,200 rows": how far an import is, for the progress bar's words. */
export function importProgressText(progress: ApiEvents['import.progress']): string {
  const rows = `${progress.rowsDone.toLocaleString(FIGURES)} ${progress.rowsDone === 1 ? 'row' : 'rows'}`;
  return `${percentRead(progress)}% · ${sizes(progress.bytesRead, progress.totalBytes)} · ${rows}`;
}
