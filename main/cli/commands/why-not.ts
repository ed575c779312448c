import { command, LIST, text } from '../cli-command.ts';
import { idArgument } from '../cli-files.ts';

export const whyNotCommand = command({
  name: 'why-not',
  args: 'LEAD-ID',
  flags: { list: LIST, at: text('ISO-TIME') },
  about: ['which rules hold a lead back, and when it will be offered'],
  run: ({ args, flags, call }) =>
    call('queue.whyNot', { ...(flags.list ? { listName: flags.list } : {}), leadId: idArgument(args, 'why-not needs a lead id: npm run cli -- why-not 42') }),
});
