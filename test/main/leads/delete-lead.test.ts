import { describe, expect, it } from 'vitest';
import { count, csv, importCsv, testCore } from '../../helpers/test-core.ts';
import { syncHandlers } from '../../helpers/sync-handlers.ts';
import { searchLeads } from '../../../main/leads/lead-search.ts';

describe('deleting a lead', () => {
  it('removes the lead with its numbers, calls and dials, and leaves the other leads alone', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone', '1,Ada Lovelace,+12125550100', '2,Bob Marley,+12125550101'));
    const api = syncHandlers(core);
    const [ada, bob] = (core.db.prepare('SELECT id FROM leads ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    const dial = await api['calls.dial']({ leadId: ada!, number: '+12125550100' });
    await api['calls.disposition']({ leadId: ada!, code: 'no-answer', notes: 'rang out', dialId: dial.dialId, number: '+12125550100' });
    expect(api['leads.delete']({ leadId: ada! })).toEqual({ deleted: true, name: 'Ada Lovelace' });
    expect(core.db.prepare('SELECT id FROM leads').all()).toEqual([{ id: bob }]);
    expect([count(core, 'calls'), count(core, 'dials'), count(core, 'phones')]).toEqual([0, 0, 1]);
    expect((await searchLeads(core.store, 'Lovelace', { limit: 5, defaultCountry: 'US' })).hits).toEqual([]);
  });

  it('says so for a lead that is not there, and deletes nothing', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone', '1,Ada Lovelace,+12125550100'));
    expect(() => syncHandlers(core)['leads.delete']({ leadId: 999 })).toThrow('There is no lead 999: it was deleted already.');
    expect(count(core, 'leads')).toBe(1);
  });
});
