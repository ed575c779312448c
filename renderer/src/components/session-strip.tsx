import type { ReportFormat } from '../../../shared/api.ts';
import { RATES_FROM, talkClock } from '../../../shared/sessions.ts';
import { useApp } from '../store/store-context.tsx';
import { useStartSession } from './rep-name-prompt.tsx';

const NOT_YET = `shown after ${RATES_FROM.activeSeconds / 60} minutes or ${RATES_FROM.dials} dials`;

/** The session's live figures, and its start, pause and end. */
export function SessionStrip() {
  const session = useApp((s) => s.session);
  const act = useApp((s) => s.sessionAction);
  const endedSessionId = useApp((s) => s.endedSessionId);
  const downloadReport = useApp((s) => s.downloadSessionReport);
  const canPrintPdf = useApp((s) => s.canPrintPdf);
  const startSession = useStartSession();
  const download = (format: ReportFormat, label: string, title: string) => (
    <button type="button" className="link" title={title} aria-label={`Session ${label}`} onClick={() => void downloadReport(format)}>
      {label}
    </button>
  );
  const report = download('html', 'Report', "Download the session's printable report (HTML)");
  if (!session) {
    return (
      <span className="session-strip">
        <button type="button" className="secondary" onClick={() => void startSession()}>
          Start session
        </button>
        {endedSessionId !== null && (
          <>
            {report}
            {canPrintPdf && download('pdf', 'PDF', "Download the session's report as PDF")}
            {download('csv', 'CSV', 'Download one row per call, and the totals (CSV)')}
            {download('json', 'JSON', 'Download the summary as JSON, for a team summary')}
          </>
        )}
      </span>
    );
  }
  const s = session.stats;
  return (
    <span className="session-strip" role="status" aria-label="Session" data-testid="session-strip">
      <span>
        <strong>{s.dials}</strong> dials
      </span>
      <span>
        <strong>{s.contacts}</strong> contacts
        {s.contactRate === null ? '' : ` (${Math.round(s.contactRate * 100)}%)`}
      </span>
      <span>
        <strong>{s.conversations}</strong> conversations
      </span>
      <span>
        <strong>{s.qualified}</strong> SQL
      </span>
      <span title={s.dialsPerHour === null ? `Dials per hour: ${NOT_YET}` : undefined}>
        <strong>{s.dialsPerHour === null ? '—' : s.dialsPerHour.toFixed(1)}</strong> dials/h
      </span>
      <span>talk {talkClock(s.talkSeconds)}</span>
      {session.pausesBetweenCalls.count > 0 && (
        <span
          title={`Paused between calls: power dialing's countdown held (P) ${session.pausesBetweenCalls.count} ${session.pausesBetweenCalls.count === 1 ? 'time' : 'times'}; part of the active time, apart from talk time`}
          data-testid="pauses-between-calls"
        >
          paused {talkClock(session.pausesBetweenCalls.seconds)}
        </span>
      )}
      {session.pausedAt ? (
        <button type="button" className="link" onClick={() => void act('resume')}>
          Resume
        </button>
      ) : (
        <button type="button" className="link" onClick={() => void act('pause')}>
          Pause
        </button>
      )}
      <button type="button" className="link" onClick={() => void act('end')}>
        End
      </button>
      {report}
    </span>
  );
}
