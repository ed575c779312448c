import { UsageError } from '../../runtime-options.ts';
import { command, OUT } from '../cli-command.ts';
import { printOrWrite } from '../cli-files.ts';

export const scriptsExportCommand = command({
  name: 'scripts export',
  args: 'ID',
  flags: { out: OUT },
  about: ['a script\'s latest version as its team lead wrote it'],
  async run({ args, flags, call }) {
    const [id] = args;
    if (!id) throw new UsageError('scripts export needs a script id: npm run cli -- scripts export bant');
    return printOrWrite(flags.out, (await call('scripts.export', { id })).content);
  },
});
