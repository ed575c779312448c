import { describe, expect, it } from 'vitest';
import { demoLeadsCsv } from '../../../main/demo/demo-list.ts';
import { logDisposition } from '../../../main/calls/log-disposition.ts';
import { saveCallList } from '../../../main/leads/call-lists.ts';
import { exportLeads, leadExport, leadExportOnStore } from '../../../main/leads/export-leads.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { seedCsv } from '../../helpers/seed-leads.ts';
import { csv, importCsv, manualClock, testCore } from '../../helpers/test-core.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

describe('the lead export, streamed', () => {
  it('writes JSON one lead at a time, the very text of the whole document stringified', async () => {
    const core = testCore();
    const whole = (list: string | null, leads: unknown[]) => `${JSON.stringify({ schemaVersion: 1, list, leads }, null, 2)}\n`;
    expect(exportLeads(core.db, 'json').content).toBe(whole(null, []));
    await importCsv(core, csv('Record ID,Name,Phone,Company', '1,Ada,+12125550100,"Line one\nline ""two"""', '2,Bob,+12125550101,'), { listName: 'Webinar' });
    const { leads } = JSON.parse(exportLeads(core.db, 'json').content) as { leads: unknown[] };
    expect(leads).toHaveLength(2);
    expect(exportLeads(core.db, 'json').content).toBe(whole(null, leads));
    expect(exportLeads(core.db, 'json', 'Webinar').content).toBe(whole('Webinar', leads));
  });

  it('is the store at the instant it started, even when a rep changes a lead halfway through', async () => {
    const core = testCore();
    await importCsv(core, demoLeadsCsv({ count: 3000, now: core.clock.now() }));
    const file = leadExport(core.db, 'csv');
    const pieces = file.chunks();
    const first = pieces.next();
    expect(first.done).toBe(false);
    // Meanwhile, on the console's connection: the last lead is renamed, a new one arrives.
    core.db.prepare("UPDATE leads SET company = 'Changed Midway Inc' WHERE id = 3000").run();
    await importCsv(core, csv('Record ID,Name,Phone', 'NEW-1,Late Arrival,+12125550199'));
    const text = [first.value, ...pieces].join('');
    expect(text.trimEnd().split('\r\n')).toHaveLength(1 + 3000);
    expect(text).not.toContain('Changed Midway Inc');
    expect(text).not.toContain('Late Arrival');
    expect(file.leads).toBe(3000);
  });

  it('exports which numbers are bad, and the importer reads them back as bad', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone,Mobile Phone Number', '1,Ada,+12125550100,+12125550150'));
    core.db.prepare("UPDATE phones SET bad = 1 WHERE e164 = '+12125550100'").run();
    const exported = exportLeads(core.db, 'csv').content;
    expect(exported.trimEnd().split('\r\n')[1]!.endsWith(",'+12125550100")).toBe(true);

    const fresh = testCore();
    await importCsv(fresh, exported);
    const phones = fresh.db.prepare('SELECT e164, bad FROM phones ORDER BY position').all();
    expect(phones).toEqual([
      { e164: '+12125550100', bad: 1 },
      { e164: '+12125550150', bad: 0 },
    ]);
    // The same file again: nothing lost on the way round.
    expect(exportLeads(fresh.db, 'csv').content).toBe(exported);
  });
});

describeEachStore('the lead export through the store seam', ({ open }) => {
  it('writes each lead with its numbers, next callback, latest notes and handoff reason, in the order of the leads', async () => {
    const store = await open();
    const clock = manualClock('2026-11-23T15:00:00Z');
    const [ada, bob] = await seedCsv(store, csv('Record ID,Name,Phone Number,Mobile Phone Number,Company Name', 'A-1,Ada Lovelace,+12125550100,+12125550150,Acme', 'B-2,Bob Stone,+12125550101,,'), {
      now: clock.now(),
    });
    await store.run("UPDATE phones SET bad = 1 WHERE e164 = '+12125550150'");
    await logDisposition(store, clock, DEFAULT_DISPOSITIONS, { leadId: ada!, code: 'qualified', notes: 'Budget signed off' }, { rep: 'Ben' });
    await logDisposition(store, clock, DEFAULT_DISPOSITIONS, { leadId: bob!, code: 'callback', notes: 'Call me Tuesday', callbackAt: '2026-11-24T16:00:00.000Z' }, { rep: 'Ben' });
    await saveCallList(store, clock, { name: 'Callbacks', filter: { stages: ['SQL'] }, rules: null });

    const { leads } = JSON.parse([...(await leadExportOnStore(store, 'json')).chunks()].join('')) as { leads: Record<string, unknown>[] };
    expect(leads.map((l) => [l.crmId, l.firstName])).toEqual([
      ['A-1', 'Ada'],
      ['B-2', 'Bob'],
    ]);
    expect(leads[0]).toMatchObject({
      stage: 'SQL',
      phones: [
        { e164: '+12125550100', raw: '+12125550100', type: 'work', bad: false },
        { e164: '+12125550150', raw: '+12125550150', type: 'mobile', bad: true },
      ],
      latestNotes: 'Budget signed off',
      handoffReason: expect.any(String),
      nextCallbackAt: null,
    });
    expect(leads[1]).toMatchObject({ latestNotes: 'Call me Tuesday', nextCallbackAt: '2026-11-24T16:00:00.000Z', handoffReason: null, phones: [{ e164: '+12125550101' }] });
    const file = await leadExportOnStore(store, 'csv', 'Callbacks');
    expect(file).toMatchObject({ fileName: 'nextcall-leads-Callbacks.csv', leads: 1 });
    const lines = [...file.chunks()].join('').trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Budget signed off');
    await expect(leadExportOnStore(store, 'csv', 'Nope')).rejects.toThrow('There is no call list named "Nope".');
  });
});

describe('the lead export through the seam, on a rep’s own store', () => {
  it('is the very file the stream writes', async () => {
    const core = testCore();
    await importCsv(core, demoLeadsCsv({ count: 300, now: core.clock.now() }), { listName: 'Demo' });
    // What only calls add: a handoff and its notes, a callback booked, a number marked bad.
    await logDisposition(core.store, core.clock, DEFAULT_DISPOSITIONS, { leadId: 1, code: 'qualified', notes: 'Budget signed off' }, { rep: 'Ben' });
    await logDisposition(core.store, core.clock, DEFAULT_DISPOSITIONS, { leadId: 2, code: 'callback', notes: 'Tuesday', callbackAt: new Date(core.clock.now() + 86_400_000).toISOString() }, { rep: 'Ben' });
    await core.store.run('UPDATE phones SET bad = 1 WHERE lead_id = 3');
    expect(exportLeads(core.db, 'csv', 'Demo').content).toContain('Budget signed off');
    for (const format of ['csv', 'json'] as const) {
      expect([...(await leadExportOnStore(core.store, format, 'Demo')).chunks()].join(''), format).toBe(exportLeads(core.db, format, 'Demo').content);
    }
  });
});
