import { describe, expect, it } from 'vitest';
import { describeEachStore } from '../../../helpers/test-stores.ts';

// Past 2^31: an epoch-ms time must come back as the same number from either store.
const AT = Date.parse('2026-11-23T15:00:00Z');

describeEachStore('the store seam', ({ open }) => {
  it('reads and writes with ? placeholders; ids from RETURNING; times, counts and flags as numbers', async () => {
    const store = await open();
    const { id } = (await store.one<{ id: number }>('INSERT INTO sessions (console_id, rep, started_at) VALUES (?, ?, ?) RETURNING id', ['c1', 'Jordan', AT]))!;
    await store.run('INSERT INTO sessions (console_id, rep, started_at, ended_at) VALUES (?, ?, ?, ?)', ['c2', 'Sam', AT + 1, AT + 2]);
    expect(typeof id).toBe('number');
    const row = await store.one('SELECT id, started_at, paused_ms, ended_at FROM sessions WHERE id = ?', [id]);
    expect(row).toEqual({ id, started_at: AT, paused_ms: 0, ended_at: null });
    const figures = await store.one(
      'SELECT count(*) AS n, sum(started_at) AS total, EXISTS (SELECT 1 FROM sessions WHERE ended_at IS NULL) AS some_open, (1 = 2) AS never FROM sessions',
    );
    expect(figures).toEqual({ n: 2, total: 2 * AT + 1, some_open: 1, never: 0 });
    expect(await store.all<{ console_id: string }>('SELECT console_id FROM sessions ORDER BY console_id')).toEqual([{ console_id: 'c1' }, { console_id: 'c2' }]);
    expect(await store.run('UPDATE sessions SET paused_ms = paused_ms + ? WHERE rep = ?', [5, 'Sam'])).toEqual({ changes: 1 });
  });

  it('runs one upsert text on both stores, and reads a unique violation the same way', async () => {
    const store = await open();
    const upsert = 'INSERT INTO queue_zones (time_zone) VALUES (?) ON CONFLICT (time_zone) DO NOTHING';
    await store.run(upsert, ['America/New_York']);
    await store.run(upsert, ['America/New_York']);
    expect(await store.all('SELECT time_zone FROM queue_zones')).toEqual([{ time_zone: 'America/New_York' }]);
    const error = await store.run('INSERT INTO queue_zones (time_zone) VALUES (?)', ['America/New_York']).catch((e: unknown) => e);
    expect(store.dialect.isUniqueViolation(error)).toBe(true);
    expect(store.dialect.isUniqueViolation(new Error('something else'))).toBe(false);
  });

  it('takes an ordered list of ids as one parameter', async () => {
    const store = await open();
    for (const zone of ['a', 'b', 'c']) await store.run('INSERT INTO queue_zones (time_zone) VALUES (?)', [zone]);
    const rows = await store.all<{ id: number; position: number }>(`SELECT c.id, c.position FROM ${store.dialect.idsInOrder} AS c ORDER BY c.position`, [JSON.stringify([30, 10, 20])]);
    expect(rows.map((r) => r.id)).toEqual([30, 10, 20]);
  });

  it('lands a transaction whole or not at all; a nested one fails alone', async () => {
    const store = await open();
    const failed = await store
      .transaction(async (tx) => {
        await tx.run('INSERT INTO queue_zones (time_zone) VALUES (?)', ['kept-out']);
        throw new Error('the rep closed the window');
      })
      .catch((e: Error) => e.message);
    expect(failed).toBe('the rep closed the window');
    const kept = await store.transaction(async (tx) => {
      await tx.run('INSERT INTO queue_zones (time_zone) VALUES (?)', ['outer']);
      await tx.transaction(async (inner) => {
        await inner.run('INSERT INTO queue_zones (time_zone) VALUES (?)', ['inner']);
        throw new Error('inner fails');
      }).catch(() => undefined);
      return (await tx.all('SELECT time_zone FROM queue_zones')).length;
    });
    expect(kept).toBe(1);
    expect(await store.all('SELECT time_zone FROM queue_zones')).toEqual([{ time_zone: 'outer' }]);
  });

  it('delivers a notification once its transaction commits, and never one rolled back', async () => {
    const store = await open();
    const heard: string[] = [];
    const stop = await store.listen('store_changed', (payload) => heard.push(payload));
    await store.transaction(async (tx) => {
      await tx.notify('store_changed', 'call logged');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heard).toEqual([]);
    });
    await store.transaction(async (tx) => {
      await tx.notify('store_changed', 'rolled back');
      throw new Error('no');
    }).catch(() => undefined);
    await store.notify('store_changed', 'list changed');
    await expect.poll(() => heard, { timeout: 2000 }).toEqual(['call logged', 'list changed']);
    await stop();
    await store.notify('store_changed', 'after unsubscribe');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard).toEqual(['call logged', 'list changed']);
    await expect(store.notify('Store Changed!', 'x')).rejects.toThrow(/not a channel name/);
  });
});

describe('the store seam on one SQLite connection', () => {
  // Covered above per store; here what only a shared connection needs.
  it('makes a second transaction wait for the first instead of writing into it', async () => {
    const { sqliteStore } = await import('../../../../main/store/seam/sqlite-store.ts');
    const { openDatabase } = await import('../../../../main/store/database.ts');
    const db = openDatabase(':memory:');
    const store = sqliteStore(db);
    const order: string[] = [];
    const first = store.transaction(async (tx) => {
      await tx.run('INSERT INTO queue_zones (time_zone) VALUES (?)', ['first']);
      await new Promise((resolve) => setTimeout(resolve, 30));
      order.push('first ends');
      throw new Error('first rolls back');
    });
    const second = store.transaction(async (tx) => {
      order.push('second starts');
      await tx.run('INSERT INTO queue_zones (time_zone) VALUES (?)', ['second']);
    });
    await expect(first).rejects.toThrow('first rolls back');
    await second;
    expect(order).toEqual(['first ends', 'second starts']);
    expect(await store.all('SELECT time_zone FROM queue_zones')).toEqual([{ time_zone: 'second' }]);
    db.close();
  });
});
