/**
 * Copies of the lead store kept beside it, in the data folder's `backups/`: one when Nextcall
 * starts, one a day, any the rep asks for, and the store as it was before a restore.
 */
export type BackupReason = 'start' | 'daily' | 'manual' | 'before-restore';

export interface BackupInfo {
  /** The file's name in the backups folder: what a restore asks for. */
  fileName: string;
  /** When it was taken (on the core's clock), ISO. */
  takenAt: string;
  bytes: number;
  reason: BackupReason;
}

export interface BackupList {
  /** Where the backups are, for a team lead who copies them elsewhere. */
  folder: string;
  /** Newest first. */
  backups: BackupInfo[];
}

export interface RestoreReport {
  /** The backup that is the store now (takenAt: from its name, or the file's time for a file named otherwise). */
  restored: { fileName: string; takenAt: string; bytes: number };
  /** The store as it was just before, kept as a backup (or, damaged, moved aside under this name). */
  keptAside: BackupInfo | { fileName: string; damaged: true } | null;
}

/** How many days backups are kept (the newest is always kept). */
export const BACKUP_KEEP_DAYS = 14;

/** A backup's file name: `nextcall-<instant, with - for : and .>-<reason>.sqlite`; nothing else is restored by name. */
export const BACKUP_FILE_NAME = /^nextcall-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-(start|daily|manual|before-restore)\.sqlite$/;
