import { expect, it } from 'vitest';
import { recordDial } from '../../../main/calls/dials.ts';
import { logDisposition } from '../../../main/calls/log-disposition.ts';
import { getLeadCard } from '../../../main/leads/lead-cards.ts';
import { loadLeadFacts } from '../../../main/queue/lead-facts.ts';
import type { Queryable } from '../../../main/store/seam/store.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { DEFAULT_QUEUE_RULES } from '../../../shared/queue-rules.ts';
import type { Stage } from '../../../shared/stages.ts';
import { seedLeads, type SeedLead } from '../../helpers/seed-leads.ts';
import { manualClock } from '../../helpers/test-core.ts';
import { describeEachStore, type StoreFixture } from '../../helpers/test-stores.ts';

const count = async (q: Queryable, table: string) => (await q.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;

describeEachStore('logging a disposition', ({ open }) => {
  async function oneLead(stage: Stage = 'IQL', lead: SeedLead = {}) {
    const store = await open();
    const clock = manualClock('2026-11-23T15:00:00Z');
    const [id] = await seedLeads(store, [{ firstName: 'Ada', lastName: 'Lovelace', stage, phones: ['+12125550100'], ...lead }]);
    const log = (code: string, notes = '', more: object = {}) => logDisposition(store, clock, DEFAULT_DISPOSITIONS, { leadId: id!, code, notes, ...more });
    return { store, clock, id: id!, log };
  }

  it('records the call with the number dialled, the notes and the stage before and after', async () => {
    const { store, id, log } = await oneLead();
    const call = await log('qualified', 'Budget approved for Q1');
    expect(call).toMatchObject({
      leadId: id,
      leadName: 'Ada Lovelace',
      dispositionCode: 'qualified',
      dispositionLabel: 'Qualified',
      phoneE164: '+12125550100',
      notes: 'Budget approved for Q1',
      startedAt: '2026-11-23T15:00:00.000Z',
      stageBefore: 'IQL',
      stageAfter: 'SQL',
    });
    const card = await getLeadCard(store, id);
    expect(card.lead).toMatchObject({ stage: 'SQL', attempts: 1, lastDisposition: 'Qualified', lastAttemptAt: '2026-11-23T15:00:00.000Z' });
    expect(card.calls).toHaveLength(1);
  });

  it('writes a stage-history row for every stage change, and none when the stage stays', async () => {
    const { store, log } = await oneLead();
    await log('no-answer');
    expect(await count(store, 'stage_history')).toBe(0);
    await log('interested-not-yet');
    const rows = await store.all('SELECT from_stage, to_stage, reason, call_id IS NOT NULL AS has_call FROM stage_history');
    expect(rows).toEqual([{ from_stage: 'IQL', to_stage: 'MQL', reason: 'Interested — not yet', has_call: 1 }]);
  });

  it('flags do-not-call for good', async () => {
    const { store, id, log } = await oneLead();
    await log('do-not-call');
    expect((await getLeadCard(store, id)).lead.doNotCall).toBe(true);
  });

  it('never makes a move the lifecycle forbids (a disqualified lead does not become an SQL)', async () => {
    const { store, id, log } = await oneLead('disqualified');
    await log('qualified');
    expect((await getLeadCard(store, id)).lead.stage).toBe('disqualified');
  });

  it('refuses an unknown disposition or lead and changes nothing', async () => {
    const { store, clock, id, log } = await oneLead();
    await expect(log('hung-up-angrily')).rejects.toThrow(/no disposition "hung-up-angrily"/);
    await expect(logDisposition(store, clock, DEFAULT_DISPOSITIONS, { leadId: id + 99, code: 'busy', notes: '' })).rejects.toThrow(/No lead with id/);
    expect(await count(store, 'calls')).toBe(0);
    expect((await getLeadCard(store, id)).lead.attempts).toBe(0);
  });

  it('dials the number the console says, when it is one of the lead’s good numbers', async () => {
    const { log } = await oneLead('IQL', { phones: ['+12125550100', '+12125550150'] });
    expect((await log('busy', '', { number: '+12125550150' })).phoneE164).toBe('+12125550150');
    await expect(log('busy', '', { number: '+19995550000' })).rejects.toThrow(/not a number of this lead/);
  });

  it('lasts from when the rep dialled to the disposition', async () => {
    const { log } = await oneLead();
    expect(await log('busy', '', { startedAt: '2026-11-23T14:57:30Z' })).toMatchObject({ startedAt: '2026-11-23T14:57:30.000Z', durationSeconds: 150 });
    await expect(log('busy', '', { startedAt: '2026-11-23T15:05:00Z' })).rejects.toThrow(/started in the last 12 hours/);
  });

  it('completes a dial on record: the dial counts against the number’s cap if never logged, and the call is it', async () => {
    const { store, clock, id, log } = await oneLead();
    const dial = await recordDial(store, id, '+12125550100', Date.parse('2026-11-23T14:58:00Z'), DEFAULT_QUEUE_RULES);
    expect((await loadLeadFacts(store, id, clock.now()))!.recentAttempts.get('+12125550100')).toEqual([Date.parse('2026-11-23T14:58:00Z')]);
    expect(await log('busy', '', { dialId: dial.dialId })).toMatchObject({ startedAt: '2026-11-23T14:58:00.000Z', durationSeconds: 120, phoneE164: '+12125550100' });
    // Completed: the attempt is the call now, counted once.
    expect((await loadLeadFacts(store, id, clock.now()))!.recentAttempts.get('+12125550100')).toHaveLength(1);
    await expect(log('busy', '', { dialId: dial.dialId })).rejects.toThrow(/not an open dial/);
  });
});

// On PostgreSQL only: the rep's SQLite store has one connection, whose writing transactions run alone.
describeEachStore('the 24-hour caps of a number, across consoles and server processes', ({ open, connect }: StoreFixture) => {
  it('lets one dial through when two consoles on two connections dial the last allowed attempt of one number at once', async () => {
    const store = await open();
    const now = Date.parse('2026-11-23T15:00:00Z');
    // Florida: 3 attempts per number in 24 hours (its telemarketing law), two leads sharing a number.
    const shared = '+13055550100';
    const ids = await seedLeads(store, [
      { phones: [shared], timeZone: 'America/New_York', region: 'FL', country: 'US' },
      { phones: [shared], timeZone: 'America/New_York', region: 'FL', country: 'US' },
    ]);
    await recordDial(store, ids[0]!, shared, now - 3_600_000, DEFAULT_QUEUE_RULES);
    await recordDial(store, ids[1]!, shared, now - 1_800_000, DEFAULT_QUEUE_RULES);
    const consoles = [store, await connect(), await connect(), await connect()];
    const tries = await Promise.allSettled(consoles.map((q, i) => recordDial(q, ids[i % 2]!, shared, now, DEFAULT_QUEUE_RULES)));
    expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
    for (const refused of tries.filter((t): t is PromiseRejectedResult => t.status === 'rejected')) expect(String(refused.reason)).toMatch(/3 times in the last 24 hours/);
    expect(await count(store, 'dials')).toBe(3);
  });

  it('refuses a disposition logged without a dial once another console used up the number, whoever was first', async () => {
    const store = await open();
    const clock = manualClock('2026-11-23T15:00:00Z');
    const shared = '+14055550100';
    // Oklahoma: 3 attempts per number in 24 hours too.
    const ids = await seedLeads(store, [0, 1, 2, 3].map(() => ({ phones: [shared], timeZone: 'America/Chicago', region: 'OK', country: 'US' })));
    const consoles = [store, await connect(), await connect(), await connect()];
    const tries = await Promise.allSettled(consoles.map((q, i) => logDisposition(q, clock, DEFAULT_DISPOSITIONS, { leadId: ids[i]!, code: 'no-answer', notes: '' })));
    expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(3);
    expect(await count(store, 'calls')).toBe(3);
  });
}, ['postgres']);
