import { useRef } from 'react';
import { CallbackAlerts } from './callback-alerts.tsx';
import { RepNamePrompt } from './rep-name-prompt.tsx';
import { LeadSearchButton } from './lead-search.tsx';
import { ListPicker } from './list-picker.tsx';
import { ListRepsButton } from './lists/list-reps-screen.tsx';
import { ReportsPanel } from './reports/reports-panel.tsx';
import { FloorScreen } from './floor/floor-screen.tsx';
import { SessionStrip } from './session-strip.tsx';
import { SettingsPanel } from './settings-panel.tsx';
import { SignedInPerson } from './sign-in/signed-in-person.tsx';
import { selectMay } from '../store/console-state.ts';
import { useApp } from '../store/store-context.tsx';
import { LineStatus } from '../phone/line-status.tsx';
import { PowerDialSwitch } from '../phone/power-dial-countdown.tsx';
import { RecordingsButton } from '../phone/recordings-screen.tsx';

/** The brand, how much of the list is left, the session, and the way to the import, the reports and the settings. */
export function TopBar() {
  const snapshot = useApp((s) => s.snapshot);
  const importing = useApp((s) => s.importing);
  const importFile = useApp((s) => s.importFile);
  const fileInput = useRef<HTMLInputElement>(null);
  const panel = useApp((s) => s.panel);
  const openPanel = useApp((s) => s.openPanel);
  const closePanel = useApp((s) => s.closePanel);
  const maySeeFloor = useApp(selectMay('floor.view'));
  const mayImport = useApp(selectMay('leads.import'));

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
      <ListPicker />
      <SessionStrip />
      <CallbackAlerts />
      <LineStatus />
      <PowerDialSwitch />
      <span className="spacer" />
      <LeadSearchButton />
      {mayImport && (
        <button type="button" className="secondary" disabled={importing} onClick={() => fileInput.current?.click()}>
          Import CSV…
        </button>
      )}
      {maySeeFloor && (
        <button type="button" className="secondary" onClick={() => openPanel('floor')} title="The live floor: every rep and the team's day">
          Floor <kbd>F</kbd>
        </button>
      )}
      <ListRepsButton />
      <RecordingsButton />
      <button type="button" className="secondary" onClick={() => openPanel('reports')}>
        Reports
      </button>
      <button type="button" className="secondary" onClick={() => openPanel('settings')}>
        Settings
      </button>
      <SignedInPerson />
      {panel === 'reports' && <ReportsPanel onClose={closePanel} />}
      {panel === 'floor' && <FloorScreen onClose={closePanel} />}
      {panel === 'settings' && <SettingsPanel onClose={closePanel} />}
      {panel === 'rep-name' && <RepNamePrompt onClose={closePanel} />}
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
