import { headlineFigures, percent } from '../../../../shared/summary-figures.ts';
import type { CallingSummary } from '../../../../shared/summary.ts';
import { HeadlineTiles } from '../headline-tiles.tsx';
import { HourBars } from './hour-bars.tsx';
import { ReasonGroups } from './reason-groups.tsx';

/** A summary as a team lead reads it: the headline figures, then what the calls were and did, then the leads handed to sales. */
export function SummaryView({ summary }: { summary: CallingSummary }) {
  const when = new Intl.DateTimeFormat(undefined, { timeZone: summary.scope.timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  return (
    <div className="summary-view" data-testid="summary-view">
      <HeadlineTiles headlines={headlineFigures(summary)} label="Headline figures" className="report" />
      <div className="report-columns">
        <section aria-label="Dispositions">
          <h3>Dispositions · {summary.calls} calls</h3>
          {summary.dispositions.length === 0 ? (
            <p className="muted">No call in this range.</p>
          ) : (
            <table className="report-table">
              <tbody>
                {summary.dispositions.map((d) => (
                  <tr key={d.code}>
                    <th scope="row">{d.label}</th>
                    <td className="num">{d.count}</td>
                    <td className="share">
                      <span className="share-bar" style={{ width: percent(d.share) }} />
                      {percent(d.share)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>Stage moves</h3>
          {summary.funnel.length === 0 ? (
            <p className="muted">No lead changed stage.</p>
          ) : (
            <table className="report-table">
              <tbody>
                {summary.funnel.map((f) => (
                  <tr key={`${f.from}>${f.to}`}>
                    <th scope="row">
                      {f.from} → {f.to}
                    </th>
                    <td className="num">{f.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <ReasonGroups reasons={summary.reasons} />
          <p className="muted">
            Coverage: {summary.coverage.attempted} of {summary.coverage.leads} leads attempted · attempts to first contact{' '}
            {summary.attemptsToFirstContact.average === null ? '—' : summary.attemptsToFirstContact.average.toFixed(1)}
          </p>
        </section>
        <section aria-label="Dials by hour and handoffs">
          <HourBars callsByHour={summary.callsByHour} timeZone={summary.scope.timeZone} />
          <h3>Handed to sales · {summary.handoffs.length}</h3>
          {summary.handoffs.length === 0 ? (
            <p className="muted">No lead was handed to sales.</p>
          ) : (
            <ul className="report-handoffs">
              {summary.handoffs.map((h) => (
                <li key={`${h.leadId}-${h.at}`}>
                  <strong>{h.leadName}</strong> <span className="muted">{when.format(Date.parse(h.at))}</span>
                  <div>{h.why}</div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
