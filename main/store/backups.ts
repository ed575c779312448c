import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { BACKUP_FILE_NAME, BACKUP_KEEP_DAYS, type BackupInfo, type BackupList, type BackupReason } from '../../shared/backups.ts';
import type { Clock } from '../clock.ts';
import { DAY_MS } from '../../shared/time-units.ts';

/**
 * Backups of the lead store, in `backups/` beside it. Each is taken with SQLite's online backup
 * from a read-only connection of its own, in one step: one read transaction, so the copy is the
 * store at one instant even while dispositions are being logged, and (WAL) it never makes a rep
 * wait. The copy is checked before it takes its final name, so a listed backup is a sound one.
 */
export const BACKUPS_FOLDER = 'backups';

/** sqlite3_backup_step's page count: all of them, in one read transaction. */
const ALL_PAGES = 2 ** 31 - 1;

export function backupsFolder(dataDir: string): string {
  return join(dataDir, BACKUPS_FOLDER);
}

/** The store's backups, newest first. Files that are not backups (a damaged store kept aside) are left out. */
export function listBackups(dataDir: string): BackupList {
  const folder = backupsFolder(dataDir);
  const names = existsSync(folder) ? readdirSync(folder) : [];
  const backups: BackupInfo[] = [];
  for (const fileName of names) {
    const parsed = parseBackupName(fileName);
    if (!parsed) continue;
    try {
      backups.push({ fileName, ...parsed, bytes: statSync(join(folder, fileName)).size });
    } catch {
      // Removed between the listing and the stat (pruned by another process): not there.
    }
  }
  backups.sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.fileName.localeCompare(a.fileName));
  return { folder, backups };
}

export function parseBackupName(fileName: string): { takenAt: string; reason: BackupReason } | null {
  const match = BACKUP_FILE_NAME.exec(fileName);
  if (!match) return null;
  const [, day, h, m, s, ms, reason] = match;
  return { takenAt: `${day}T${h}:${m}:${s}.${ms}Z`, reason: reason as BackupReason };
}

/** A name no other backup has, from the instant it is taken. */
export function backupFileName(dataDir: string, at: number, label: BackupReason | 'damaged'): string {
  for (let t = at; ; t += 1) {
    const name = `nextcall-${new Date(t).toISOString().replace(/[:.]/g, '-')}-${label}.sqlite`;
    if (!existsSync(join(backupsFolder(dataDir), name))) return name;
  }
}

// Backups of one folder are taken one after another: two at once would race for a name and the pruning.
const queues = new Map<string, Promise<unknown>>();
function oneAtATime<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const run = (queues.get(dataDir) ?? Promise.resolve()).then(work);
  queues.set(
    dataDir,
    run.catch(() => undefined),
  );
  return run;
}

/** Takes a backup of the store file, checks it, keeps it, and prunes the old ones. */
export function takeBackup(storeFile: string, dataDir: string, clock: Clock, reason: BackupReason, { prune = true } = {}): Promise<BackupInfo> {
  return oneAtATime(dataDir, async () => {
    const folder = backupsFolder(dataDir);
    // Every lead's contact details: for this user's eyes only, like the store.
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const fileName = backupFileName(dataDir, clock.now(), reason);
    const partial = join(folder, `.${fileName}.partial`);
    try {
      const source = new DatabaseSync(storeFile, { readOnly: true });
      try {
        await backup(source, partial, { rate: ALL_PAGES });
      } finally {
        source.close();
      }
      // A backup is one file: out of WAL, so copying it elsewhere copies all of it.
      const copy = new DatabaseSync(partial);
      try {
        copy.exec('PRAGMA journal_mode = DELETE');
        const check = copy.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
        if (check[0]?.quick_check !== 'ok') throw new Error(`The backup copy failed its check: ${check[0]?.quick_check}`);
      } finally {
        copy.close();
      }
      chmodSync(partial, 0o600);
      renameSync(partial, join(folder, fileName));
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    }
    if (prune) pruneBackups(dataDir, clock.now());
    return { fileName, takenAt: parseBackupName(fileName)!.takenAt, bytes: statSync(join(folder, fileName)).size, reason };
  });
}

/**
 * Keeps 14 days of backups without keeping every start: the last day's all, then the newest of
 * each day, and every copy of the store as it was before a restore. The newest backup is never
 * removed, however old (a store not opened for a month still has one).
 */
export function pruneBackups(dataDir: string, now: number): string[] {
  const { folder, backups } = listBackups(dataDir);
  const removed: string[] = [];
  const daysSeen = new Set<string>();
  backups.forEach((b, index) => {
    const age = now - Date.parse(b.takenAt);
    const day = b.takenAt.slice(0, 10);
    const firstOfDay = !daysSeen.has(day);
    daysSeen.add(day);
    const keep = index === 0 || (age < BACKUP_KEEP_DAYS * DAY_MS && (age < DAY_MS || firstOfDay || b.reason === 'before-restore'));
    if (keep) return;
    rmSync(join(folder, b.fileName), { force: true });
    removed.push(b.fileName);
  });
  return removed;
}

/** The instant of the newest backup, or null when there is none. */
export function newestBackupAt(dataDir: string): number | null {
  const newest = listBackups(dataDir).backups[0];
  return newest ? Date.parse(newest.takenAt) : null;
}
