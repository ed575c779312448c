import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { backUpCore } from '../../../main/core.ts';
import { backupsFolder, listBackups, pruneBackups } from '../../../main/store/backups.ts';
import { scheduleBackups } from '../../../main/store/backup-schedule.ts';
import type { BackupReason } from '../../../shared/backups.ts';
import { fillSyntheticStore } from '../../bench/synthetic-store.ts';
import { count, manualClock, testCore } from '../../helpers/test-core.ts';

const readOnly = (file: string) => new DatabaseSync(file, { readOnly: true });
const DAY = 24 * 3_600_000;

describe('backups of the lead store', () => {
  it('takes a backup that is one sound file holding the store, listed with its date and size', async () => {
    const core = testCore('2026-11-23T15:00:00Z');
    await createDispatcher(createHandlers(core))('leads.loadDemo', {});
    const backup = await backUpCore(core, 'manual');
    expect(backup).toMatchObject({ fileName: 'nextcall-2026-11-23T15-00-00-000Z-manual.sqlite', takenAt: '2026-11-23T15:00:00.000Z', reason: 'manual' });
    expect(listBackups(core.dataDir).backups).toEqual([backup]);
    // One file: no WAL beside it, so copying it to a USB stick copies all of it.
    expect(readdirSync(backupsFolder(core.dataDir))).toEqual([backup.fileName]);
    const copy = readOnly(join(backupsFolder(core.dataDir), backup.fileName));
    expect(copy.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    expect(copy.prepare('SELECT count(*) AS n FROM leads').get()).toEqual({ n: 300 });
    expect(backup.bytes).toBe(readFileSync(join(backupsFolder(core.dataDir), backup.fileName)).length);
    // Every lead's contact details: for this user's eyes only.
    if (process.platform !== 'win32') {
      expect(statSync(join(backupsFolder(core.dataDir), backup.fileName)).mode & 0o777).toBe(0o600);
      expect(statSync(backupsFolder(core.dataDir)).mode & 0o777).toBe(0o700);
    }
    copy.close();
  });

  it('holds every call acknowledged before it, and is consistent while dispositions are logged during it', async () => {
    const core = testCore('2026-11-23T15:00:00Z');
    fillSyntheticStore(core.db, 20_000, core.clock.now());
    const attemptsBefore = new Map((core.db.prepare('SELECT id, attempts FROM leads').all() as { id: number; attempts: number }[]).map((r) => [r.id, r.attempts]));
    const lastCallBefore = (core.db.prepare('SELECT max(id) AS id FROM calls').get() as { id: number }).id;
    const dispatch = createDispatcher(createHandlers(core));
    const dispose = async (leadId: number) => expect(await dispatch('calls.disposition', { leadId, code: 'no-answer' })).toMatchObject({ ok: true });
    // Leads that may be called at this instant (10:00 in New York): a call logged without a dial
    // passes the same compliance check as a dial, so a lead outside its window would be refused.
    const callable = (core.db.prepare("SELECT id FROM leads WHERE callable = 1 AND time_zone = 'America/New_York' ORDER BY id").all() as { id: number }[]).map((r) => r.id);

    // Acknowledged before the backup: these must be in it (they may still sit in the WAL, not the file).
    for (const leadId of callable.slice(0, 5)) await dispose(leadId);
    const acknowledged = count(core, 'calls');

    let done = false;
    const backup = backUpCore(core, 'manual').finally(() => (done = true));
    let during = 0;
    for (let i = 5; !done; i++) {
      await dispose(callable[i]!);
      during++;
      // As requests reach a host: one per turn of the event loop, where the backup's completion lands too.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const taken = await backup;
    expect(during).toBeGreaterThan(0);

    const copy = readOnly(join(backupsFolder(core.dataDir), taken.fileName));
    expect(copy.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    const inBackup = (copy.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n;
    expect(inBackup).toBeGreaterThanOrEqual(acknowledged);
    expect(inBackup).toBeLessThanOrEqual(acknowledged + during);
    // Each call in the backup came with its lead's attempt, and no attempt came without its call.
    const newCalls = copy.prepare('SELECT lead_id AS id, count(*) AS n FROM calls WHERE id > ? GROUP BY lead_id').all(lastCallBefore) as { id: number; n: number }[];
    const called = new Map(newCalls.map((r) => [r.id, r.n]));
    const torn = (copy.prepare('SELECT id, attempts FROM leads').all() as { id: number; attempts: number }[]).filter(
      (lead) => lead.attempts !== attemptsBefore.get(lead.id)! + (called.get(lead.id) ?? 0),
    );
    expect(torn).toEqual([]);
    copy.close();
  });

  it('keeps 14 days: the last day’s all, then the newest of each day and every copy from before a restore; never the newest', () => {
    const core = testCore();
    const folder = backupsFolder(core.dataDir);
    const now = Date.parse('2026-11-30T12:00:00Z');
    const make = (iso: string, reason: BackupReason) => {
      const name = `nextcall-${iso.replace(/[:.]/g, '-')}-${reason}.sqlite`;
      writeFileSync(join(folder, name), 'x');
      return name;
    };
    mkdirSync(folder);
    const keep = [
      make('2026-11-30T09:00:00.000Z', 'start'),
      make('2026-11-29T20:00:00.000Z', 'start'), // less than a day old
      make('2026-11-20T17:00:00.000Z', 'start'),
      make('2026-11-20T10:00:00.000Z', 'before-restore'),
      make('2026-11-17T12:00:01.000Z', 'daily'), // 13 days old
    ];
    const drop = [
      make('2026-11-29T08:00:00.000Z', 'daily'), // more than a day old, and the 29th has a newer one
      make('2026-11-29T07:00:00.000Z', 'start'),
      make('2026-11-20T09:00:00.000Z', 'manual'),
      make('2026-11-16T11:00:00.000Z', 'daily'), // 14 days old
      make('2026-10-01T11:00:00.000Z', 'before-restore'),
    ];
    expect(pruneBackups(core.dataDir, now).sort()).toEqual(drop.sort());
    expect(listBackups(core.dataDir).backups.map((b) => b.fileName).sort()).toEqual(keep.sort());
  });

  it('never removes the only backup, however old', () => {
    const core = testCore();
    mkdirSync(backupsFolder(core.dataDir));
    const only = 'nextcall-2026-01-01T00-00-00-000Z-daily.sqlite';
    writeFileSync(join(backupsFolder(core.dataDir), only), 'x');
    expect(pruneBackups(core.dataDir, Date.parse('2026-11-30T00:00:00Z'))).toEqual([]);
    expect(existsSync(join(backupsFolder(core.dataDir), only))).toBe(true);
  });

  it('backs up when the console starts, then when the newest backup is a day old', async () => {
    const clock = manualClock('2026-11-23T15:00:00Z');
    const taken: { reason: BackupReason; at: number }[] = [];
    const schedule = scheduleBackups(
      {
        backUp: async (reason) => void taken.push({ reason, at: clock.now() }),
        newestAt: () => taken.at(-1)?.at ?? null,
        clock,
        onError: (error) => {
          throw error;
        },
      },
      5,
    );
    await schedule.started;
    expect(taken.map((t) => t.reason)).toEqual(['start']);
    clock.advance(DAY - 60_000);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(taken.map((t) => t.reason)).toEqual(['start']);
    clock.advance(60_000);
    await new Promise((resolve) => setTimeout(resolve, 40));
    schedule.stop();
    expect(taken.map((t) => t.reason)).toEqual(['start', 'daily']);
  });
});
