import { describe, expect, it } from 'vitest';
import { syncHandlers } from '../../helpers/sync-handlers.ts';
import { csv, importCsv, testCore } from '../../helpers/test-core.ts';

describe('the account view', () => {
  it('lists the other people at the same company, any case, with their stage, last outcome and who called', async () => {
    const core = testCore('2026-11-23T15:00:00Z');
    await importCsv(
      core,
      csv(
        'Record ID,First Name,Last Name,Job Title,Company Name,Phone Number',
        '1,Ada,Lovelace,CTO,Acme,+12125550100',
        '2,Bob,Stone,CFO,ACME,+12125550101',
        '3,Cy,Young,Intern,acme,+12125550102',
        '4,Dee,Other,CEO,Globex,+12125550103',
      ),
    );
    const handlers = syncHandlers(core);
    const id = (first: string) => (core.db.prepare('SELECT id FROM leads WHERE first_name = ?').get(first) as { id: number }).id;
    core.prefs.update({ repName: 'Ben' });
    await handlers['calls.disposition']({ leadId: id('Bob'), code: 'not-interested', notes: '', reason: 'Bad timing' });

    const account = handlers['leads.account']({ leadId: id('Ada') });
    expect(account.company).toBe('Acme');
    expect(account.members).toEqual([
      { leadId: id('Bob'), name: 'Bob Stone', title: 'CFO', stage: 'nurture', doNotCall: false, lastCall: { at: '2026-11-23T15:00:00.000Z', dispositionLabel: 'Not interested', rep: 'Ben' } },
      { leadId: id('Cy'), name: 'Cy Young', title: 'Intern', stage: 'cold', doNotCall: false, lastCall: null },
    ]);
    expect(account.more).toBe(0);
    expect(handlers['leads.account']({ leadId: id('Dee') }).members).toEqual([]);
  });

  it('has no account for a lead without a company', async () => {
    const core = testCore();
    await importCsv(core, csv('First Name,Phone Number', 'Ada,+12125550100'));
    const { id } = core.db.prepare('SELECT id FROM leads').get() as { id: number };
    expect(syncHandlers(core)['leads.account']({ leadId: id })).toEqual({ company: null, members: [], more: 0 });
  });
});
