import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { STORE_FILE } from '../../data-dir.ts';
import { UsageError } from '../../runtime-options.ts';
import { listBackups } from '../../store/backups.ts';
import { checkStoreFile, StoreProblem } from '../../store/store-check.ts';
import { command } from '../cli-command.ts';

/**
 * Not through the dispatcher, by design: it reads the store file read-only, as it is, so that it
 * can say what is wrong with a store that will not open.
 */
export const checkCommand = command({
  name: 'check',
  flags: {},
  about: ['the store\'s full integrity check; says what to do when it is damaged'],
  async run({ options }) {
    const storeFile = join(options.dataDir, STORE_FILE);
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
  },
});
