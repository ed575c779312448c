import { expect, it } from 'vitest';
import { loadLeadFacts, loadLeadFactsOf } from '../../../main/queue/lead-facts.ts';
import { seedLeads } from '../../helpers/seed-leads.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

const NOW = Date.parse('2026-11-23T15:00:00Z');
const MIN = 60_000;

describeEachStore('a batch of leads’ facts, read in five statements', ({ open }) => {
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
