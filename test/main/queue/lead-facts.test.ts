import { expect, it } from 'vitest';
import { loadLeadFacts, loadLeadFactsOf } from '../../../main/queue/lead-facts.ts';
import type { Queryable, SqlValue } from '../../../main/store/seam/store.ts';
import { seedLeads } from '../../helpers/seed-leads.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

const NOW = Date.parse('2026-11-23T15:00:00Z');
const MIN = 60_000;

describeEachStore('a batch of leads’ facts, read in three statements', ({ open }) => {
  it('are each lead’s facts as read alone: numbers good and bad in order, the day’s attempts on each number (shared ones too), its claim and callback', async () => {
    const store = await open();
    const [ana, ben, cleo, dan] = await seedLeads(store, [
      { firstName: 'Ana', phones: ['+12125550100', { e164: '+12125550101', bad: true }, '+12125550102'] },
      // Ben shares Ana's first number: its attempts are Ben's attempts too.
      { firstName: 'Ben', phones: ['+12125550100'] },
      { firstName: 'Cleo', phones: ['+12125550103'] },
      { firstName: 'Dan', phones: [] },
    ]);
    const call = (lead: number, e164: string, at: number, counts = 1) =>
      store.run(
        `INSERT INTO calls (lead_id, phone_e164, disposition_code, disposition_label, started_at, ended_at, stage_before, stage_after, counts_as_attempt, rep)
         VALUES (?, ?, 'no-answer', 'No answer', ?, ?, 'IQL', 'IQL', ?, 'jordan')`,
        [lead, e164, at, at + MIN, counts],
      );
    await call(ana!, '+12125550100', NOW - 30 * MIN);
    await call(ana!, '+12125550100', NOW - 90 * MIN);
    await call(ana!, '+12125550102', NOW - 20 * MIN, 0); // does not count
    await call(ben!, '+12125550100', NOW - 26 * 60 * MIN); // older than a day
    // A dial never logged (a crash) counts as an attempt on its number.
    await store.run('INSERT INTO dials (lead_id, phone_e164, at) VALUES (?, ?, ?)', [cleo!, '+12125550103', NOW - 5 * MIN]);
    await store.run('INSERT INTO claims (lead_id, console_id, claimed_at) VALUES (?, ?, ?)', [cleo!, 'console-2', NOW - MIN]);
    await store.run('INSERT INTO callbacks (lead_id, due_at) VALUES (?, ?), (?, ?)', [cleo!, NOW + 60 * MIN, cleo!, NOW + 30 * MIN]);

    const ids = [ana!, ben!, cleo!, dan!, 9_999];
    const together = await loadLeadFactsOf(store, ids, NOW);
    for (const id of [ana!, ben!, cleo!, dan!]) expect(together.get(id)).toEqual(await loadLeadFacts(store, id, NOW));
    expect(together.has(9_999)).toBe(false);
    // What the comparison rests on, so it cannot pass on two empty answers.
    expect(together.get(ana!)).toMatchObject({ goodNumbers: ['+12125550100', '+12125550102'], badNumbers: ['+12125550101'] });
    expect(together.get(ana!)!.recentAttempts.get('+12125550100')).toEqual([NOW - 30 * MIN, NOW - 90 * MIN]);
    expect(together.get(ben!)!.recentAttempts.get('+12125550100')).toEqual([NOW - 30 * MIN, NOW - 90 * MIN]);
    expect(together.get(cleo!)).toMatchObject({ claim: { consoleId: 'console-2', claimedAt: NOW - MIN }, callbackDueAt: NOW + 30 * MIN });
    expect(together.get(cleo!)!.recentAttempts.get('+12125550103')).toEqual([NOW - 5 * MIN]);
    expect(await loadLeadFactsOf(store, [], NOW)).toEqual(new Map());
  });
});

describeEachStore(
  'a batch of leads’ facts on a team with a long history',
  ({ open }) => {
    it('are read through the indexes: the day’s attempts on eight numbers do not read every call the team ever logged', async () => {
      const store = await open();
      // 4,000 leads with one number each and 6,000 calls on them, as the planner sees them (ANALYZE).
      await store.run(
        "INSERT INTO leads (first_name, last_name, stage, score, created_at, callable, stage_rank) SELECT 'Lead ' || i, '', 'IQL', 0, 0, 1, 2 FROM generate_series(1, 4000) AS i",
      );
      await store.run("INSERT INTO phones (lead_id, position, raw, e164, type, bad) SELECT id, 0, '+1212' || (2000000 + id), '+1212' || (2000000 + id), 'work', 0 FROM leads");
      await store.run(
        `INSERT INTO calls (lead_id, phone_e164, disposition_code, disposition_label, started_at, ended_at, stage_before, stage_after, counts_as_attempt, rep)
         SELECT 1 + (i % 4000), '+1212' || (2000001 + (i % 4000)), 'no-answer', 'No answer', ?, ?, 'IQL', 'IQL', 1, 'jordan' FROM generate_series(1, 6000) AS i`,
        [NOW - 30 * MIN, NOW - 29 * MIN],
      );
      await store.run('ANALYZE');
      const read: [string, readonly SqlValue[]][] = [];
      const watched: Queryable = {
        ...store,
        all: (sql, params = []) => (read.push([sql, params]), store.all(sql, params)),
        one: (sql, params = []) => (read.push([sql, params]), store.one(sql, params)),
      };
      const ids = (await store.all<{ id: number }>('SELECT id FROM leads ORDER BY id LIMIT 8')).map((r) => Number(r.id));
      const facts = await loadLeadFactsOf(watched, ids, NOW);
      expect(facts.get(ids[0]!)!.recentAttempts.get('+12122000001')).toEqual([NOW - 30 * MIN]);
      const plans = await Promise.all(read.map(async ([sql, params]) => (await store.all<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).map((r) => r['QUERY PLAN']).join('\n')));
      expect(plans.join('\n')).toContain('calls_number');
      for (const plan of plans) expect(plan).not.toMatch(/Seq Scan on (calls|leads|phones)\b/);
    });
  },
  ['postgres'],
);
