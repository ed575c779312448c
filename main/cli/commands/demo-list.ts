import { DEMO_LIST_SIZE, demoLeadsCsv } from '../../demo/demo-list.ts';
import { command, count } from '../cli-command.ts';

export const demoListCommand = command({
  name: 'demo-list',
  flags: { count: count('N', DEMO_LIST_SIZE) },
  about: ['print a demo call list (fictional leads) as CSV; touches no store'],
  run: async ({ flags, options }) => demoLeadsCsv({ count: flags.count, now: options.clock.now() }),
});
