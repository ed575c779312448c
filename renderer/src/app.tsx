import { useEffect } from 'react';
import { CallScreen } from './components/call-screen.tsx';
import { EmptyStore, ImportProgressBanner, ImportReportBanner, ListExhausted, NoticeToast } from './components/empty-states.tsx';
import { TopBar } from './components/top-bar.tsx';
import { useApp } from './store/store-context.tsx';

export function App() {
  const snapshot = useApp((s) => s.snapshot);
  const clockOffset = useApp((s) => s.clockOffset);
  const lastCall = useApp((s) => s.lastCall);
  const loadQueue = useApp((s) => s.loadQueue);
  const loadDispositions = useApp((s) => s.loadDispositions);

  useEffect(() => {
    void loadDispositions();
    void loadQueue();
  }, [loadDispositions, loadQueue]);

  const nowMs = Date.now() + clockOffset;
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
        <ListExhausted total={snapshot.total} lastCallAt={lastCall?.startedAt ?? null} nowMs={nowMs} />
      )}
      <NoticeToast />
    </div>
  );
}
