import { useRef, useState } from 'react';
import { ReportsPanel } from './reports/reports-panel.tsx';
import { SessionStrip } from './session-strip.tsx';
import { SettingsPanel } from './settings-panel.tsx';
import { useApp } from '../store/store-context.tsx';

/** The brand, how much of the list is left, the session, and the way to the import, the reports and the settings. */
export function TopBar() {
  const snapshot = useApp((s) => s.snapshot);
  const importing = useApp((s) => s.importing);
  const importFile = useApp((s) => s.importFile);
  const fileInput = useRef<HTMLInputElement>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [reportsOpen, setReportsOpen] = useState(false);

  return (
    <header className="top-bar">
      <span className="brand">Nextcall</span>
      {snapshot && snapshot.total > 0 && (
        <span className="queue-count" data-testid="queue-count">
          <strong>
            {snapshot.due.toLocaleString()}
            {snapshot.due >= snapshot.dueCapped ? '+' : ''}
          </strong>{' '}
          due now · {snapshot.total.toLocaleString()} leads
        </span>
      )}
      <SessionStrip />
      <span className="spacer" />
      <button type="button" className="secondary" disabled={importing} onClick={() => fileInput.current?.click()}>
        Import CSV…
      </button>
      <button type="button" className="secondary" onClick={() => setReportsOpen(true)}>
        Reports
      </button>
      <button type="button" className="secondary" onClick={() => setSettingsOpen(true)}>
        Settings
      </button>
      {reportsOpen && <ReportsPanel onClose={() => setReportsOpen(false)} />}
      {settingsOpen && <SettingsPanel onClose={() => setSettingsOpen(false)} />}
      <input
        ref={fileInput}
        type="file"
        accept=".csv,text/csv"
        hidden
        data-testid="import-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void importFile(file);
        }}
      />
    </header>
  );
}
