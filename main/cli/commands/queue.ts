import { command, count, LIST, text } from '../cli-command.ts';

export const queueCommand = command({
  name: 'queue',
  flags: { list: LIST, limit: count('20', 20), at: text('ISO-TIME') },
  about: ['the next leads in the order the queue would offer them, with reasons,', 'and how many wait in each tier (--at: at that instant)'],
  run: ({ flags, call }) => call('queue.preview', { ...(flags.list ? { listName: flags.list } : {}), limit: flags.limit }),
});
