import { expect, it } from 'vitest';
import { logDisposition } from '../../../main/calls/log-disposition.ts';
import { saveCallList } from '../../../main/leads/call-lists.ts';
import { assignList } from '../../../main/leads/list-assignments.ts';
import { searchLeads } from '../../../main/leads/lead-search.ts';
import { repAccess } from '../../../main/queue/list-access.ts';
import type { Store } from '../../../main/store/seam/store.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { seedCsv } from '../../helpers/seed-leads.ts';
import { csv, manualClock } from '../../helpers/test-core.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

const LEADS = csv(
  'Record ID,First Name,Last Name,Company Name,Email,Phone Number,Mobile Phone Number,Lifecycle Stage,Country',
  '1,Ada,Lovelace,Analytical Engines,ada@engines.io,+12125550100,,lead,US',
  '2,Zoë,Müller,Acme GmbH,zoe@acme.de,+49 30 901820,,lead,DE',
  '3,Adam,Smith,Adams & Co,adam@smith.co,(646) 555-0199,,customer,US',
  '4,Grace,Hopper,Navy Labs,grace@navy.mil,+1 212 555 0111,+1 917 555 0100,lead,US',
  '5,Charles,Babbage,Analytical Engines,charles@engines.io,020 7946 0000,,lead,GB',
);

const clock = () => manualClock('2026-11-23T15:00:00Z');

async function leads(store: Store) {
  await seedCsv(store, LEADS, { now: clock().now() });
  const find = (query: string, defaultCountry = 'US') => searchLeads(store, query, { limit: 20, defaultCountry });
  const names = async (query: string) => (await find(query)).hits.map((h) => `${h.lead.firstName} ${h.lead.lastName}`);
  const firstNames = async (query: string, defaultCountry?: string) => (await find(query, defaultCountry)).hits.map((h) => h.lead.firstName);
  return { find, names, firstNames };
}

