import { useEffect } from 'react';
import { CallRequests } from './components/call-requests.tsx';
import { CallScreen } from './components/call-screen.tsx';
import { EmptyStore, ImportReportBanner, ListExhausted, NoticeToast } from './components/empty-states.tsx';
import { ImportProgressBanner } from './components/import-progress.tsx';
import { ImportWizard } from './components/import-wizard.tsx';
import { TopBar } from './components/top-bar.tsx';
import { selectMay } from './store/console-state.ts';
import { useApp } from './store/store-context.tsx';
import { useHotkeys } from './use-hotkeys.ts';
import { useNow } from './use-now.ts';

export function App() {
  const snapshot = useApp((s) => s.snapshot);
  const clockOffset = useApp((s) => s.clockOffset);
  const loadQueue = useApp((s) => s.loadQueue);
  const loadSettings = useApp((s) => s.loadSettings);
  const loadScript = useApp((s) => s.loadScript);
  const loadSession = useApp((s) => s.loadSession);
  const loadCapabilities = useApp((s) => s.loadCapabilities);
  const refreshQueue = useApp((s) => s.refreshQueue);
  const onChangesElsewhere = useApp((s) => s.onChangesElsewhere);
  const undoLast = useApp((s) => s.undoLast);
  const startPhone = useApp((s) => s.startPhone);

  // U works on every screen (the last disposition may have emptied the queue), but not under Reports or Settings; so does F, the live floor.
  const panelOpen = useApp((s) => s.panel !== null);
  const openPanel = useApp((s) => s.openPanel);
  const maySeeFloor = useApp(selectMay('floor.view'));
  useHotkeys(panelOpen ? {} : { u: () => void undoLast(), ...(maySeeFloor ? { f: () => openPanel('floor') } : {}) });

  useEffect(() => {
    void loadSettings();
    void loadScript();
    void loadSession();
    void loadCapabilities();
    void loadQueue();
    void startPhone();
  }, [loadSettings, loadScript, loadSession, loadCapabilities, loadQueue, startPhone]);

  // Another window or the CLI changed the store: bring the counts up to date.
  useEffect(() => onChangesElsewhere(() => void refreshQueue()), [onChangesElsewhere, refreshQueue]);
  // A lead asked for a call (an inbound webhook): announced, and offered next if the rep is between calls.
  const followInbound = useApp((s) => s.followInbound);
  useEffect(() => followInbound(), [followInbound]);
  const keepClaim = useApp((s) => s.keepClaim);
  useEffect(() => keepClaim(window), [keepClaim]);
  // Nothing to call: the next lead shows when it comes due ("Next lead in 4 min" is kept).
  const followNextLead = useApp((s) => s.followNextLead);
  useEffect(() => followNextLead(), [followNextLead]);

  // Never earlier than main's last word: a lead that just asked is "just now", not "in 1 min", between two ticks.
  const nowMs = Math.max(useNow() + clockOffset, snapshot ? Date.parse(snapshot.now) : 0);
  return (
    <div className="app">
      <TopBar />
      <ImportProgressBanner />
      <ImportReportBanner />
      {!snapshot ? (
        <p className="loading" role="status">
          Loading the call list…
        </p>
      ) : snapshot.total === 0 ? (
        <EmptyStore />
      ) : snapshot.next ? (
        <CallScreen next={snapshot.next} nowMs={nowMs} />
      ) : (
        <ListExhausted total={snapshot.total} nextEligible={snapshot.nextEligible} nowMs={nowMs} />
      )}
      <ImportWizard />
      <CallRequests />
      <NoticeToast />
    </div>
  );
}
