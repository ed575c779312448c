import { expect, it } from 'vitest';
import { newIdsOf } from '../../../../main/store/seam/row-batches.ts';
import type { Queryable, SqlValue } from '../../../../main/store/seam/store.ts';
import { describeEachStore } from '../../../helpers/test-stores.ts';

const AT = Date.parse('2026-11-23T15:00:00Z');
// Ended sessions: a console has one open session at most.
const INSERT_SESSION = 'INSERT INTO sessions (console_id, rep, started_at, ended_at) VALUES (?, ?, ?, ?)';

/**
 * The store, but an INSERT of several rows writes them last to first: PostgreSQL promises no
 * order in which a statement's rows take their ids, nor of what RETURNING gives back.
 */
function numberingBackwards(q: Queryable, width: number): Queryable {
  const backwards = (sql: string, params: readonly SqlValue[]) => {
    if (!/^\s*INSERT/i.test(sql)) return params;
    const rows = Array.from({ length: params.length / width }, (_, i) => params.slice(i * width, (i + 1) * width));
    return rows.reverse().flat();
  };
  return {
    dialect: q.dialect,
    inTransaction: q.inTransaction,
    all: (sql, params = []) => q.all(sql, backwards(sql, params)),
    one: (sql, params = []) => q.one(sql, backwards(sql, params)),
    run: (sql, params = []) => q.run(sql, backwards(sql, params)),
    transaction: (work, options) => q.transaction(work, options),
    notify: (channel, payload) => q.notify(channel, payload),
  };
}

describeEachStore('rows written many to a statement', ({ open }) => {
  it('gives each row its own new id, whatever order the store numbers them in', async () => {
    const store = await open();
    const rows = [
      ['c1', 'Ann', AT, AT + 5],
      ['c2', 'Ben', AT, AT + 5],
      ['c3', 'Cy', AT + 1, AT + 5],
    ];
    for (const q of [store, numberingBackwards(store, 4)]) {
      const ids = await newIdsOf(q, INSERT_SESSION, rows);
      const written = await Promise.all(ids.map((id) => store.one<{ rep: string }>('SELECT rep FROM sessions WHERE id = ?', [id])));
      expect(written.map((r) => r?.rep)).toEqual(['Ann', 'Ben', 'Cy']);
      await store.run('DELETE FROM sessions');
    }
  });

  it('gives rows written alike an id each', async () => {
    const store = await open();
    const ids = await newIdsOf(numberingBackwards(store, 4), INSERT_SESSION, [
      ['c1', 'Ann', AT, AT + 5],
      ['c1', 'Ann', AT, AT + 5],
    ]);
    expect(new Set(ids).size).toBe(2);
  });
});
