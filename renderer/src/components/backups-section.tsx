import { useCallback, useEffect, useState } from 'react';
import type { BackupInfo, BackupList, BackupReason } from '../../../shared/backups.ts';
import { BACKUP_KEEP_DAYS } from '../../../shared/backups.ts';
import { messageOf } from '../store/error-message.ts';
import { useApi, useApp } from '../store/store-context.tsx';

const REASONS: Record<BackupReason, string> = {
  start: 'when Nextcall started',
  daily: 'daily',
  manual: 'backed up by hand',
  'before-restore': 'the store before a restore',
};

const takenAt = (backup: BackupInfo) => new Date(backup.takenAt).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'medium' });

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Settings, Backups: the store's copies with their dates and sizes, one now, and a restore that
 * says what it does before it does it. The store as it is is kept as a backup first, so a
 * restore is never a loss: the list then shows it, ready to be restored in turn.
 */
export function BackupsSection() {
  const call = useApi();
  const showNotice = useApp((s) => s.showNotice);
  const reloadSettings = useApp((s) => s.loadSettings);
  const reloadScript = useApp((s) => s.loadScript);
  const [list, setList] = useState<BackupList | null>(null);
  const [confirming, setConfirming] = useState<BackupInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => setList(await call('store.backups', {})), [call]);
  useEffect(() => {
    call('store.backups', {}).then(setList, (e: unknown) => setError(messageOf(e)));
  }, [call]);

  const attempt = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      showNotice({ kind: 'info', text: await work() });
      await load();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const backUpNow = () =>
    attempt(async () => {
      const backup = await call('store.backup', {});
      return `Backed up: ${backup.fileName} (${size(backup.bytes)}).`;
    });

  const restore = (backup: BackupInfo) =>
    attempt(async () => {
      setConfirming(null);
      const report = await call('store.restore', { fileName: backup.fileName });
      await Promise.all([reloadSettings(), reloadScript()]);
      const aside = report.keptAside && !('damaged' in report.keptAside) ? ` The store as it was is kept as the backup of ${takenAt(report.keptAside)}.` : '';
      return `Restored the backup of ${takenAt(backup)}.${aside}`;
    });

  return (
    <fieldset className="backups" aria-busy={busy}>
      <legend>Backups</legend>
      <p className="muted backups-where">
        A copy of the store is taken when Nextcall starts and once a day, and kept {BACKUP_KEEP_DAYS} days{list ? `, in ${list.folder}` : ''}.
      </p>
      {list && list.backups.length === 0 && <p>No backup yet.</p>}
      {list && list.backups.length > 0 && (
        <table className="backup-list">
          <thead>
            <tr>
              <th scope="col">Taken</th>
              <th scope="col">Why</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="visually-hidden">Restore</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.backups.map((backup) => (
              <tr key={backup.fileName} data-file={backup.fileName}>
                <td>{takenAt(backup)}</td>
                <td>{REASONS[backup.reason]}</td>
                <td className="numeric">{size(backup.bytes)}</td>
                <td>
                  <button type="button" className="link" disabled={busy} onClick={() => setConfirming(backup)} aria-label={`Restore the backup of ${takenAt(backup)}…`}>
                    Restore…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming && (
        <div className="backup-confirm" role="alertdialog" aria-modal="false" aria-label="Restore this backup?" aria-describedby="backup-confirm-text">
          <p id="backup-confirm-text">
            Restore the backup of <strong>{takenAt(confirming)}</strong>? The lead store becomes that backup: calls, notes, imports and script changes made since
            then leave the console. The store as it is now is kept as a backup first, so you can restore it in turn.
          </p>
          <div className="wizard-actions">
            <button type="button" className="primary" onClick={() => void restore(confirming)}>
              Restore this backup
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {error && <p role="alert">{error}</p>}
      <div className="wizard-actions">
        <button type="button" disabled={busy} onClick={() => void backUpNow()}>
          Back up now
        </button>
      </div>
    </fieldset>
  );
}
