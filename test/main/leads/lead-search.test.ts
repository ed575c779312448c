import { describe, expect, it } from 'vitest';
import { syncHandlers } from '../../helpers/sync-handlers.ts';
import { searchLeads } from '../../../main/leads/lead-search.ts';
import { csv, importCsv, testCore } from '../../helpers/test-core.ts';

const LEADS = csv(
  'Record ID,First Name,Last Name,Company Name,Email,Phone Number,Mobile Phone Number,Lifecycle Stage,Country',
  '1,Ada,Lovelace,Analytical Engines,ada@engines.io,+12125550100,,lead,US',
  '2,Zoë,Müller,Acme GmbH,zoe@acme.de,+49 30 901820,,lead,DE',
  '3,Adam,Smith,Adams & Co,adam@smith.co,(646) 555-0199,,customer,US',
  '4,Grace,Hopper,Navy Labs,grace@navy.mil,+1 212 555 0111,+1 917 555 0100,lead,US',
  '5,Charles,Babbage,Analytical Engines,charles@engines.io,020 7946 0000,,lead,GB',
);

async function store() {
  const core = testCore();
  await importCsv(core, LEADS);
  const find = (query: string) => searchLeads(core.db, query, { limit: 20, defaultCountry: 'US' });
  const names = (query: string) => find(query).hits.map((h) => `${h.lead.firstName} ${h.lead.lastName}`);
  return { core, find, names };
}

describe('finding a lead', () => {
  it('finds +12125550100 by its number written any way', async () => {
    const { find } = await store();
    for (const typed of ['(212) 555-0100', '2125550100', '+1 212 555 0100', '+12125550100', '212.555.0100', '1-212-555-0100']) {
      expect(find(typed).hits.map((h) => h.lead.firstName), typed).toEqual(['Ada']);
      expect(find(typed).kind).toBe('number');
    }
  });

  it('finds a lead by the last digits of a number, whole matches and endings first', async () => {
    const { find } = await store();
    // 0100 ends Ada's number and Grace's mobile; both are found, with what matched.
    const hits = find('0100').hits;
    expect(hits.map((h) => h.lead.firstName).sort()).toEqual(['Ada', 'Grace']);
    expect(hits.every((h) => h.matched === 'number')).toBe(true);
    expect(find('555-0199').hits.map((h) => h.lead.firstName)).toEqual(['Adam']);
  });

  it('finds a number kept in national format from its international form, and the other way round', async () => {
    const { core } = await store();
    const asUk = (q: string) => searchLeads(core.db, q, { limit: 20, defaultCountry: 'GB' }).hits.map((h) => h.lead.firstName);
    expect(asUk('+44 20 7946 0000')).toEqual(['Charles']);
    expect(asUk('020 7946 0000')).toEqual(['Charles']);
  });

  it('finds a lead by name, company or email, by the start of each word, accents or not', async () => {
    const { names, find } = await store();
    expect(names('ada lovelace')).toEqual(['Ada Lovelace']);
    expect(names('zoe mull')).toEqual(['Zoë Müller']);
    expect(names('Müller')).toEqual(['Zoë Müller']);
    expect(names('analytical')).toEqual(expect.arrayContaining(['Ada Lovelace', 'Charles Babbage']));
    expect(find('charles@engines.io').hits.map((h) => h.lead.firstName)).toEqual(['Charles']);
    expect(find('navy').hits[0]).toMatchObject({ matched: 'company', lead: { firstName: 'Grace' } });
  });

  it('puts a whole-word name match before a prefix match', async () => {
    const { names } = await store();
    // "Ada" is Ada's whole first name, the start of Adam's and of Adams & Co.
    expect(names('ada')[0]).toBe('Ada Lovelace');
    expect(names('ada')).toContain('Adam Smith');
  });

  it('finds closed leads too, with their last call', async () => {
    const { core, find } = await store();
    // Adam came in as a customer; Ada is disqualified on a call.
    const handlers = syncHandlers(core);
    const ada = find('Lovelace').hits[0]!.lead.id;
    await handlers['calls.disposition']({ leadId: ada, code: 'disqualified', notes: '', reason: 'No budget' });
    const hit = find('(212) 555-0100').hits[0]!;
    expect(hit.lead.stage).toBe('disqualified');
    expect(hit.lastCall).toMatchObject({ dispositionLabel: 'Disqualified' });
    expect(find('adam smith').hits[0]!.lead.stage).toBe('SQL');
  });

  it('reads quotes, stars and operators as text, not as search syntax', async () => {
    const { find } = await store();
    for (const typed of ['"', 'ada*', 'ada OR', 'NEAR(ada', '-', '(', 'ada"lovelace']) {
      expect(() => find(typed), typed).not.toThrow();
    }
    expect(find('ada"lovelace').hits.map((h) => h.lead.firstName)).toEqual(['Ada']);
  });

  it('keeps up with edits and removals made after the import', async () => {
    const { core, names, find } = await store();
    core.db.prepare("UPDATE leads SET last_name = 'King' WHERE first_name = 'Ada'").run();
    expect(names('lovelace')).toEqual([]);
    expect(names('ada king')).toEqual(['Ada King']);
    core.db.prepare("DELETE FROM leads WHERE first_name = 'Grace'").run();
    expect(find('917 555 0100').hits).toEqual([]);
  });
});
