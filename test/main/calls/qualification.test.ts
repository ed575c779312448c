import { describe, expect, it } from 'vitest';
import { activeDispositions } from '../../../main/calls/disposition-store.ts';
import { exportHandoffs, listHandoffs } from '../../../main/calls/handoffs.ts';
import { logDisposition, UNDO_GRACE_MS } from '../../../main/calls/log-disposition.ts';
import { saveNoteDraft } from '../../../main/calls/note-drafts.ts';
import { undoDisposition } from '../../../main/calls/undo-disposition.ts';
import { getLeadCard } from '../../../main/leads/lead-cards.ts';
import { activeScript, importScript } from '../../../main/scripts/script-store.ts';
import { PERMISSION_PLAYBOOK } from '../../../main/scripts/playbooks.ts';
import type { Answers } from '../../../shared/scripts/script-schema.ts';
import { count, csv, importCsv, storeContents, testCore, type TestCore } from '../../helpers/test-core.ts';

async function oneLead(stage = 'lead') {
  const core = testCore('2026-11-23T15:00:00Z');
  await importCsv(core, csv('Record ID,Name,Phone,Company,Lifecycle Stage', `1,Ada Lovelace,+12125550100,Analytical Engines,${stage}`));
  const { id } = core.db.prepare('SELECT id FROM leads').get() as { id: number };
  return { core, id };
}

const log = async (core: TestCore, leadId: number, code: string, extra: { answers?: Answers; reason?: string; notes?: string; callbackAt?: string } = {}) =>
  logDisposition(core.store, core.clock, await activeDispositions(core.store), { leadId, code, notes: extra.notes ?? '', ...extra }, { script: await activeScript(core.store), rep: 'Jordan' });

const BANT_MET = { need: 'Reps lose hours dialling', budget: 'yes', authority: 'You decide', timeline: '2027-01-15' };

describe('a call logged against the BANT script', () => {
  it('qualifies: the stage moves to SQL, the history says who and why, and sales get a handoff', async () => {
    const { core, id } = await oneLead();
    const call = await log(core, id, 'qualified', { answers: BANT_MET, notes: 'Demo with the CFO next week' });
    expect(call).toMatchObject({ stageBefore: 'IQL', stageAfter: 'SQL', rep: 'Jordan', answers: BANT_MET, recommended: 'qualified', reason: null });
    expect((await getLeadCard(core.store, id)).stageHistory).toEqual([{ from: 'IQL', to: 'SQL', reason: 'Qualified', at: '2026-11-23T15:00:00.000Z', rep: 'Jordan', callId: call.id }]);
    expect((await listHandoffs(core.store))).toEqual([
      expect.objectContaining({
        leadName: 'Ada Lovelace',
        crmId: '1',
        rep: 'Jordan',
        answers: BANT_MET,
        notes: 'Demo with the CFO next week',
        why: {
          summary: 'BANT met: need, budget, authority, and a timeline within 90 days',
          criteriaMet: ['Need: a problem we solve', 'Budget: set aside', 'Authority: decides, or shares the decision', 'Timeline: within 90 days'],
        },
      }),
    ]);
    expect((await exportHandoffs(core.store, 'csv')).content).toContain('need: Reps lose hours dialling; budget: yes; authority: You decide; timeline: 2027-01-15');
  });

  it('asks why when the rep chooses other than the recommendation, and records the reason', async () => {
    const { core, id } = await oneLead();
    await expect(log(core, id, 'interested-not-yet', { answers: BANT_MET })).rejects.toThrow('The agreed criteria recommend "Qualified": say why you chose "Interested — not yet".');
    expect(count(core, 'calls')).toBe(0);
    const call = await log(core, id, 'interested-not-yet', { answers: BANT_MET, reason: 'Budget is for next year' });
    expect(call).toMatchObject({ recommended: 'qualified', reason: 'Budget is for next year', stageAfter: 'MQL' });
    expect(count(core, 'handoffs')).toBe(0);
  });

  it('refuses an answer to no question, or one that does not fit, and writes nothing', async () => {
    const { core, id } = await oneLead();
    await expect(log(core, id, 'no-answer', { answers: { shoe_size: '42' } })).rejects.toThrow(/no question "shoe_size"/);
    await expect(log(core, id, 'no-answer', { answers: { budget: 'maybe' } })).rejects.toThrow(/answer yes or no/);
    await expect(log(core, id, 'no-answer', { answers: { timeline: 'soon' } })).rejects.toThrow(/answer a date/);
    expect(count(core, 'calls')).toBe(0);
  });

  it('asks a disqualification for its reason, and keeps it in the history', async () => {
    const { core, id } = await oneLead();
    await expect(log(core, id, 'disqualified')).rejects.toThrow('"Disqualified" needs a reason.');
    await log(core, id, 'disqualified', { reason: 'A student, not a buyer' });
    expect((await getLeadCard(core.store, id)).stageHistory[0]).toMatchObject({ to: 'disqualified', reason: 'Disqualified: A student, not a buyer' });
  });
});

