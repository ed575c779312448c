import type { ExportedFile } from '../../shared/imports.ts';
import type { TeamSummary } from '../../shared/summary.ts';
import { teamSummaryHtml } from './team-report.ts';
import { teamSummaryCsv } from './team-summary.ts';

/** The team summary as a file: JSON (to merge or keep), CSV (a row per rep and the team's), or the printable page. */
export function exportTeamSummary(team: TeamSummary, format: 'json' | 'csv' | 'html'): ExportedFile {
  const fileName = `nextcall-team-summary.${format}`;
  if (format === 'csv') return { fileName, mimeType: 'text/csv', content: teamSummaryCsv(team) };
  if (format === 'html') return { fileName, mimeType: 'text/html', content: teamSummaryHtml(team) };
  return { fileName, mimeType: 'application/json', content: `${JSON.stringify(team, null, 2)}\n` };
}
