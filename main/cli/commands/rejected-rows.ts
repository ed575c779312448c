import { command, OUT } from '../cli-command.ts';
import { idArgument, printOrWrite } from '../cli-files.ts';

export const rejectedRowsCommand = command({
  name: 'rejected-rows',
  args: 'ID',
  flags: { out: OUT },
  about: ['the rows an import turned away, with line and reason, as CSV'],
  async run({ args, flags, call }) {
    const file = await call('imports.rejectedRows', { batchId: idArgument(args, 'rejected-rows needs an import id (see npm run cli -- imports).') });
    return printOrWrite(flags.out, file.content);
  },
});
