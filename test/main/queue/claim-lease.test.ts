import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../main/api/handlers.ts';
import { DEFAULT_QUEUE_RULES } from '../../../shared/queue-rules.ts';
import { csv, importCsv, testCore } from '../../helpers/test-core.ts';

// Monday 23 November 2026, 10:00 in New York.
async function twoLeads() {
  const core = testCore('2026-11-23T15:00:00Z');
  await importCsv(core, csv('Record ID,Name,Phone,Lifecycle Stage', '1,Ada Lovelace,+12125550100,marketingqualifiedlead', '2,Bob Babbage,+12125550101,lead'));
  const idOf = (crm: string) => (core.db.prepare('SELECT id FROM leads WHERE crm_id = ?').get(crm) as { id: number }).id;
  return { core, ada: idOf('1'), bob: idOf('2'), api: createHandlers(core) };
}

const SECOND = 1000;
const LEASE = DEFAULT_QUEUE_RULES.claimLeaseSeconds * SECOND;
const shownTo = async (api: ReturnType<typeof createHandlers>, consoleId: string) => (await api['queue.next']({ consoleId })).next?.card.lead.id;

describe('a claim is a short lease', () => {
  it('held while the console beats, for as long as it stays open', async () => {
    const { core, ada, bob, api } = await twoLeads();
    expect(await shownTo(api, 'console-one')).toBe(ada);
    for (let i = 0; i < 20; i++) {
      core.clock.advance(LEASE / 3);
      expect(await api['queue.heartbeat']({ consoleId: 'console-one', leadId: ada })).toEqual({ held: true, leaseSeconds: 90 });
    }
    expect(await shownTo(api, 'console-two')).toBe(bob);
  });

  it('a closed page (no more beats) frees its lead within the lease, not after 30 minutes', async () => {
    const { core, ada, bob, api } = await twoLeads();
    expect(await shownTo(api, 'console-one')).toBe(ada);
    core.clock.advance(LEASE - SECOND);
    expect(await shownTo(api, 'console-two')).toBe(bob);
    core.clock.advance(2 * SECOND);
    expect(await shownTo(api, 'console-three')).toBe(ada);
    // The first console comes back too late: its beat says so, and it asks for its lead again.
    expect(await api['queue.heartbeat']({ consoleId: 'console-one', leadId: ada })).toMatchObject({ held: false });
  });

  it('a beat for a lead that is gone (its import undone) holds nothing and writes nothing', async () => {
    const { core, api } = await twoLeads();
    expect(await api['queue.heartbeat']({ consoleId: 'console-one', leadId: 999_999 })).toEqual({ held: false, leaseSeconds: 90 });
    expect(core.db.prepare('SELECT count(*) AS n FROM claims').get()).toEqual({ n: 0 });
  });

  it('a page closed on purpose lets its lead go at once', async () => {
    const { ada, api } = await twoLeads();
    expect(await shownTo(api, 'console-one')).toBe(ada);
    await api['queue.release']({ consoleId: 'console-one' });
    expect(await shownTo(api, 'console-two')).toBe(ada);
  });
});

describe('a reload mid-call', () => {
  it('gives the console its lead back with the call running: the dial, its number and its start', async () => {
    const { core, ada, api } = await twoLeads();
    await api['queue.next']({ consoleId: 'console-one' });
    const dial = await api['calls.dial']({ leadId: ada, number: '+12125550100', consoleId: 'console-one' });
    core.clock.advance(95 * SECOND);
    const reloaded = await api['queue.next']({ consoleId: 'console-one' });
    expect(reloaded.next?.card.lead.id).toBe(ada);
    expect(reloaded.next?.openDial).toEqual({ dialId: dial.dialId, number: '+12125550100', at: '2026-11-23T15:00:00.000Z' });
    const { call } = await api['calls.disposition']({ leadId: ada, code: 'wrong-person', notes: '', consoleId: 'console-one', dialId: dial.dialId });
    expect(call.durationSeconds).toBe(95);
  });

  it('a skipped lead’s dial is over: when the lead comes back there is no call running', async () => {
    const { core, ada, api } = await twoLeads();
    await api['queue.next']({ consoleId: 'console-one' });
    await api['calls.dial']({ leadId: ada, number: '+12125550100', consoleId: 'console-one' });
    await api['queue.skip']({ leadId: ada, consoleId: 'console-one' });
    core.clock.advance(11 * 60 * SECOND);
    core.db.prepare('DELETE FROM claims').run();
    const back = await api['queue.next']({ consoleId: 'console-one' });
    expect(back.next?.card.lead.id).toBe(ada);
    expect((await api['queue.next']({ consoleId: 'console-one' })).next?.openDial).toBeNull();
  });
});
