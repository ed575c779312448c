import { describe, expect, it } from 'vitest';
import { callListScope, leadIdsOfList, listCallLists, saveCallList } from '../../../main/leads/call-lists.ts';
import { pickNext } from '../../../main/queue/next-lead.ts';
import { DEFAULT_QUEUE_RULES } from '../../../shared/queue-rules.ts';
import { csv, importCsv, testCore, type TestCore } from '../../helpers/test-core.ts';

const HEADER = 'Record ID,Name,Phone,Lifecycle Stage,Original Source,Contact owner,Create Date,Recent Conversion,Time Zone';
const ROWS = [
  'a,Ada,+12125550100,marketingqualifiedlead,Organic Search,Jordan,2026-11-20,,America/New_York',
  'b,Bob,+12125550101,lead,Purchased list,Jordan,2026-10-01,,America/New_York',
  'c,Cy,+13125550102,lead,Organic Search,Sam,2026-11-21,Contact sales,America/Chicago',
  'd,Di,+14155550103,other,Referrals,Sam,2026-11-22,,America/Los_Angeles',
];

async function store() {
  const core = testCore('2026-11-23T17:00:00Z');
  await importCsv(core, csv(HEADER, ...ROWS));
  return core;
}

const crmIds = (core: TestCore, ids: number[] | null) =>
  ids?.map((id) => (core.db.prepare('SELECT crm_id FROM leads WHERE id = ?').get(id) as { crm_id: string }).crm_id);

describe('call lists', () => {
  it('are saved filters: stage, source, owner, zone, created since, hand-raisers, import', async () => {
    const core = await store();
    const save = (name: string, filter: object) => saveCallList(core.store, core.clock, { name, filter, rules: null });
    await save('MQLs', { stages: ['MQL'] });
    await save('Inbound', { sources: ['inbound'] });
    await save("Sam's", { owners: ['Sam'] });
    await save('Central', { timeZones: ['America/Chicago'] });
    await save('This week', { createdSince: '2026-11-20T00:00:00Z', stages: ['IQL', 'cold'] });
    await save('Hand-raisers', { requestedCall: true });
    await save('First import', { importBatchIds: [1] });
    await save('Everyone', {});
    const members = (name: string) => crmIds(core, leadIdsOfList(core.db, name));
    expect(members('MQLs')).toEqual(['a']);
    expect(members('Inbound')).toEqual(['a', 'c']);
    expect(members("Sam's")).toEqual(['c', 'd']);
    expect(members('Central')).toEqual(['c']);
    expect(members('This week')).toEqual(['c', 'd']);
    expect(members('Hand-raisers')).toEqual(['c']);
    expect(members('First import')).toEqual(['a', 'b', 'c', 'd']);
    expect((await listCallLists(core.store)).map((l) => [l.name, l.leads])).toContainEqual(['Everyone', 4]);
  });

  it('give a rep only the list’s leads, under the list’s own hours', async () => {
    const core = await store();
    await saveCallList(core.store, core.clock, { name: 'West', filter: { timeZones: ['America/Los_Angeles'] }, rules: { ...DEFAULT_QUEUE_RULES, window: { days: [1, 2, 3, 4, 5], start: 10 * 60, end: 16 * 60 } } });
    const scope = callListScope(core.db, 'West');
    const ctx = { now: core.clock.now(), rules: scope.rules!, consoleId: null, list: scope.list };
    // 17:00 UTC is 9:00 in Los Angeles: before the list's 10:00.
    expect(await pickNext(core.store, ctx)).toBeNull();
    const later = { ...ctx, now: Date.parse('2026-11-23T18:00:00Z') };
    expect(crmIds(core, [(await pickNext(core.store, later))!.leadId])).toEqual(['d']);
  });

  it('refuse an unknown list by name', async () => {
    const core = await store();
    expect(() => callListScope(core.db, 'Nope')).toThrow(/no call list named "Nope"/);
  });
});

describe('a small list in a big store', () => {
  it('offers its lead even when thousands of better leads outside it come first', async () => {
    const core = testCore('2026-11-23T17:00:00Z');
    const rows = Array.from({ length: 5000 }, (_, i) => `m${i},M ${i},+1212${String(5_550_000 + i).slice(-7)},marketingqualifiedlead,Organic Search,,2026-11-20,,America/New_York`);
    await importCsv(core, csv(HEADER, ...rows));
    await importCsv(core, csv(HEADER, 'cold-one,Zed,+13125550199,other,Purchased list,,2026-11-01,,America/Chicago'), { listName: 'Tiny' });
    const scope = callListScope(core.db, 'Tiny');
    const pick = await pickNext(core.store, { now: core.clock.now(), rules: DEFAULT_QUEUE_RULES, consoleId: null, list: scope.list });
    expect(crmIds(core, [pick!.leadId])).toEqual(['cold-one']);
  });
});
