import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../main/api/handlers.ts';
import { logDisposition } from '../../../main/calls/log-disposition.ts';
import { undoDisposition } from '../../../main/calls/undo-disposition.ts';
import { getLeadCard } from '../../../main/leads/lead-cards.ts';
import { refreshLeadQueueColumns } from '../../../main/queue/queue-columns.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { seedLeads } from '../../helpers/seed-leads.ts';
import { csv, importCsv, manualClock, testCore } from '../../helpers/test-core.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

describeEachStore('undo puts back what the call changed, and only that', ({ open }) => {
  async function ada() {
    const store = await open();
    const clock = manualClock('2026-11-23T15:00:00Z');
    const [id] = await seedLeads(store, [{ firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines', phones: ['+12125550100', '+12125550199'] }]);
    const log = (code: string) => logDisposition(store, clock, DEFAULT_DISPOSITIONS, { leadId: id!, code, notes: '' });
    return { store, clock, id: id!, log };
  }

  it('never clears a do-not-call an import set after the disposition (the reported case)', async () => {
    const { store, clock, id, log } = await ada();
    const call = await log('no-answer');
    clock.advance(5_000);
    // What an import of the lead marked do-not-call writes.
    await store.run('UPDATE leads SET do_not_call = 1 WHERE id = ?', [id]);
    await refreshLeadQueueColumns(store, id);
    clock.advance(5_000);
    await undoDisposition(store, clock, call.id);
    const { lead, calls } = await getLeadCard(store, id);
    expect(lead.doNotCall).toBe(true);
    // What the call itself did is taken back.
    expect(lead).toMatchObject({ attempts: 0, lastDisposition: null, lastAttemptAt: null });
    expect(calls).toHaveLength(0);
    // Do-not-call holds in the queue too: the lead is not callable.
    expect((await store.one<{ callable: number }>('SELECT callable FROM leads WHERE id = ?', [id]))!.callable).toBe(0);
  });

  it('leaves a stage someone else changed since, and takes back the stage it moved itself', async () => {
    const { store, clock, id, log } = await ada();
    const interested = await log('interested-not-yet');
    expect((await getLeadCard(store, id)).lead.stage).toBe('MQL');
    await undoDisposition(store, clock, interested.id);
    expect((await getLeadCard(store, id)).lead.stage).toBe('IQL');

    const again = await log('interested-not-yet');
    await store.run("UPDATE leads SET stage = 'SQL' WHERE id = ?", [id]);
    expect((await undoDisposition(store, clock, again.id)).kept).toEqual(['stage']);
    expect((await getLeadCard(store, id)).lead.stage).toBe('SQL');
  });

  it('takes back a bad number the call itself flagged, and leaves one flagged since by someone else', async () => {
    const { store, clock, id, log } = await ada();
    const call = await log('bad-number');
    const numbers = async () => (await getLeadCard(store, id)).phones.map((p) => [p.e164, p.bad]);
    expect(await numbers()).toEqual([['+12125550100', true], ['+12125550199', false]]);
    await store.run("UPDATE phones SET bad = 1 WHERE e164 = '+12125550199'");
    await undoDisposition(store, clock, call.id);
    expect(await numbers()).toEqual([['+12125550100', false], ['+12125550199', true]]);
  });

  it('takes back a do-not-call the call itself set', async () => {
    const { store, clock, id, log } = await ada();
    const call = await log('do-not-call');
    await undoDisposition(store, clock, call.id);
    expect((await getLeadCard(store, id)).lead.doNotCall).toBe(false);
  });
});

describe('undo through the API', () => {
  it('gives the console the lead back with the number it can dial', async () => {
    const core = testCore('2026-11-23T15:00:00Z');
    await importCsv(core, csv('Record ID,Name,Phone,Mobile Phone Number', '1,Ada Lovelace,+12125550100,+12125550199'));
    const { id } = (await core.store.one<{ id: number }>('SELECT id FROM leads'))!;
    const api = createHandlers(core);
    const call = await logDisposition(core.store, core.clock, DEFAULT_DISPOSITIONS, { leadId: id, code: 'no-answer', notes: '' });
    const view = await api['calls.undo']({ callId: call.id, consoleId: 'console-one' });
    expect(view.next).toMatchObject({ number: '+12125550100', openDial: null });
    expect(view.next?.card.lead.id).toBe(id);
  });
});
