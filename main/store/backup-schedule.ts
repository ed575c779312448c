import type { BackupReason } from '../../shared/backups.ts';
import type { Clock } from '../clock.ts';
import { DAY_MS, HOUR_MS } from '../../shared/time-units.ts';


export interface BackupSchedule {
  /** Takes one backup; the schedule never runs two at once. */
  backUp(reason: BackupReason): Promise<unknown>;
  /** When the newest backup was taken, or null. */
  newestAt(): number | null;
  clock: Clock;
  /** A backup that failed: said once in the log, and tried again at the next check. */
  onError(error: unknown): void;
}

/**
 * A backup when the console starts, then one a day: every hour it looks whether the newest is a
 * day old, so a laptop that slept through the night backs up when it wakes. The timer never
 * keeps the process alive. Returns the stop function, and the start backup's promise.
 */
export function scheduleBackups(schedule: BackupSchedule, checkEveryMs = HOUR_MS): { stop(): void; started: Promise<void> } {
  let running: Promise<void> | null = null;
  const run = (reason: BackupReason): Promise<void> => {
    running ??= schedule
      .backUp(reason)
      .then(() => undefined, schedule.onError)
      .finally(() => {
        running = null;
      });
    return running;
  };
  const started = run('start');
  const timer = setInterval(() => {
    const newest = schedule.newestAt();
    if (newest === null || schedule.clock.now() - newest >= DAY_MS) void run('daily');
  }, checkEveryMs);
  timer.unref();
  return { stop: () => clearInterval(timer), started };
}
