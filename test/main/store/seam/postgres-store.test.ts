import { expect, it } from 'vitest';
import { describeEachStore } from '../../../helpers/test-stores.ts';
import { insertRows } from '../../../../main/store/seam/row-batches.ts';
import type { Queryable } from '../../../../main/store/seam/store.ts';

/** Resolves once `count` callers have arrived: lines two transactions up at the same point. */
function barrier(count: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return async () => {
    if (++arrived === count) open();
    await opened;
  };
}

describeEachStore(
  'PostgreSQL transactions between server processes',
  ({ open, connect }) => {
    it('runs a transaction again when it loses a serialization race: no update is lost', async () => {
      const store = await open();
      const other = await connect();
      await store.run('INSERT INTO sessions (console_id, started_at, paused_ms) VALUES (?, ?, ?)', ['c1', 1, 0]);
      const bothRead = barrier(2);
      let runs = 0;
      // Each adds 1000 ms of pause after reading the total: a lost update would leave 1000.
      const addPause = (tx: Queryable) =>
        (async () => {
          runs++;
          const { paused_ms } = (await tx.one<{ paused_ms: number }>('SELECT paused_ms FROM sessions WHERE console_id = ?', ['c1']))!;
          if (runs <= 2) await bothRead();
          await tx.run('UPDATE sessions SET paused_ms = ? WHERE console_id = ?', [paused_ms + 1000, 'c1']);
        })();
      await Promise.all([store.transaction(addPause), other.transaction(addPause)]);
      expect(await store.one('SELECT paused_ms FROM sessions')).toEqual({ paused_ms: 2000 });
      // At least once more; on a busy machine the rerun can lose a race again, and runs once more still.
      expect(runs).toBeGreaterThanOrEqual(3);
    });

    it('runs a transaction again after a deadlock', async () => {
      const store = await open();
      const other = await connect();
      await store.run('INSERT INTO queue_zones (time_zone) VALUES (?), (?)', ['a', 'b']);
      const bothLocked = barrier(2);
      let runs = 0;
      const lockBoth = (first: string, second: string) => (tx: Queryable) =>
        (async () => {
          runs++;
          await tx.run('UPDATE queue_zones SET time_zone = time_zone WHERE time_zone = ?', [first]);
          if (runs <= 2) await bothLocked();
          await tx.run('UPDATE queue_zones SET time_zone = time_zone WHERE time_zone = ?', [second]);
        })();
      await Promise.all([
        store.transaction(lockBoth('a', 'b'), { isolation: 'read committed' }),
        other.transaction(lockBoth('b', 'a'), { isolation: 'read committed' }),
      ]);
      // At least once more; on a busy machine the rerun can lose a race again, and runs once more still.
      expect(runs).toBeGreaterThanOrEqual(3);
    });

    it('gives up after its attempts, with the database error', async () => {
      const store = await open();
      let runs = 0;
      const error = await store
        .transaction(async (tx) => {
          runs++;
          await tx.one("SELECT 1 FROM queue_zones WHERE time_zone = 'x'");
          throw Object.assign(new Error('could not serialize access'), { code: '40001' });
        }, { attempts: 2 })
        .catch((e: Error) => e.message);
      expect(error).toBe('could not serialize access');
      expect(runs).toBe(2);
    });

    it('keeps no statement prepared on the connection for each count of rows a batch writes', async () => {
      const store = await open();
      await store.transaction(async (tx) => {
        const prepared = async () => (await tx.one<{ n: number }>('SELECT count(*) AS n FROM pg_prepared_statements'))!.n;
        const before = await prepared();
        for (let rows = 200; rows < 210; rows++) {
          await insertRows(tx, 'INSERT INTO sessions (console_id, started_at, ended_at) VALUES (?, ?, ?)', Array.from({ length: rows }, (_, i) => [`c${i}`, 1, 2]));
        }
        expect(await prepared()).toBe(before);
      });
    });

    it('carries a notification from one server process to another', async () => {
      const store = await open();
      const other = await connect();
      const heard: string[] = [];
      await other.listen('lead_claimed', (payload) => heard.push(payload));
      await store.transaction(async (tx) => tx.notify('lead_claimed', JSON.stringify({ leadId: 7 })));
      await expect.poll(() => heard, { timeout: 1000 }).toEqual(['{"leadId":7}']);
    });
  },
  ['postgres'],
);
