import { z } from 'zod';
import { BACKUP_FILE_NAME, type BackupInfo, type BackupList, type RestoreReport } from '../backups.ts';
import { none } from './common-inputs.ts';
import { method } from './method-spec.ts';

/** The store's backups (newest first), one now, and a restore by name: the current store is kept as a backup first. */
export const backupsApi = {
  'store.backups': method<BackupList>()(none),
  'store.backup': method<BackupInfo>()(none),
  'store.restore': method<RestoreReport>()(z.strictObject({ fileName: z.string().max(120).regex(BACKUP_FILE_NAME, 'the name of one of the store’s backups') })),
} as const;
