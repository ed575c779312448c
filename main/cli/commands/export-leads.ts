import { choice, command, LIST, OUT } from '../cli-command.ts';

export const exportLeadsCommand = command({
  name: 'export leads',
  flags: { list: LIST, format: choice(['csv', 'json'], 'csv'), out: OUT },
  about: ['every lead (or a list\'s) for the CRM, streamed to --out or stdout'],
  async run({ flags, call }) {
    // The CLI's export edge streams the file as the dispatcher hands it over (cli-session.ts).
    await call('leads.export', { format: flags.format, ...(flags.list ? { listName: flags.list } : {}) });
    return undefined;
  },
});
