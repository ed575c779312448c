import { describe, expect, it } from 'vitest';
import { activeDispositions } from '../../../main/calls/disposition-store.ts';
import { logDisposition } from '../../../main/calls/log-disposition.ts';
import { undoDisposition } from '../../../main/calls/undo-disposition.ts';
import { leadCallingWindows, upcomingCallbacks } from '../../../main/queue/lead-callbacks.ts';
import { activeScript } from '../../../main/scripts/script-store.ts';
import { DEFAULT_QUEUE_RULES } from '../../../shared/queue-rules.ts';
import { csv, importCsv, testCore, type TestCore } from '../../helpers/test-core.ts';

// Monday 23 November 2026, 10:00 in New York.
const NOW = '2026-11-23T15:00:00Z';

async function leads() {
  const core = testCore(NOW);
  await importCsv(
    core,
    csv('Record ID,Name,Phone,Time Zone,State', '1,Ada Lovelace,+12125550100,America/New_York,NY', '2,Bob Marley,+13055550101,America/New_York,FL', '3,Cleo Park,+12125550102,America/New_York,NY'),
  );
  const id = (crmId: string) => (core.db.prepare('SELECT id FROM leads WHERE crm_id = ?').get(crmId) as { id: number }).id;
  return { core, ada: id('1'), bob: id('2'), cleo: id('3') };
}

const book = async (core: TestCore, leadId: number, callbackAt: string) =>
  logDisposition(core.store, core.clock, await activeDispositions(core.store), { leadId, code: 'callback', notes: '', callbackAt }, { script: await activeScript(core.store), rep: 'Jordan' });

describe('the callbacks the console announces', () => {
  it('lists those not made yet, due within a day, soonest first, with the lead’s name and zone', async () => {
    const { core, ada, bob, cleo } = await leads();
    await book(core, bob, '2026-11-23T17:00:00Z');
    await book(core, ada, '2026-11-23T16:00:00Z');
    await book(core, cleo, '2026-11-26T15:00:00Z');
    expect(await upcomingCallbacks(core.store, core.clock.now())).toEqual([
      { leadId: ada, leadName: 'Ada Lovelace', dueAt: '2026-11-23T16:00:00.000Z', timeZone: 'America/New_York' },
      { leadId: bob, leadName: 'Bob Marley', dueAt: '2026-11-23T17:00:00.000Z', timeZone: 'America/New_York' },
    ]);
    // A due one stays listed until the rep calls the lead; then it is made.
    core.clock.set('2026-11-23T16:30:00Z');
    expect((await upcomingCallbacks(core.store, core.clock.now())).map((c) => c.leadName)).toEqual(['Ada Lovelace', 'Bob Marley']);
    await logDisposition(core.store, core.clock, await activeDispositions(core.store), { leadId: ada, code: 'no-answer', notes: '' }, { script: await activeScript(core.store), rep: 'Jordan' });
    expect((await upcomingCallbacks(core.store, core.clock.now())).map((c) => c.leadName)).toEqual(['Bob Marley']);
  });

  it('an undone callback is not announced', async () => {
    const { core, ada } = await leads();
    const call = await book(core, ada, '2026-11-23T16:00:00Z');
    await undoDisposition(core.store, core.clock, call.id);
    expect(await upcomingCallbacks(core.store, core.clock.now())).toEqual([]);
  });
});

describe('a lead’s calling windows, for the picker’s quick choices', () => {
  it('are the list’s hours and every law that binds the lead (Florida by its number)', async () => {
    const { core, ada, bob } = await leads();
    const federal = { days: [1, 2, 3, 4, 5, 6, 7], start: 480, end: 1260 };
    expect(await leadCallingWindows(core.store, DEFAULT_QUEUE_RULES, ada, core.clock.now())).toEqual({ timeZone: 'America/New_York', windows: [DEFAULT_QUEUE_RULES.window, federal] });
    expect((await leadCallingWindows(core.store, DEFAULT_QUEUE_RULES, bob, core.clock.now())).windows).toEqual([
      DEFAULT_QUEUE_RULES.window,
      federal,
      { days: [1, 2, 3, 4, 5, 6, 7], start: 480, end: 1200 },
    ]);
    await expect(leadCallingWindows(core.store, DEFAULT_QUEUE_RULES, 999, core.clock.now())).rejects.toThrow('There is no lead #999.');
  });
});