describeEachStore('finding a lead', ({ open }) => {
  it('finds +12125550100 by its number written any way', async () => {
    const { find, firstNames } = await leads(await open());
    for (const typed of ['(212) 555-0100', '2125550100', '+1 212 555 0100', '+12125550100', '212.555.0100', '1-212-555-0100']) {
      expect(await firstNames(typed), typed).toEqual(['Ada']);
      expect((await find(typed)).kind).toBe('number');
    }
  });

  it('finds a lead by the last digits of a number, whole matches and endings first', async () => {
    const { find, firstNames } = await leads(await open());
    // 0100 ends Ada's number and Grace's mobile; both are found, with what matched.
    const hits = (await find('0100')).hits;
    expect(hits.map((h) => h.lead.firstName).sort()).toEqual(['Ada', 'Grace']);
    expect(hits.every((h) => h.matched === 'number')).toBe(true);
    expect(await firstNames('555-0199')).toEqual(['Adam']);
  });

  it('finds a number kept in national format from its international form, and the other way round', async () => {
    const { firstNames } = await leads(await open());
    expect(await firstNames('+44 20 7946 0000', 'GB')).toEqual(['Charles']);
    expect(await firstNames('020 7946 0000', 'GB')).toEqual(['Charles']);
  });

  it('finds a lead by name, company or email, by the start of each word, accents or not', async () => {
    const { names, find, firstNames } = await leads(await open());
    expect(await names('ada lovelace')).toEqual(['Ada Lovelace']);
    expect(await names('zoe mull')).toEqual(['Zoë Müller']);
    expect(await names('Müller')).toEqual(['Zoë Müller']);
    expect(await names('analytical')).toEqual(expect.arrayContaining(['Ada Lovelace', 'Charles Babbage']));
    expect(await firstNames('charles@engines.io')).toEqual(['Charles']);
    expect((await find('navy')).hits[0]).toMatchObject({ matched: 'company', lead: { firstName: 'Grace' } });
  });

  it('puts a whole-word name match before a prefix match', async () => {
    const { names } = await leads(await open());
    // "Ada" is Ada's whole first name, the start of Adam's and of Adams & Co.
    expect((await names('ada'))[0]).toBe('Ada Lovelace');
    expect(await names('ada')).toContain('Adam Smith');
  });

  it('finds closed leads too, with their last call', async () => {
    const store = await open();
    const { find } = await leads(store);
    // Adam came in as a customer; Ada is disqualified on a call.
    const ada = (await find('Lovelace')).hits[0]!.lead.id;
    await logDisposition(store, clock(), DEFAULT_DISPOSITIONS, { leadId: ada, code: 'disqualified', notes: '', reason: 'No budget' }, { rep: 'Ben' });
    const hit = (await find('(212) 555-0100')).hits[0]!;
    expect(hit.lead.stage).toBe('disqualified');
    expect(hit.lastCall).toMatchObject({ dispositionLabel: 'Disqualified', rep: 'Ben' });
    expect((await find('adam smith')).hits[0]!.lead.stage).toBe('SQL');
  });

  it('reads quotes, stars and operators as text, not as search syntax', async () => {
    const { find, firstNames } = await leads(await open());
    for (const typed of ['"', 'ada*', 'ada OR', 'NEAR(ada', '-', '(', 'ada"lovelace', "o'", 'ada & !lovelace', 'ada:*|', '\\']) {
      await expect(find(typed), typed).resolves.toMatchObject({ query: typed });
    }
    expect(await firstNames('ada"lovelace')).toEqual(['Ada']);
    expect(await firstNames('ada & !lovelace')).toEqual(['Ada']);
  });

  it('keeps up with edits and removals made after the import', async () => {
    const store = await open();
    const { names, find } = await leads(store);
    await store.run("UPDATE leads SET last_name = 'King' WHERE first_name = 'Ada'");
    expect(await names('lovelace')).toEqual([]);
    expect(await names('ada king')).toEqual(['Ada King']);
    await store.run("DELETE FROM leads WHERE first_name = 'Grace'");
    expect((await find('917 555 0100')).hits).toEqual([]);
  });

  it('finds for a rep only the leads their lists offer them, by words and by number', async () => {
    const store = await open();
    const { names } = await leads(store);
    const c = clock();
    // Accounts exist only on the team store; the lists name reps the same way on both.
    if (store.dialect.kind === 'postgres') {
      for (const name of ['Avery', 'Blake']) {
        await store.run("INSERT INTO accounts (name, role, password_hash, created_at, password_changed_at) VALUES (?, 'rep', 'x', 0, 0)", [name]);
      }
    }
    // "Europe" (Zoë in Berlin, Charles in London) is Avery's list; a lead on no list is anyone's.
    await saveCallList(store, c, { name: 'Europe', filter: { timeZones: ['Europe/Berlin', 'Europe/London'] }, rules: null });
    await assignList(store, 'Europe', ['Avery']);
    const asRep = async (rep: string, query: string, defaultCountry = 'US') =>
      (await searchLeads(store, query, { limit: 20, defaultCountry, access: await repAccess(store, rep, c.now()) })).hits.map((h) => h.lead.firstName).sort();
    expect(await asRep('Avery', 'analytical')).toEqual(['Ada', 'Charles']);
    expect(await asRep('Blake', 'analytical')).toEqual(['Ada']);
    expect(await asRep('Blake', 'müller')).toEqual([]);
    expect(await asRep('Blake', '020 7946 0000', 'GB')).toEqual([]);
    expect(await asRep('Avery', '020 7946 0000', 'GB')).toEqual(['Charles']);
    expect(await asRep('Blake', '0100')).toEqual(['Ada', 'Grace']);
    // Everyone's again once the team lead opens the list to everyone.
    await assignList(store, 'Europe', 'everyone');
    expect(await asRep('Blake', 'analytical')).toEqual(['Ada', 'Charles']);
    expect(await names('analytical')).toHaveLength(2);
  });
});
