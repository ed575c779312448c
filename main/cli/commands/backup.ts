import { join } from 'node:path';
import { backupsFolder } from '../../store/backups.ts';
import { command } from '../cli-command.ts';

export const backupCommand = command({
  name: 'backup',
  flags: {},
  about: ['back the store up now, into its backups folder (kept 14 days)'],
  async run({ call, options }) {
    const backup = await call('store.backup', {});
    return { ...backup, file: join(backupsFolder(options.dataDir), backup.fileName) };
  },
});
