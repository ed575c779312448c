import { reportPdf } from '../../sessions/report-pdf.ts';
import { exportTeamSummary } from '../../sessions/team-export.ts';
import { mergeSummaryFiles, teamFromFiles } from '../../sessions/team-summary.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function teamHandlers({ edges }: HandlerContext): HandlersOf<'team'> {
  return {
    'team.merge': ({ files }) => mergeSummaryFiles(files),
    'team.export': ({ files, format }) => {
      const team = teamFromFiles(files);
      return format === 'pdf' ? reportPdf(() => exportTeamSummary(team, 'html'), edges.printPdf) : exportTeamSummary(team, format);
    },
  };
}
