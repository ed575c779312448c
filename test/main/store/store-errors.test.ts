import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { STORE_FILE } from '../../../main/data-dir.ts';
import { sqliteStore } from '../../../main/store/seam/sqlite-store.ts';
import { count, demoFixture, testCore, type TestCore } from '../../helpers/test-core.ts';
import { holdWriteLock } from '../../helpers/write-lock.ts';

const CONSOLE = 'console-1';

async function consoleWithDemoList() {
  const core = testCore();
  const logged: unknown[] = [];
  const dispatch = createDispatcher(createHandlers(core), (error) => logged.push(error));
  await dispatch('leads.loadDemo', {});
  const first = await dispatch('queue.next', { consoleId: CONSOLE });
  if (!first.ok) throw new Error(first.error.message);
  const leadId = (first.value as { next: { card: { lead: { id: number } } } }).next.card.lead.id;
  const dispose = () => dispatch('calls.disposition', { leadId, code: 'no-answer', consoleId: CONSOLE });
  return { core, dispatch, logged, dispose };
}

const storeFile = (core: TestCore) => join(core.dataDir, STORE_FILE);

describe('busy and full are sentences', () => {
  it('a disposition that waits on another process’s write lock is logged once the lock is released', async () => {
    const { core, dispose } = await consoleWithDemoList();
    const lock = await holdWriteLock(storeFile(core), 600);
    const result = await dispose();
    await lock.released;
    expect(result).toMatchObject({ ok: true });
    expect(count(core, 'calls')).toBe(1);
  });

  it('a disposition held up past the wait says the store is busy, logs nothing, and goes through when pressed again', async () => {
    const { core, dispose, logged } = await consoleWithDemoList();
    core.db.exec('PRAGMA busy_timeout = 100');
    const lock = await holdWriteLock(storeFile(core));
    const busy = await dispose();
    expect(busy).toEqual({
      ok: false,
      error: {
        code: 'store-busy',
        message: 'The lead store is busy: another Nextcall (an import from the command line, say) is writing to it. Nothing was saved; try again in a moment.',
      },
    });
    expect(JSON.stringify(busy)).not.toMatch(/locked|details are in the log/);
    expect(logged).toEqual([]);
    expect(count(core, 'calls')).toBe(0);
    lock.release();
    await lock.released;
    expect(await dispose()).toMatchObject({ ok: true });
    expect(count(core, 'calls')).toBe(1);
  });

  it('a full disk refuses an import whole, in a sentence, and the import lands once there is room', async () => {
    const core = testCore();
    const dispatch = createDispatcher(createHandlers(core), () => undefined);
    const pages = (core.db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
    // The store may not grow: what a full disk does to SQLite.
    core.db.exec(`PRAGMA max_page_count = ${pages}`);
    const full = await dispatch('leads.import', { fileName: 'demo.csv', data: Buffer.from(demoFixture()).toString('base64') });
    expect(full).toEqual({
      ok: false,
      error: { code: 'store-full', message: 'The disk that holds the lead store is full. Nothing was saved; free some space on it, then try again.' },
    });
    expect(count(core, 'leads')).toBe(0);
    expect(count(core, 'import_batches')).toBe(0);
    core.db.exec('PRAGMA max_page_count = 1073741823');
    expect(await dispatch('leads.import', { fileName: 'demo.csv', data: Buffer.from(demoFixture()).toString('base64') })).toMatchObject({ ok: true, value: { created: 300 } });
  });

  it('a store opened read-only says so, instead of an internal error', async () => {
    const core = testCore();
    await createDispatcher(createHandlers(core))('leads.loadDemo', {});
    const readOnly = new DatabaseSync(storeFile(core), { readOnly: true });
    try {
      const dispatch = createDispatcher(createHandlers({ ...core, db: readOnly, store: sqliteStore(readOnly) }), () => undefined);
      const result = await dispatch('calls.saveDraft', { leadId: 1, notes: 'Call back after lunch' });
      expect(result).toMatchObject({ ok: false, error: { code: 'store-read-only', message: expect.stringMatching(/^The lead store cannot be written: its file or its folder is read-only\./) } });
    } finally {
      readOnly.close();
    }
  });
});
