import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../main/store/migrations.ts';
import { migratePostgres } from '../../../main/store/postgres-migrations.ts';
import { openPostgresStore } from '../../../main/store/seam/postgres-store.ts';
import type { Store } from '../../../main/store/seam/store.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

// SQLite migration 12 and its PostgreSQL counterpart, 6: a list made before them stays
// everyone's, running, with no owner window; named reps are kept once each, whatever their case,
// and go with their list.
describe('SQLite migration 12 (lists and reps)', () => {
  it("keeps a version-11 list everyone's, running, with no owner window, and names its reps once", () => {
    const db = new DatabaseSync(':memory:');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db, 11);
    db.exec(`INSERT INTO call_lists (id, name, filter, created_at) VALUES (1, 'Webinar', '{}', 1)`);
    migrate(db, 12);
    expect({ ...db.prepare('SELECT everyone, paused, owner_window_minutes FROM call_lists').get() }).toEqual({ everyone: 1, paused: 0, owner_window_minutes: 0 });
    db.exec(`INSERT INTO call_list_reps (list_id, rep) VALUES (1, 'Dana')`);
    expect(() => db.exec(`INSERT INTO call_list_reps (list_id, rep) VALUES (1, 'dana')`)).toThrow(/UNIQUE/);
    db.exec('DELETE FROM call_lists WHERE id = 1');
    expect(db.prepare('SELECT count(*) AS n FROM call_list_reps').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('PostgreSQL migration 6 (lists and reps)', () => {
  const cluster = usePostgresCluster();
  let store: Store | undefined;
  afterEach(async () => store?.close());

  it("keeps a version-5 list everyone's, running, with no owner window, and names its reps once", async () => {
    store = await openPostgresStore({ connectionString: await cluster().createDatabase() });
    await migratePostgres(store, 5);
    await store.run(`INSERT INTO call_lists (id, name, filter, created_at) VALUES (1, 'Webinar', '{}', 1)`);
    await migratePostgres(store, 6);
    expect(await store.one('SELECT everyone, paused, owner_window_minutes FROM call_lists')).toEqual({ everyone: 1, paused: 0, owner_window_minutes: 0 });
    await store.run(`INSERT INTO call_list_reps (list_id, rep) VALUES (1, 'Dana')`);
    await expect(store.run(`INSERT INTO call_list_reps (list_id, rep) VALUES (1, 'dana')`)).rejects.toThrow(/duplicate key/);
    await store.run('DELETE FROM call_lists WHERE id = 1');
    expect(await store.one('SELECT count(*) AS n FROM call_list_reps')).toEqual({ n: 0 });
  });
});
