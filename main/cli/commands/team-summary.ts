import { UsageError } from '../../runtime-options.ts';
import { choice, command, OUT } from '../cli-command.ts';
import { printOrWrite, textArgument } from '../cli-files.ts';

export const teamSummaryCommand = command({
  name: 'team-summary',
  args: 'A.json B.json …',
  flags: { format: choice(['json', 'csv', 'html'], 'json'), out: OUT },
  about: ['several reps\' JSON summaries merged: each rep, and the team in total'],
  async run({ args, flags, call }) {
    if (args.length === 0) throw new UsageError('team-summary needs the reps\' JSON summaries: npm run cli -- team-summary ana.json ben.json');
    const files = await Promise.all(args.map((file) => textArgument('team-summary', file)));
    // The merge names each file that is not a summary; the first one stops the command.
    const merged = await call('team.merge', { files });
    const [refused] = merged.refused;
    if (refused) throw new UsageError(refused.message);
    if (merged.note) console.error(merged.note);
    return printOrWrite(flags.out, (await call('team.export', { files, format: flags.format })).content);
  },
});
