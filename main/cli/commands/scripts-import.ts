import { command, flagSwitch } from '../cli-command.ts';
import { textArgument } from '../cli-files.ts';

export const scriptsImportCommand = command({
  name: 'scripts import',
  args: 'FILE',
  flags: { inactive: flagSwitch },
  about: ['add a script, or its next version, and make it the one the console follows'],
  run: async ({ args, flags, call }) => call('scripts.import', { ...(await textArgument('scripts import', args[0])), activate: !flags.inactive }),
});
