import { describe, expect, it } from 'vitest';
import { demoLeadsCsv } from '../../../main/demo/demo-list.ts';
import { exportLeads, leadExport } from '../../../main/leads/export-leads.ts';
import { csv, importCsv, testCore } from '../../helpers/test-core.ts';

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
