import { expect, it } from 'vitest';
import { logDisposition } from '../../../main/calls/log-disposition.ts';
import { deleteLead } from '../../../main/leads/delete-lead.ts';
import { editLead } from '../../../main/leads/edit-lead.ts';
import { searchLeads } from '../../../main/leads/lead-search.ts';
import type { Store } from '../../../main/store/seam/store.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { seedCsv } from '../../helpers/seed-leads.ts';
import { csv, manualClock } from '../../helpers/test-core.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

const count = async (store: Store, table: string) => (await store.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;

describeEachStore('deleting a lead', ({ open }) => {
  it('removes the lead with its numbers, calls and edits, and leaves the other leads alone', async () => {
    const store = await open();
    const clock = manualClock('2026-11-23T15:00:00Z');
    const [ada, bob] = await seedCsv(store, csv('Record ID,Name,Phone', '1,Ada Lovelace,+12125550100', '2,Bob Marley,+12125550101'), { now: clock.now() });
    await logDisposition(store, clock, DEFAULT_DISPOSITIONS, { leadId: ada!, code: 'no-answer', notes: 'rang out' }, { rep: 'Ben' });
    await editLead(store, { leadId: ada!, title: 'CTO' }, { clock, rep: 'Ben', defaultCountry: 'US', lifetimeAttemptCap: 5 });
    expect(await deleteLead(store, ada!)).toEqual({ deleted: true, name: 'Ada Lovelace' });
    expect(await store.all('SELECT id FROM leads')).toEqual([{ id: bob }]);
    expect([await count(store, 'calls'), await count(store, 'phones'), await count(store, 'lead_edits'), await count(store, 'stage_history')]).toEqual([0, 1, 0, 0]);
    expect((await searchLeads(store, 'Lovelace', { limit: 5, defaultCountry: 'US' })).hits).toEqual([]);
  });

  it('says so for a lead that is not there, and deletes nothing', async () => {
    const store = await open();
    await seedCsv(store, csv('Record ID,Name,Phone', '1,Ada Lovelace,+12125550100'), { now: 0 });
    await expect(deleteLead(store, 999)).rejects.toThrow('There is no lead 999: it was deleted already.');
    expect(await count(store, 'leads')).toBe(1);
  });
});
