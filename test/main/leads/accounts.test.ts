import { expect, it } from 'vitest';
import { logDisposition } from '../../../main/calls/log-disposition.ts';
import { accountOf } from '../../../main/leads/accounts.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { seedCsv } from '../../helpers/seed-leads.ts';
import { csv, manualClock } from '../../helpers/test-core.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

describeEachStore('the account view', ({ open }) => {
  it('lists the other people at the same company, any case, with their stage, last outcome and who called', async () => {
    const store = await open();
    const clock = manualClock('2026-11-23T15:00:00Z');
    const [ada, bob, cy, dee] = await seedCsv(
      store,
      csv(
        'Record ID,First Name,Last Name,Job Title,Company Name,Phone Number',
        '1,Ada,Lovelace,CTO,Acme,+12125550100',
        '2,Bob,Stone,CFO,ACME,+12125550101',
        '3,Cy,Young,Intern,acme,+12125550102',
        '4,Dee,Other,CEO,Globex,+12125550103',
      ),
      { now: clock.now() },
    );
    await logDisposition(store, clock, DEFAULT_DISPOSITIONS, { leadId: bob!, code: 'not-interested', notes: '', reason: 'Bad timing' }, { rep: 'Ben' });

    const account = await accountOf(store, ada!);
    expect(account.company).toBe('Acme');
    expect(account.members).toEqual([
      { leadId: bob, name: 'Bob Stone', title: 'CFO', stage: 'nurture', doNotCall: false, lastCall: { at: '2026-11-23T15:00:00.000Z', dispositionLabel: 'Not interested', rep: 'Ben' } },
      { leadId: cy, name: 'Cy Young', title: 'Intern', stage: 'cold', doNotCall: false, lastCall: null },
    ]);
    expect(account.more).toBe(0);
    expect((await accountOf(store, dee!)).members).toEqual([]);
  });

  it('has no account for a lead without a company', async () => {
    const store = await open();
    const [id] = await seedCsv(store, csv('First Name,Phone Number', 'Ada,+12125550100'), { now: 0 });
    expect(await accountOf(store, id!)).toEqual({ company: null, members: [], more: 0 });
  });
});
