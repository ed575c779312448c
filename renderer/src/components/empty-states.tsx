import { useEffect } from 'react';
import { describeAgo } from '../../../shared/relative-time.ts';
import { NOTICE_MS } from '../store/notice-slice.ts';
import { selectMay } from '../store/console-state.ts';
import { useApp } from '../store/store-context.tsx';
import { focusWhenFree } from '../focus-when-free.ts';

/** The store holds no lead yet: import a list, or try the console on the demo list (on a team, a team lead's to do). */
export function EmptyStore() {
  const loadDemo = useApp((s) => s.loadDemo);
  const importing = useApp((s) => s.importing);
  const mayLoad = useApp(selectMay('leads.loadDemo'));
  return (
    <section className="empty" aria-label="No leads yet">
      <h1>No leads yet</h1>
      {mayLoad ? (
        <>
          <p>Import a CSV export from HubSpot, Salesforce or a spreadsheet with the Import button, or try Nextcall on a demo list of 300 fictional leads.</p>
          <button ref={focusWhenFree} type="button" className="primary" disabled={importing} onClick={() => void loadDemo()}>
            Load demo list
          </button>
        </>
      ) : (
        <p>Your team has no leads to call yet: your team lead imports the lists, and they appear here as soon as they do.</p>
      )}
    </section>
  );
}

/** Every lead is called, closed, outside its calling hours or waiting for its retry time. */
export function ListExhausted({
  total,
  nextEligible,
  nowMs,
}: {
  total: number;
  nextEligible: { at: string; reason: string } | null | undefined;
  nowMs: number;
}) {
  const at = nextEligible ? Date.parse(nextEligible.at) : null;
  return (
    <section className="empty" aria-label="Nothing to call now">
      <h1>Nothing to call right now</h1>
      <p>All {total} leads are called, closed, outside their calling hours, or waiting for their next attempt.</p>
      {nextEligible && at !== null ? (
        <p data-testid="next-eligible">
          Next lead {describeAgo(at, nowMs)} ({new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(at)} your time): {nextEligible.reason}.
        </p>
      ) : (
        <p>No lead will come back on its own: import a list or load the demo list.</p>
      )}
    </section>
  );
}

export function ImportReportBanner() {
  const report = useApp((s) => s.importReport);
  const dismiss = useApp((s) => s.dismissReport);
  const downloadRejected = useApp((s) => s.downloadRejectedRows);
  const undo = useApp((s) => s.undoImport);
  if (!report) return null;
  return (
    <div className="banner" role="status" data-testid="import-report">
      <span>
        Imported {report.rowsRead} rows: {report.created} new, {report.updated} updated, {report.merged} merged, {report.rejected.length} rejected{report.flagged.length > 0 ? `, ${report.flagged.length} flagged (${report.flagged[0]!.reason}${report.flagged.length > 1 ? '…' : ''})` : ''}.
      </span>
      {report.rejected.length + report.flagged.length > 0 && (
        <button type="button" className="link" onClick={() => void downloadRejected()}>
          Download {report.flagged.length > 0 ? 'rejected and flagged' : 'rejected'} rows
        </button>
      )}
      <button type="button" className="link" onClick={() => void undo()}>
        Undo import
      </button>
      {report.rejected.length > 0 && (
        <details>
          <summary>Rejected rows</summary>
          <ul>
            {report.rejected.slice(0, 20).map((r) => (
              <li key={r.line}>
                Line {r.line}: {r.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <button type="button" className="link" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

/** The last message, for a few seconds ("U to undo" for as long as U can undo), never over the notes. */
export function NoticeToast() {
  const notice = useApp((s) => s.notice);
  const clear = useApp((s) => s.clearNotice);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => clear(notice.id), notice.ttlMs ?? NOTICE_MS[notice.kind]);
    return () => clearTimeout(timer);
  }, [notice, clear]);
  if (!notice) return null;
  return (
    <div className={`toast ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
      <span>{notice.text}</span>
      <button type="button" className="link" onClick={() => clear(notice.id)} aria-label="Dismiss message">
        ×
      </button>
    </div>
  );
}
