import { expect, it } from 'vitest';
import { editLead, leadEdits, type EditContext } from '../../../main/leads/edit-lead.ts';
import { getLeadCard } from '../../../main/leads/lead-cards.ts';
import { searchLeads } from '../../../main/leads/lead-search.ts';
import type { Store } from '../../../main/store/seam/store.ts';
import { leadEditSchema, type LeadEditInput } from '../../../shared/lead-context.ts';
import { DEFAULT_QUEUE_RULES } from '../../../shared/queue-rules.ts';
import { seedCsv } from '../../helpers/seed-leads.ts';
import { csv, manualClock } from '../../helpers/test-core.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

async function oneLead(store: Store) {
  const clock = manualClock('2026-11-23T15:00:00Z');
  const [id] = await seedCsv(store, csv('Record ID,First Name,Last Name,Company Name,Email,Phone Number,Mobile Phone Number', '1,Ada,Lovelace,Engines,ada@engines.io,+12125550100,+19175550100'), {
    now: clock.now(),
  });
  const ctx: EditContext = { clock, rep: 'Ben', defaultCountry: 'US', lifetimeAttemptCap: DEFAULT_QUEUE_RULES.lifetimeAttemptCap };
  const edit = (input: Omit<LeadEditInput, 'leadId'> & { leadId?: number }) => editLead(store, { leadId: id!, ...input }, ctx);
  const phones = async () => (await getLeadCard(store, id!)).phones;
  return { clock, id: id!, edit, phones };
}

/** What an edit may touch, on either store: a refused one leaves it as it was. */
const contents = async (store: Store) =>
  Promise.all(['leads', 'phones', 'lead_edits', 'queue_zones'].map((table) => store.all(`SELECT * FROM ${table} ORDER BY 1`)));

describeEachStore('editing a lead', ({ open }) => {
  it('re-reads a changed number into E.164 and keeps the change in the history, with who and when', async () => {
    const store = await open();
    const { edit, id, phones, clock } = await oneLead(store);
    const [work, mobile] = await phones();
    const card = await edit({ phones: [{ id: work!.id, raw: '(646) 555-0142', type: 'work' }, { id: mobile!.id, raw: mobile!.raw, type: 'mobile' }] });
    expect(card.phones.map((p) => [p.raw, p.e164])).toEqual([
      ['(646) 555-0142', '+16465550142'],
      ['+19175550100', '+19175550100'],
    ]);
    clock.advance(60_000);
    await edit({ title: 'CTO', company: 'Analytical Engines' });
    expect(await leadEdits(store, id)).toEqual([
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
    const store = await open();
    const { edit, id, phones } = await oneLead(store);
    const [work, mobile] = await phones();
    await edit({ lastName: 'King', phones: [{ id: work!.id, raw: '646 555 0142', type: 'work' }, { id: mobile!.id, raw: mobile!.raw, type: 'mobile' }] });
    const find = async (q: string) => (await searchLeads(store, q, { limit: 5, defaultCountry: 'US' })).hits.map((h) => h.lead.id);
    expect(await find('(646) 555-0142')).toEqual([id]);
    expect(await find('212 555 0100')).toEqual([]);
    expect(await find('ada king')).toEqual([id]);
    expect(await find('lovelace')).toEqual([]);
  });

  it('adds and removes numbers, and a number that cannot be read is kept and flagged', async () => {
    const store = await open();
    const { edit, phones } = await oneLead(store);
    const [work] = await phones();
    const card = await edit({ phones: [{ id: work!.id, raw: work!.raw, type: 'work' }, { raw: '555-01', type: 'other' }] });
    expect(card.phones.map((p) => [p.raw, p.e164, p.type])).toEqual([
      ['+12125550100', '+12125550100', 'work'],
      ['555-01', null, 'other'],
    ]);
  });

  it('takes a zone as CRMs write it, and places a lead with no zone by its new number', async () => {
    const store = await open();
    const { edit, id, phones } = await oneLead(store);
    expect((await edit({ timeZone: 'Pacific' })).lead.timeZone).toBe('America/Los_Angeles');
    await store.run('UPDATE leads SET time_zone = NULL WHERE id = ?', [id]);
    const [work] = await phones();
    expect((await edit({ phones: [{ id: work!.id, raw: '+1 312 555 0100', type: 'work' }] })).lead.timeZone).toBe('America/Chicago');
    // The queue asks each zone in turn: the new zone is one of them.
    expect(await store.all("SELECT time_zone FROM queue_zones WHERE time_zone = 'America/Chicago'")).toHaveLength(1);
  });

  it('makes a lead callable again when its only bad number is corrected', async () => {
    const store = await open();
    const { edit, id, phones } = await oneLead(store);
    await store.run('UPDATE phones SET bad = 1 WHERE lead_id = ?', [id]);
    await store.run('UPDATE leads SET callable = 0 WHERE id = ?', [id]);
    const [work, mobile] = await phones();
    await edit({ phones: [{ id: work!.id, raw: '+1 646 555 0142', type: 'work' }, { id: mobile!.id, raw: mobile!.raw, type: 'mobile' }] });
    expect((await phones()).map((p) => p.bad)).toEqual([false, true]);
    expect(await store.one('SELECT callable FROM leads WHERE id = ?', [id])).toEqual({ callable: 1 });
  });

  it('refuses bad input in words and changes nothing', async () => {
    const store = await open();
    const { edit, id, phones } = await oneLead(store);
    const before = await contents(store);
    const [work] = await phones();
    const refusals: [Omit<LeadEditInput, 'leadId'> & { leadId?: number }, RegExp][] = [
      [{ email: 'not an email' }, /not an email address/],
      [{ timeZone: 'Mars/Olympus' }, /not a time zone/],
      [{ firstName: '', lastName: '' }, /first or a last name/],
      [{ phones: [] }, /at least one number/],
      [{ phones: [{ raw: '+12125550100', type: 'work' }, { raw: '(212) 555-0100', type: 'mobile' }] }, /listed twice/],
      [{ phones: [{ id: work!.id + 100, raw: '+12125550100', type: 'work' }] }, /not one of this lead's/],
      // A name that is right, then a number that is not: the name is not kept either.
      [{ lastName: 'King', phones: [{ id: work!.id + 100, raw: '+12125550100', type: 'work' }] }, /not one of this lead's/],
      [{ company: 'Engines' }, /Nothing to save/],
      [{ leadId: 999, title: 'CEO' }, /No lead with id 999/],
    ];
    for (const [input, message] of refusals) {
      await expect(edit(input), JSON.stringify(input)).rejects.toThrow(message);
    }
    // What the contract refuses before the module runs: a stage is the dispositions' to change.
    expect(leadEditSchema.safeParse({ leadId: id, stage: 'SQL' }).success).toBe(false);
    expect(await contents(store)).toEqual(before);
    expect(await leadEdits(store, id)).toEqual([]);
  });

  it('refuses a lead the person may not see, changing nothing', async () => {
    const store = await open();
    const { clock, id } = await oneLead(store);
    const before = await contents(store);
    const hidden = { where: 'leads.id <> ?', params: [id] };
    await expect(editLead(store, { leadId: id, title: 'CEO' }, { clock, rep: 'Blake', defaultCountry: 'US', lifetimeAttemptCap: 5, access: hidden })).rejects.toThrow(
      `Lead ${id} is not on a call list you work: ask your team lead to assign you its list.`,
    );
    await expect(leadEdits(store, id, hidden)).rejects.toThrow('is not on a call list you work');
    expect(await contents(store)).toEqual(before);
  });
});
