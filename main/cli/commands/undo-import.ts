import { command } from '../cli-command.ts';
import { idArgument } from '../cli-files.ts';

export const undoImportCommand = command({
  name: 'undo-import',
  args: 'ID',
  flags: {},
  about: ['take an import back (the newest not yet undone)'],
  run: ({ args, call }) => call('imports.undo', { batchId: idArgument(args, 'undo-import needs an import id (see npm run cli -- imports).') }),
});
