import { command } from '../cli-command.ts';
import { fileArgument } from '../cli-files.ts';

export const importActivitiesCommand = command({
  name: 'import-activities',
  args: 'FILE.csv',
  flags: {},
  about: ['add activity (Record ID/Email/Phone, Type, Title, URL, Time) to known leads'],
  run: async ({ args, call }) => call('leads.importActivities', await fileArgument('import-activities', args, 'activities.csv')),
});
