import { describe, expect, it } from 'vitest';
import { recordDial } from '../../../main/calls/dials.ts';
import { logDisposition } from '../../../main/calls/log-disposition.ts';
import { loadLeadFacts } from '../../../main/queue/lead-facts.ts';
import { getLeadCard } from '../../../main/leads/lead-rows.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { DEFAULT_QUEUE_RULES } from '../../../shared/queue-rules.ts';
import { count, csv, importCsv, testCore } from '../../helpers/test-core.ts';

async function oneLead(stage = 'lead') {
  const core = testCore('2026-11-23T15:00:00Z');
  await importCsv(core, csv('Record ID,Name,Phone,Lifecycle Stage', `1,Ada Lovelace,+12125550100,${stage}`));
  const { id } = core.db.prepare('SELECT id FROM leads').get() as { id: number };
  const log = (code: string, notes = '') => logDisposition(core.db, core.clock, DEFAULT_DISPOSITIONS, { leadId: id, code, notes });
  return { core, id, log };
}

describe('logging a disposition', () => {
  it('records the call with the number dialled, the notes and the stage before and after', async () => {
    const { core, id, log } = await oneLead();
    const call = log('qualified', 'Budget approved for Q1');
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
    const card = getLeadCard(core.db, id);
    expect(card.lead).toMatchObject({ stage: 'SQL', attempts: 1, lastDisposition: 'Qualified', lastAttemptAt: '2026-11-23T15:00:00.000Z' });
    expect(card.calls).toHaveLength(1);
  });

  it('writes a stage-history row for every stage change, and none when the stage stays', async () => {
    const { core, log } = await oneLead();
    log('no-answer');
    expect(count(core, 'stage_history')).toBe(0);
    log('interested-not-yet');
    const rows = core.db.prepare('SELECT from_stage, to_stage, reason, call_id IS NOT NULL AS has_call FROM stage_history').all();
    expect(rows).toEqual([{ from_stage: 'IQL', to_stage: 'MQL', reason: 'Interested — not yet', has_call: 1 }]);
  });

  it('flags do-not-call for good', async () => {
    const { core, id, log } = await oneLead();
    log('do-not-call');
    expect(getLeadCard(core.db, id).lead.doNotCall).toBe(true);
  });

  it('never makes a move the lifecycle forbids (a disqualified lead does not become an SQL)', async () => {
    const { core, id, log } = await oneLead('disqualified');
    log('qualified');
    expect(getLeadCard(core.db, id).lead.stage).toBe('disqualified');
  });

  it('refuses an unknown disposition or lead and changes nothing', async () => {
    const { core, id, log } = await oneLead();
    expect(() => log('hung-up-angrily')).toThrow(/no disposition "hung-up-angrily"/);
    expect(() => logDisposition(core.db, core.clock, DEFAULT_DISPOSITIONS, { leadId: id + 99, code: 'busy', notes: '' })).toThrow(/No lead with id/);
    expect(count(core, 'calls')).toBe(0);
    expect(getLeadCard(core.db, id).lead.attempts).toBe(0);
  });
});

describe('the number dialled', () => {
  it('is the one the console says, when it is one of the lead’s good numbers', async () => {
    const core = testCore('2026-11-23T15:00:00Z');
    await importCsv(core, csv('Record ID,Name,Phone,Mobile Phone Number', '1,Ada,+12125550100,+12125550150'));
    const { id } = core.db.prepare('SELECT id FROM leads').get() as { id: number };
    const call = logDisposition(core.db, core.clock, DEFAULT_DISPOSITIONS, { leadId: id, code: 'busy', notes: '', number: '+12125550150' });
    expect(call.phoneE164).toBe('+12125550150');
    expect(() => logDisposition(core.db, core.clock, DEFAULT_DISPOSITIONS, { leadId: id, code: 'busy', notes: '', number: '+19995550000' })).toThrow(/not a number of this lead/);
  });
});

describe('how long a call lasted', () => {
  it('runs from when the rep dialled to the disposition', async () => {
    const { core, id } = await oneLead();
    const call = logDisposition(core.db, core.clock, DEFAULT_DISPOSITIONS, { leadId: id, code: 'busy', notes: '', startedAt: '2026-11-23T14:57:30Z' });
    expect(call).toMatchObject({ startedAt: '2026-11-23T14:57:30.000Z', durationSeconds: 150 });
    expect(() => logDisposition(core.db, core.clock, DEFAULT_DISPOSITIONS, { leadId: id, code: 'busy', notes: '', startedAt: '2026-11-23T15:05:00Z' })).toThrow(/started in the last 12 hours/);
  });
});

describe('a dial', () => {
  it('is on record before the disposition, counts against the number’s cap if never logged, and is completed by the call', async () => {
    const { core, id } = await oneLead();
    const dial = recordDial(core.db, id, '+12125550100', Date.parse('2026-11-23T14:58:00Z'), DEFAULT_QUEUE_RULES);
    const facts = loadLeadFacts(core.db, id, core.clock.now())!;
    expect(facts.recentAttempts.get('+12125550100')).toEqual([Date.parse('2026-11-23T14:58:00Z')]);
    const call = logDisposition(core.db, core.clock, DEFAULT_DISPOSITIONS, { leadId: id, code: 'busy', notes: '', dialId: dial.dialId });
    expect(call).toMatchObject({ startedAt: '2026-11-23T14:58:00.000Z', durationSeconds: 120, phoneE164: '+12125550100' });
    // Completed: the attempt is the call now, counted once.
    expect(loadLeadFacts(core.db, id, core.clock.now())!.recentAttempts.get('+12125550100')).toHaveLength(1);
    expect(() => logDisposition(core.db, core.clock, DEFAULT_DISPOSITIONS, { leadId: id, code: 'busy', notes: '', dialId: dial.dialId })).toThrow(/not an open dial/);
  });
});
