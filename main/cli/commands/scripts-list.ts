import { command } from '../cli-command.ts';

export const scriptsListCommand = command({
  name: 'scripts list',
  flags: {},
  about: ['every script version, the active one marked'],
  run: ({ call }) => call('scripts.list', {}),
});
