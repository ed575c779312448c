import { describe, expect, it } from 'vitest';
import { syncHandlers } from '../../helpers/sync-handlers.ts';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { searchLeads } from '../../../main/leads/lead-search.ts';
import { csv, importCsv, storeContents, testCore } from '../../helpers/test-core.ts';

async function oneLead() {
  const core = testCore('2026-11-23T15:00:00Z');
  core.prefs.update({ repName: 'Ben' });
  await importCsv(core, csv('Record ID,First Name,Last Name,Company Name,Email,Phone Number,Mobile Phone Number', '1,Ada,Lovelace,Engines,ada@engines.io,+12125550100,+19175550100'));
  const handlers = syncHandlers(core);
  const dispatch = createDispatcher(handlers, () => undefined);
  const id = (core.db.prepare('SELECT id FROM leads').get() as { id: number }).id;
  const phones = async () => (await handlers['leads.get']({ leadId: id })).phones;
  return { core, handlers, dispatch, id, phones };
}

describe('editing a lead', () => {
  it('re-reads a changed number into E.164 and keeps the change in the history, with who and when', async () => {
    const { handlers, id, phones, core } = await oneLead();
    const [work, mobile] = await phones();
    const card = handlers['leads.edit']({ leadId: id, phones: [{ id: work!.id, raw: '(646) 555-0142', type: 'work' }, { id: mobile!.id, raw: mobile!.raw, type: 'mobile' }] });
    expect(card.phones.map((p) => [p.raw, p.e164])).toEqual([
      ['(646) 555-0142', '+16465550142'],
      ['+19175550100', '+19175550100'],
    ]);
    core.clock.advance(60_000);
    handlers['leads.edit']({ leadId: id, title: 'CTO', company: 'Analytical Engines' });
    const history = handlers['leads.edits']({ leadId: id });
    expect(history).toEqual([
      {
        at: '2026-11-23T15:01:00.000Z',
        rep: 'Ben',
        changes: [
          { field: 'company', before: 'Engines', after: 'Analytical Engines' },
          { field: 'title', before: null, after: 'CTO' },
        ],
      },
      { at: '2026-11-23T15:00:00.000Z', rep: 'Ben', changes: [{ field: 'number', before: '+12125550100, work', after: '(646) 555-0142 (+16465550142), work' }] },
    ]);
  });

  it('finds the lead by its new number and name, and no more by the old ones', async () => {
    const { handlers, id, phones, core } = await oneLead();
    const [work, mobile] = await phones();
    handlers['leads.edit']({ leadId: id, lastName: 'King', phones: [{ id: work!.id, raw: '646 555 0142', type: 'work' }, { id: mobile!.id, raw: mobile!.raw, type: 'mobile' }] });
    const find = async (q: string) => (await searchLeads(core.store, q, { limit: 5, defaultCountry: 'US' })).hits.map((h) => h.lead.id);
    expect(await find('(646) 555-0142')).toEqual([id]);
    expect(await find('212 555 0100')).toEqual([]);
    expect(await find('ada king')).toEqual([id]);
  });

  it('adds and removes numbers, and a number that cannot be read is kept and flagged', async () => {
    const { handlers, id, phones } = await oneLead();
    const [work] = await phones();
    const card = handlers['leads.edit']({ leadId: id, phones: [{ id: work!.id, raw: work!.raw, type: 'work' }, { raw: '555-01', type: 'other' }] });
    expect(card.phones.map((p) => [p.raw, p.e164, p.type])).toEqual([
      ['+12125550100', '+12125550100', 'work'],
      ['555-01', null, 'other'],
    ]);
  });

  it('takes a zone as CRMs write it, and places a lead with no zone by its new number', async () => {
    const { handlers, id, phones, core } = await oneLead();
    expect(handlers['leads.edit']({ leadId: id, timeZone: 'Pacific' }).lead.timeZone).toBe('America/Los_Angeles');
    core.db.prepare('UPDATE leads SET time_zone = NULL WHERE id = ?').run(id);
    const [work] = await phones();
    expect(handlers['leads.edit']({ leadId: id, phones: [{ id: work!.id, raw: '+1 312 555 0100', type: 'work' }] }).lead.timeZone).toBe('America/Chicago');
  });

  it('makes a lead callable again when its only bad number is corrected', async () => {
    const { handlers, id, phones, core } = await oneLead();
    core.db.prepare('UPDATE phones SET bad = 1 WHERE lead_id = ?').run(id);
    core.db.prepare('UPDATE leads SET callable = 0 WHERE id = ?').run(id);
    const [work, mobile] = await phones();
    handlers['leads.edit']({ leadId: id, phones: [{ id: work!.id, raw: '+1 646 555 0142', type: 'work' }, { id: mobile!.id, raw: mobile!.raw, type: 'mobile' }] });
    expect((await phones()).map((p) => p.bad)).toEqual([false, true]);
    expect(core.db.prepare('SELECT callable FROM leads WHERE id = ?').get(id)).toEqual({ callable: 1 });
  });

  it('refuses bad input in words and changes nothing', async () => {
    const { dispatch, id, phones, core } = await oneLead();
    const before = storeContents(core);
    const [work] = await phones();
    const refusals = [
      [{ leadId: id, email: 'not an email' }, /not an email address/],
      [{ leadId: id, timeZone: 'Mars/Olympus' }, /not a time zone/],
      [{ leadId: id, firstName: '', lastName: '' }, /first or a last name/],
      [{ leadId: id, phones: [] }, /at least one number/],
      [{ leadId: id, phones: [{ raw: '+12125550100', type: 'work' }, { raw: '(212) 555-0100', type: 'mobile' }] }, /listed twice/],
      [{ leadId: id, phones: [{ id: work!.id + 100, raw: '+12125550100', type: 'work' }] }, /not one of this lead's/],
      [{ leadId: id, company: 'Engines' }, /Nothing to save/],
      [{ leadId: 999, title: 'CEO' }, /No lead with id 999/],
      [{ leadId: id, stage: 'SQL' }, /Invalid input/],
    ] as const;
    for (const [input, message] of refusals) {
      const result = await dispatch('leads.edit', input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      expect(result.ok ? '' : result.error.message).toMatch(message);
    }
    expect(storeContents(core)).toEqual(before);
    expect(core.db.prepare('SELECT count(*) AS n FROM lead_edits').get()).toEqual({ n: 0 });
  });
});
