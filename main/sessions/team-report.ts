import { TEAM_COLUMNS, teamDays } from '../../shared/summary-figures.ts';
import type { TeamSummary } from '../../shared/summary.ts';
import { barChart, escapeHtml, reportPage } from './summary-report.ts';
import { mixedZonesNote } from './team-summary.ts';

/**
 * The team lead's printable page: each rep beside the team's total, a chart of dials and
 * contacts per rep, and the dials by hour when every summary counted hours on the same clock.
 */
export function teamSummaryHtml(team: TeamSummary): string {
  const columns = TEAM_COLUMNS;
  const row = (name: string, s: TeamSummary['total'], tag = 'td') =>
    `<tr><${tag}>${escapeHtml(name)}</${tag}>${columns.map(([, value]) => `<${tag}>${escapeHtml(value(s))}</${tag}>`).join('')}</tr>`;
  const names = team.reps.map((r) => r.rep);
  const hours = team.total.callsByHour;
  const note = mixedZonesNote(team);
  const body = `<h1>Team summary</h1>
<p class="scope">${escapeHtml(teamDays(team))} · ${team.reps.length} reps · ${team.total.calls} calls${team.timeZone ? ` · hours in ${escapeHtml(team.timeZone)}` : ''}</p>
<table><thead><tr><th>Rep</th>${columns.map(([label]) => `<th>${escapeHtml(label)}</th>`).join('')}</tr></thead><tbody>
${team.reps.map((r) => row(r.rep, r.summary)).join('\n')}
${row('Team', team.total, 'th')}
</tbody></table>
<section class="charts">
  <div>${barChart('Dials per rep', names, team.reps.map((r) => r.summary.dials), true)}</div>
  <div>${barChart('Qualified (SQL) per rep', names, team.reps.map((r) => r.summary.qualified), true)}</div>
  ${hours ? `<div>${barChart('Dials by hour', hours.map((_, h) => String(h).padStart(2, '0')), hours)}</div>` : ''}
</section>
${note ? `<p class="scope">${escapeHtml(note)}</p>` : ''}`;
  return reportPage('Team summary', body);
}
