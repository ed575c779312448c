import type { ApiEvents } from './events.ts';
import type { UploadReport } from './store-upload.ts';

const n = (value: number) => value.toLocaleString('en-US');

/** The upload's report in words, for the team lead at the terminal (--json gives the same as data) or in Settings → Team. */
export function uploadReportText(report: UploadReport, file: string): string {
  const { leads, calls, stageHistory, callbacks, noteDrafts } = report;
  const names = report.repNames.map(({ name, calls: count }) => `${name === null ? 'no name' : `"${name}"`} ${n(count)}`).join(', ');
  const lines = [
    report.dryRun
      ? `Dry run: nothing was changed. Uploading ${file} into the team as ${report.account} would do this:`
      : `Uploaded ${file} into the team as ${report.account}, in one transaction:`,
    `Leads: ${n(leads.read)} read; ${n(leads.created)} created, ${n(leads.merged)} merged into the team's, ${n(leads.skipped)} skipped.`,
    ...leads.skippedLeads.map((s) => `  skipped ${s.name} (#${s.id} in the store): ${s.reason}.`),
    `Numbers added: ${n(report.phones.added)}; activities added: ${n(report.activities.added)}.`,
    `Calls: ${n(calls.read)} read; ${n(calls.added)} added, ${n(calls.alreadyInTeam)} already in the team.${calls.read ? ` All are ${report.account}'s (the store named them: ${names}).` : ''}`,
    `Stage history: ${n(stageHistory.read)} read; ${n(stageHistory.added)} added, ${n(stageHistory.alreadyInTeam)} already in the team.`,
    `Callbacks: ${n(callbacks.read)} read; ${n(callbacks.added)} added, ${n(callbacks.alreadyInTeam)} already in the team.`,
    `Handoffs to sales added: ${n(report.handoffs.added)}.`,
    `Note drafts: ${n(noteDrafts.read)} read; ${n(noteDrafts.added)} added, ${n(noteDrafts.teamHadOne)} left as the team had them.`,
  ];
  if (report.unknownDispositions.length) {
    lines.push(`Dispositions the team does not define: ${report.unknownDispositions.join(', ')} (their calls are kept with their labels; a team lead may add them).`);
  }
  return `${lines.join('\n')}\n`;
}

/** How far the upload is, in words (the command's stderr, Settings → Team): "3,000 of 10,000 leads written", a dry run's "(rolled back at the end)". */
export function uploadProgressText({ leadsDone, leadsTotal, dryRun }: ApiEvents['upload.progress']): string {
  return `${n(leadsDone)} of ${n(leadsTotal)} leads written${dryRun ? ' (rolled back at the end)' : ''}`;
}
