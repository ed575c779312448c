import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../../shared/api-error.ts';
import { BACKUP_FILE_NAME } from '../../../shared/backups.ts';
import { openCore } from '../../core.ts';
import { STORE_FILE } from '../../data-dir.ts';
import { confPreferences } from '../../preferences/conf-preferences.ts';
import { UsageError } from '../../runtime-options.ts';
import { listBackups } from '../../store/backups.ts';
import { restoreStore } from '../../store/restore-store.ts';
import { command } from '../cli-command.ts';

/**
 * Not through the dispatcher, by design: the dispatcher needs the store open, and restore is
 * how a store that will not open is replaced. (Not named restore.ts: that name belongs to the
 * store's restore, whose test is test/main/store/restore.test.ts.)
 */
export const restoreCommand = command({
  name: 'restore',
  args: 'FILE',
  flags: {},
  about: [
    'make a backup the store (a path, or a name in the backups folder); it is',
    'checked first, and the current store is kept as a backup (or, damaged, aside)',
  ],
  async run({ args, options }) {
    const candidate = restoreCandidate(args[0], options.dataDir);
    try {
      const report = await restoreStore({ storeFile: join(options.dataDir, STORE_FILE), dataDir: options.dataDir, clock: options.clock, inUse: false }, candidate);
      // Opening it once brings an older backup up to this version's schema, and proves it opens.
      openCore({ ...options, prefs: confPreferences(options.dataDir) }).close();
      return report;
    } catch (error) {
      if (error instanceof ApiError) throw new UsageError(error.message);
      throw error;
    }
  },
});

/** A path to a backup, or the name of one in the store's backups folder. */
function restoreCandidate(file: string | undefined, dataDir: string): string {
  const { folder, backups } = listBackups(dataDir);
  if (!file) {
    const newest = backups[0];
    throw new UsageError(
      newest
        ? `restore needs a backup: npm run cli -- restore ${newest.fileName} (the newest of ${backups.length} in ${folder}), or the path of a backup file.`
        : `restore needs a backup file: npm run cli -- restore FILE (there are no backups in ${folder}).`,
    );
  }
  if (!existsSync(file) && BACKUP_FILE_NAME.test(file) && existsSync(join(folder, file))) return join(folder, file);
  return file;
}
