import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ApiError } from '../../shared/api-error.ts';
import { BACKUP_FILE_NAME } from '../../shared/backups.ts';
import { backUpCore, openCore } from '../core.ts';
import { STORE_FILE } from '../data-dir.ts';
import { confPreferences } from '../preferences/conf-preferences.ts';
import { UsageError, type RuntimeOptions } from '../runtime-options.ts';
import { backupsFolder, listBackups } from '../store/backups.ts';
import { restoreStore } from '../store/restore-store.ts';
import { checkStoreFile, StoreProblem } from '../store/store-check.ts';

export const STORE_COMMANDS = ['backup', 'restore', 'check'] as const;

export function isStoreCommand(command: string): command is (typeof STORE_COMMANDS)[number] {
  return (STORE_COMMANDS as readonly string[]).includes(command);
}

/**
 * `backup`, `restore FILE`, `check`: the store's upkeep. `restore` and `check` never open the
 * store as the console does, so they work on a store that is damaged and will not open.
 */
export async function storeCommand(command: (typeof STORE_COMMANDS)[number], args: string[], options: RuntimeOptions): Promise<unknown> {
  const storeFile = join(options.dataDir, STORE_FILE);
  switch (command) {
    case 'backup': {
      const core = openCore({ ...options, prefs: confPreferences(options.dataDir) });
      try {
        const backup = await backUpCore(core, 'manual');
        return { ...backup, file: join(backupsFolder(options.dataDir), backup.fileName) };
      } finally {
        core.close();
      }
    }
    case 'restore': {
      const candidate = restoreCandidate(args[0], options.dataDir);
      try {
        const report = await restoreStore({ storeFile, dataDir: options.dataDir, clock: options.clock, inUse: false }, candidate);
        // Opening it once brings an older backup up to this version's schema, and proves it opens.
        openCore({ ...options, prefs: confPreferences(options.dataDir) }).close();
        return report;
      } catch (error) {
        if (error instanceof ApiError) throw new UsageError(error.message);
        throw error;
      }
    }
    case 'check': {
      let health;
      try {
        health = checkStoreFile(storeFile, { thorough: true });
      } catch (error) {
        if (!(error instanceof StoreProblem)) throw error;
        const findings = error.findings.length ? `\n\nWhat the integrity check found:\n${error.findings.map((f) => `  ${f}`).join('\n')}` : '';
        throw new UsageError(`${error.message}${findings}`);
      }
      const { backups, folder } = listBackups(options.dataDir);
      const summary = { file: storeFile, integrityCheck: health.state === 'new' ? 'no store yet' : 'ok', backups: { folder, count: backups.length, newest: backups[0] ?? null } };
      if (health.state === 'new') return summary;
      const db = new DatabaseSync(storeFile, { readOnly: true });
      try {
        const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
        return { ...summary, bytes: statSync(storeFile).size, leads: count('leads'), calls: count('calls') };
      } finally {
        db.close();
      }
    }
  }
}

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
