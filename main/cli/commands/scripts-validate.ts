import { command } from '../cli-command.ts';
import { textArgument } from '../cli-files.ts';

export const scriptsValidateCommand = command({
  name: 'scripts validate',
  args: 'FILE',
  flags: {},
  about: ['check a script (YAML or JSON): every problem with its line and field'],
  run: async ({ args, call }) => call('scripts.validate', await textArgument('scripts validate', args[0])),
});
