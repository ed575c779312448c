import { command } from '../cli-command.ts';
import { textArgument } from '../cli-files.ts';

export const dispositionsImportCommand = command({
  name: 'dispositions import',
  args: 'FILE',
  flags: {},
  about: ['replace the dispositions in use with a file\'s (YAML or JSON list)'],
  run: async ({ args, call }) => call('dispositions.import', await textArgument('dispositions import', args[0])),
});
