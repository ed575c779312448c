import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { STORE_FILE } from '../../../main/data-dir.ts';
import { backupsFolder, listBackups } from '../../../main/store/backups.ts';
import type { BackupInfo, RestoreReport } from '../../../shared/backups.ts';
import { count, testCore } from '../../helpers/test-core.ts';

async function consoleWithBackup() {
  const core = testCore('2026-11-23T15:00:00Z');
  const dispatch = createDispatcher(createHandlers(core));
  const value = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await dispatch(method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as T;
  };
  await value('leads.loadDemo', {});
  const backup = await value<BackupInfo>('store.backup', {});
  core.clock.advance(60_000);
  await value('calls.disposition', { leadId: 1, code: 'no-answer' });
  await value('calls.disposition', { leadId: 2, code: 'do-not-call' });
  return { core, dispatch, value, backup };
}

describe('restoring a backup', () => {
  it('makes the backup the store, and keeps the store as it was as a backup first', async () => {
    const { core, value, backup } = await consoleWithBackup();
    const changes: unknown[] = [];
    core.events.subscribe((event, payload) => changes.push([event, payload]));

    const report = await value<RestoreReport>('store.restore', { fileName: backup.fileName });
    expect(report.restored).toMatchObject({ fileName: backup.fileName, takenAt: '2026-11-23T15:00:00.000Z' });
    expect(report.keptAside).toMatchObject({ reason: 'before-restore', takenAt: '2026-11-23T15:01:00.000Z' });
    // The console's own connection sees the restored store at once.
    expect(count(core, 'calls')).toBe(0);
    expect(count(core, 'leads')).toBe(300);
    expect(changes).toContainEqual(['store.changed', { reason: 'restore' }]);

    // Nothing lost: the two calls are in the store kept aside, which can be restored in turn.
    const aside = new DatabaseSync(join(backupsFolder(core.dataDir), (report.keptAside as BackupInfo).fileName), { readOnly: true });
    expect(aside.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: 2 });
    aside.close();
    await value('store.restore', { fileName: (report.keptAside as BackupInfo).fileName });
    expect(count(core, 'calls')).toBe(2);
  });

  it('a store damaged while the console runs says so on every call, and a backup restored from Settings brings it back', async () => {
    const { core, dispatch, backup } = await consoleWithBackup();
    core.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const file = join(core.dataDir, STORE_FILE);
    const pages = readFileSync(file).length / 4096;
    const fd = openSync(file, 'r+');
    // A disk error: garbage over the second half of the file, under the console's feet.
    writeSync(fd, Buffer.alloc(4096 * Math.ceil(pages / 2), 0x5a), 0, 4096 * Math.ceil(pages / 2), 4096 * Math.floor(pages / 2));
    closeSync(fd);
    core.db.exec('PRAGMA cache_size = 0; PRAGMA cache_size = -65536');

    const damaged = await dispatch('queue.preview', { limit: 200 });
    expect(damaged).toEqual({
      ok: false,
      error: { code: 'store-damaged', message: 'The lead store is damaged. Nothing was saved; restore a backup in Settings, Backups (the damaged store is kept aside), or with npm run cli -- restore FILE.' },
    });
    const restored = await dispatch('store.restore', { fileName: backup.fileName });
    expect(restored).toMatchObject({ ok: true, value: { keptAside: { damaged: true } } });
    expect(core.db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    expect(await dispatch('queue.preview', { limit: 200 })).toMatchObject({ ok: true });
  });

  it('refuses a damaged backup in a sentence, and changes nothing', async () => {
    const { core, dispatch, backup } = await consoleWithBackup();
    const file = join(backupsFolder(core.dataDir), backup.fileName);
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 4096, 4096 * 3);
    writeFileSync(file, bytes);
    const storeBefore = readFileSync(join(core.dataDir, STORE_FILE));

    const result = await dispatch('store.restore', { fileName: backup.fileName });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(new RegExp(`^${backup.fileName} is (damaged|not a sound Nextcall store).*choose another backup\\.$`)) } });
    expect(count(core, 'calls')).toBe(2);
    expect(listBackups(core.dataDir).backups.map((b) => b.fileName)).toEqual([backup.fileName]);
    expect(readFileSync(join(core.dataDir, STORE_FILE)).equals(storeBefore)).toBe(true);
  });

  it('takes only the name of one of the store’s backups, never a path', async () => {
    const { dispatch } = await consoleWithBackup();
    for (const fileName of ['../nextcall.sqlite', '/etc/passwd', 'nextcall-2026-11-23T15-00-00-000Z-manual.sqlite/../../x']) {
      expect(await dispatch('store.restore', { fileName })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(await dispatch('store.restore', { fileName: 'nextcall-2020-01-01T00-00-00-000Z-manual.sqlite' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('lists the backups newest first, with their dates and sizes', async () => {
    const { value, backup, core } = await consoleWithBackup();
    const second = await value<BackupInfo>('store.backup', {});
    const list = await value<{ folder: string; backups: BackupInfo[] }>('store.backups', {});
    expect(list).toEqual({ folder: backupsFolder(core.dataDir), backups: [second, backup] });
    expect(second.bytes).toBeGreaterThan(0);
  });
});
