import { choice, command, OUT } from '../cli-command.ts';
import { printOrWrite } from '../cli-files.ts';

export const handoffsCommand = command({
  name: 'handoffs',
  flags: { format: choice(['csv', 'json'], 'csv'), out: OUT },
  about: ['the leads handed to sales, with the answers and why they qualified'],
  run: async ({ flags, call }) => printOrWrite(flags.out, (await call('handoffs.export', { format: flags.format })).content),
});
