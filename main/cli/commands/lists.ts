import { command } from '../cli-command.ts';

export const listsCommand = command({
  name: 'lists',
  flags: {},
  about: ['the call lists, their filters and rules, and how many leads each holds'],
  run: ({ call }) => call('lists.list', {}),
});
