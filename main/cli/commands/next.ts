import { command, LIST } from '../cli-command.ts';

export const nextCommand = command({
  name: 'next',
  flags: { list: LIST },
  about: ['print the next lead the queue offers, and why, as JSON'],
  run: async ({ flags, call }) => (await call('queue.next', flags.list ? { listName: flags.list } : {})).next,
});
