import { command } from '../cli-command.ts';

export const dispositionsListCommand = command({
  name: 'dispositions list',
  flags: {},
  about: ['the dispositions, retired ones included'],
  run: ({ call }) => call('dispositions.list', {}),
});
