import { useApp } from '../store/store-context.tsx';
import { importProgressText, percentRead } from './import-progress-text.ts';

/**
 * While a file imports: a bar of the bytes read of the file's size, with the share, the sizes and
 * the rows in words ("42% · 3.1 of 7.4 MB · 41,200 rows"), moved by the importer's
 * import.progress events. Before the first event the bar only says the file is being read.
 */
export function ImportProgressBanner() {
  const importing = useApp((s) => s.importing);
  const progress = useApp((s) => s.importProgress);
  if (!importing) return null;
  const words = progress ? importProgressText(progress) : 'Reading the file…';
  return (
    <div className="banner import-progress" role="status" aria-label="Import progress">
      <span>Importing{progress ? ` ${progress.fileName}` : ''}…</span>
      {progress ? (
        <progress aria-label="Bytes read" max={progress.totalBytes} value={progress.bytesRead} aria-valuetext={`${percentRead(progress)}%`} />
      ) : (
        <progress aria-label="Bytes read" />
      )}
      <span data-testid="import-progress-text">{words}</span>
    </div>
  );
}
