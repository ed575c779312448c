import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leadCount } from '../../../main/leads/lead-count.ts';
import { openDatabase, type Database } from '../../../main/store/database.ts';
import { sqliteStore } from '../../../main/store/seam/sqlite-store.ts';
import { seedLeads } from '../../helpers/seed-leads.ts';
import { tempDir } from '../../helpers/test-core.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

const counted = (db: Database) => (db.prepare('SELECT count(*) AS n FROM leads').get() as { n: number }).n;
const addLeads = (db: Database, n: number) => {
  const insert = db.prepare("INSERT INTO leads (first_name, stage, created_at) VALUES ('Ada', 'IQL', 1)");
  for (let i = 0; i < n; i++) insert.run();
};

describe('the number of leads in the store, as the top bar shows it (SQLite: kept per connection)', () => {
  it('follows leads added and removed on this connection, without counting them again', async () => {
    const db = openDatabase(join(tempDir(), 'store.sqlite'));
    const store = sqliteStore(db);
    expect(await leadCount(store)).toBe(0);
    addLeads(db, 5);
    expect(await leadCount(store)).toBe(5);
    db.exec('DELETE FROM leads WHERE id IN (1, 2)');
    expect(await leadCount(store)).toBe(3);
    db.exec('DELETE FROM leads');
    expect(await leadCount(store)).toBe(0);
    db.close();
  });

  it('takes back what a rolled-back transaction added, even the transaction that counted first', async () => {
    const db = openDatabase(join(tempDir(), 'store.sqlite'));
    const store = sqliteStore(db);
    addLeads(db, 2);
    await expect(
      store.transaction(async (tx) => {
        expect(await leadCount(tx)).toBe(2);
        addLeads(db, 3);
        expect(await leadCount(tx)).toBe(5);
        throw new Error('import refused');
      }),
    ).rejects.toThrow('import refused');
    expect(await leadCount(store)).toBe(counted(db));
    expect(await leadCount(store)).toBe(2);
    await expect(
      store.transaction(async () => {
        addLeads(db, 4);
        throw new Error('again');
      }),
    ).rejects.toThrow('again');
    expect(await leadCount(store)).toBe(2);
    db.close();
  });

  it('sees leads another process wrote to the same store (the CLI importing while the console runs)', async () => {
    const file = join(tempDir(), 'store.sqlite');
    const console = openDatabase(file);
    const store = sqliteStore(console);
    addLeads(console, 1);
    expect(await leadCount(store)).toBe(1);
    const cli = new DatabaseSync(file);
    addLeads(cli, 4);
    cli.exec('DELETE FROM leads WHERE id = 1');
    cli.close();
    expect(await leadCount(store)).toBe(4);
    addLeads(console, 1);
    expect(await leadCount(store)).toBe(5);
    console.close();
  });
});

describeEachStore('the number of leads in the store, on either store', ({ open }) => {
  it('is every lead, after leads are added and removed', async () => {
    const store = await open();
    expect(await leadCount(store)).toBe(0);
    const ids = await seedLeads(store, [{}, {}, {}]);
    expect(await leadCount(store)).toBe(3);
    await store.run('DELETE FROM leads WHERE id = ?', [ids[0]!]);
    expect(await leadCount(store)).toBe(2);
  });
});

describeEachStore(
  'the number of leads on the team store, kept by the store across server processes',
  ({ open, connect }) => {
    it('counts what every process adds and removes, a rolled-back import nothing, and stays right when its changes are folded', async () => {
      const store = await open();
      const other = await connect();
      await seedLeads(store, [{}, {}]);
      await seedLeads(other, [{}, {}, {}]);
      expect(await leadCount(store)).toBe(5);
      await expect(
        other.transaction(async (tx) => {
          await seedLeads(tx, [{}, {}, {}, {}]);
          expect(await leadCount(tx)).toBe(9);
          throw new Error('import refused');
        }),
      ).rejects.toThrow('import refused');
      expect(await leadCount(store)).toBe(5);
      // Well past the rows a read folds into one, from both processes at once.
      await Promise.all(Array.from({ length: 40 }, (_, i) => seedLeads(i % 2 ? store : other, [{}, {}])));
      expect(await leadCount(other)).toBe(85);
      await store.run('DELETE FROM leads WHERE id IN (SELECT id FROM leads ORDER BY id LIMIT 10)');
      expect(await leadCount(store)).toBe(75);
      expect(await leadCount(other)).toBe(75);
      expect(Number((await store.one<{ n: number }>('SELECT count(*) AS n FROM lead_count_changes'))!.n)).toBeLessThan(10);
    });

    it('lets a lead arrive while an import of another process is still writing (no wait on the count)', async () => {
      const store = await open();
      const inbound = await connect();
      await seedLeads(store, [{}]);
      let arrived = false;
      await store.transaction(async (tx) => {
        await seedLeads(tx, [{}, {}, {}]);
        // The import has not committed; a webhook's lead on another connection is stored meanwhile.
        await seedLeads(inbound, [{}]);
        arrived = true;
        expect(await leadCount(inbound)).toBe(2);
      });
      expect(arrived).toBe(true);
      expect(await leadCount(inbound)).toBe(5);
    });
  },
  ['postgres'],
);