describe('the permission-based script', () => {
  it('yes makes an SQL with a handoff; no sends the lead to nurture', async () => {
    const { core } = await oneLead();
    await importScript(core.store, PERMISSION_PLAYBOOK, 'permission.yaml', (await activeDispositions(core.store)).map((d) => d.code), core.clock.now());
    await importCsv(core, csv('Record ID,Name,Phone', '2,Bob,+12125550101'));
    const [ada, bob] = (core.db.prepare('SELECT id FROM leads ORDER BY id').all() as { id: number }[]).map((r) => r.id) as [number, number];
    await expect(log(core, ada, 'not-interested', { answers: { specialist: 'yes' } })).rejects.toThrow(/recommend "Qualified"/);
    expect((await log(core, ada, 'qualified', { answers: { specialist: 'yes', 'best-time': 'Tuesday 9 am' } })).stageAfter).toBe('SQL');
    expect((await log(core, bob, 'not-interested', { answers: { specialist: 'no', 'why-not-now': 'Timing' } })).stageAfter).toBe('nurture');
    expect((await listHandoffs(core.store)).map((h) => h.leadName)).toEqual(['Ada Lovelace']);
  });
});

describe('undoing a disposition', () => {
  it('restores the exact previous rows within the grace period', async () => {
    const { core, id } = await oneLead();
    await log(core, id, 'callback', { callbackAt: '2026-11-24T15:00:00Z' });
    core.clock.advance(UNDO_GRACE_MS + 1);
    const before = storeContents(core);
    const callbacksBefore = core.db.prepare('SELECT * FROM callbacks ORDER BY id').all();
    const call = await log(core, id, 'qualified', { answers: BANT_MET, notes: 'Handing over' });
    expect(count(core, 'handoffs')).toBe(1);
    expect(await undoDisposition(core.store, core.clock, call.id)).toMatchObject({ callId: call.id, leadId: id });
    expect(storeContents(core)).toEqual(before);
    expect(core.db.prepare('SELECT * FROM callbacks ORDER BY id').all()).toEqual(callbacksBefore);
    expect(count(core, 'handoffs')).toBe(0);
  });

  it('is refused once the grace period has passed', async () => {
    const { core, id } = await oneLead();
    const call = await log(core, id, 'busy');
    core.clock.advance(UNDO_GRACE_MS + 1);
    await expect(undoDisposition(core.store, core.clock, call.id)).rejects.toThrow(/Too late/);
    expect(count(core, 'calls')).toBe(1);
  });
});

describe('a note in progress', () => {
  it('is kept in the store as typed, becomes the call’s note, and comes back if the call is undone', async () => {
    const { core, id } = await oneLead();
    await saveNoteDraft(core.store, id, 'Wants pricing for 40 seats', core.clock.now());
    expect((await getLeadCard(core.store, id)).draft).toBe('Wants pricing for 40 seats');
    const call = await log(core, id, 'busy', { notes: 'Wants pricing for 40 seats' });
    expect((await getLeadCard(core.store, id)).draft).toBe('');
    await undoDisposition(core.store, core.clock, call.id);
    expect((await getLeadCard(core.store, id)).draft).toBe('Wants pricing for 40 seats');
    await saveNoteDraft(core.store, id, '', core.clock.now());
    expect(count(core, 'note_drafts')).toBe(0);
  });
});
