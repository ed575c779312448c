import { command } from '../cli-command.ts';

export const importsCommand = command({
  name: 'imports',
  flags: {},
  about: ['list the imports, newest first'],
  run: ({ call }) => call('imports.list', {}),
});
