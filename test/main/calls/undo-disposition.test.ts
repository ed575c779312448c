import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../main/api/handlers.ts';
import { logDisposition } from '../../../main/calls/log-disposition.ts';
import { undoDisposition } from '../../../main/calls/undo-disposition.ts';
import { getLeadCard } from '../../../main/leads/lead-rows.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { csv, importCsv, testCore } from '../../helpers/test-core.ts';

const HEADER = 'Record ID,Name,Phone,Mobile Phone Number,Company,Lifecycle Stage,Do Not Call,Time Zone';
const ADA = (dnc: boolean, stage = 'lead', company = 'Analytical Engines') => `1,Ada Lovelace,+12125550100,+12125550199,${company},${stage},${dnc},America/New_York`;

async function ada() {
  const core = testCore('2026-11-23T15:00:00Z');
  await importCsv(core, csv(HEADER, ADA(false)));
  const { id } = core.db.prepare('SELECT id FROM leads').get() as { id: number };
  const log = (code: string) => logDisposition(core.db, core.clock, DEFAULT_DISPOSITIONS, { leadId: id, code, notes: '' });
  return { core, id, log };
}

describe('undo puts back what the call changed, and only that', () => {
  it('never clears a do-not-call an import set after the disposition (the reported case)', async () => {
    const { core, id, log } = await ada();
    const call = log('no-answer');
    core.clock.advance(5_000);
    await importCsv(core, csv(HEADER, ADA(true)));
    core.clock.advance(5_000);
    undoDisposition(core.db, core.clock, call.id);
    const { lead } = getLeadCard(core.db, id);
    expect(lead.doNotCall).toBe(true);
    // What the call itself did is taken back.
    expect(lead).toMatchObject({ attempts: 0, lastDisposition: null, lastAttemptAt: null });
    expect(getLeadCard(core.db, id).calls).toHaveLength(0);
    // Do-not-call holds in the queue too: the lead is not callable.
    expect((core.db.prepare('SELECT callable FROM leads WHERE id = ?').get(id) as { callable: number }).callable).toBe(0);
  });

  it('leaves a stage someone else changed since, and takes back the stage it moved itself', async () => {
    const { core, id, log } = await ada();
    const interested = log('interested-not-yet');
    expect(getLeadCard(core.db, id).lead.stage).toBe('MQL');
    undoDisposition(core.db, core.clock, interested.id);
    expect(getLeadCard(core.db, id).lead.stage).toBe('IQL');

    const again = log('interested-not-yet');
    core.db.prepare("UPDATE leads SET stage = 'SQL' WHERE id = ?").run(id);
    expect(undoDisposition(core.db, core.clock, again.id).kept).toEqual(['stage']);
    expect(getLeadCard(core.db, id).lead.stage).toBe('SQL');
  });

  it('takes back a do-not-call the call itself set', async () => {
    const { core, id, log } = await ada();
    const call = log('do-not-call');
    undoDisposition(core.db, core.clock, call.id);
    expect(getLeadCard(core.db, id).lead.doNotCall).toBe(false);
  });

  it('through the API, the console gets the lead back with the number it can dial', async () => {
    const { core, id, log } = await ada();
    const api = createHandlers(core);
    const call = log('no-answer');
    const view = await api['calls.undo']({ callId: call.id, consoleId: 'console-one' });
    expect(view.next).toMatchObject({ number: '+12125550100', openDial: null });
    expect(view.next?.card.lead.id).toBe(id);
  });
});
