import { command, flagSwitch, LIST, MAPPING, text } from '../cli-command.ts';
import { fileArgument, readMapping } from '../cli-files.ts';

export const importCommand = command({
  name: 'import',
  args: 'FILE.csv',
  flags: { list: LIST, 'default-country': text('CC'), mapping: MAPPING, encoding: text('NAME'), 'dry-run': flagSwitch },
  about: [
    'import leads (HubSpot, Salesforce or plain headers); prints the report as JSON',
    '(--encoding: the file\'s, when the guess is wrong: shift_jis, windows-1252…)',
  ],
  async run({ args, flags, call, subscribe }) {
    const file = await fileArgument('import', args, 'leads.csv');
    const stopProgress = subscribe((event, payload) => {
      if (event === 'import.progress' && 'rowsDone' in payload) {
        console.error(`${payload.rowsDone.toLocaleString('en-US')} rows read (${payload.rowsPerSecond.toLocaleString('en-US')} rows/s)`);
      }
    });
    try {
      return await call('leads.import', {
        ...file,
        ...(flags.mapping ? { mapping: await readMapping(flags.mapping) } : {}),
        ...(flags.encoding ? { encoding: flags.encoding } : {}),
        ...(flags.list ? { listName: flags.list } : {}),
        ...(flags['default-country'] ? { defaultCountry: flags['default-country'].toUpperCase() } : {}),
        dryRun: flags['dry-run'],
      });
    } finally {
      stopProgress();
    }
  },
});
