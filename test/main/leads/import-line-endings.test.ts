import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importActivities } from '../../../main/leads/import-activities.ts';
import { count, importCsv, testCore } from '../../helpers/test-core.ts';

/** Leads as [name, phone] rows; each phone is +1 212 555 and four digits of its own. */
const phoneOf = (i: number) => `+1212555${String(1000 + i).padStart(4, '0')}`;
const phones = (core: ReturnType<typeof testCore>) =>
  (core.db.prepare('SELECT l.first_name AS name, p.raw FROM leads l JOIN phones p ON p.lead_id = l.id ORDER BY p.raw').all() as { name: string; raw: string }[]).map(
    (r) => [r.name, r.raw],
  );

describe('a file whose rows end in different ways', () => {
  it('imports all 1,011 rows when the first rows end in CRLF and the later ones in LF (11 landed, silently, before)', async () => {
    const core = testCore();
    const rows = Array.from({ length: 1_011 }, (_, i) => `${i},Lead${i},${phoneOf(i)}`);
    const text = `Record ID,First Name,Phone\r\n${rows.slice(0, 10).join('\r\n')}\r\n${rows.slice(10).join('\n')}\n`;
    expect(await importCsv(core, text)).toMatchObject({ rowsRead: 1_011, created: 1_011, rejected: [] });
    expect(count(core, 'leads')).toBe(1_011);
  });

  it('never folds a row into the phone cell of the row before', async () => {
    const core = testCore();
    const text = 'Record ID,First Name,Phone\r\n1,A,+12125550101\r\n2,B,+12125550102\n3,C,+12125550103\n4,D,+12125550104\r\n5,E,+12125550105\n';
    expect(await importCsv(core, text)).toMatchObject({ rowsRead: 5, created: 5, rejected: [] });
    expect(phones(core)).toEqual([
      ['A', '+12125550101'],
      ['B', '+12125550102'],
      ['C', '+12125550103'],
      ['D', '+12125550104'],
      ['E', '+12125550105'],
    ]);
  });

  it('reads a CRM file whose header ends in LF and whose quoted rows end in CRLF (refused as "Invalid Closing Quote" before)', async () => {
    const core = testCore();
    const text = '"Record ID","First Name","Phone Number","Company Name"\n"1","Ada","+12125550101","Analytical Engines"\r\n"2","Bob","+12125550102","Acme, Inc."\r\n';
    expect(await importCsv(core, text)).toMatchObject({ rowsRead: 2, created: 2, rejected: [] });
    expect(core.db.prepare('SELECT company FROM leads ORDER BY crm_id').all().map((r) => (r as { company: string }).company)).toEqual(['Analytical Engines', 'Acme, Inc.']);
  });

  it('reads an activity file with mixed line endings, every row', async () => {
    const core = testCore();
    await importCsv(core, 'Record ID,First Name,Phone\n1,Ada,+12125550101\n2,Bob,+12125550102\n');
    const text = 'Record ID,Title,Time\r\n1,Pricing page,2026-11-20\n2,Ebook: Guide,2026-11-21\r\n1,Contact sales,2026-11-22\n';
    expect(await importActivities(core.store, new TextEncoder().encode(text), 'activity.csv', 'US')).toMatchObject({ rowsRead: 3, added: 3, rejected: [] });
  });

  it('lands every lead, with the line an editor shows for each rejected row, over random mixes of CRLF, LF and CR', async () => {
    const ending = fc.constantFrom('\r\n', '\n', '\r');
    const lead = fc.record({
      // Some rows have no number, so the report's lines can be checked; some notes span lines.
      hasPhone: fc.boolean(),
      quoted: fc.boolean(),
      note: fc.constantFrom('', 'two\r\nlines', 'two\nlines', 'two\rlines', 'one, with "quotes"'),
      ending,
    });
    await fc.assert(
      fc.asyncProperty(ending, fc.array(lead, { minLength: 1, maxLength: 40 }), async (headerEnding, leads) => {
        const core = testCore();
        let line = 1;
        const expectedRejects: number[] = [];
        const rows = leads.map((l, i) => {
          const cells = [String(i), `Lead${i}`, l.hasPhone ? phoneOf(i) : '', l.note];
          line += 1 + (l.note.match(/\r\n|\r|\n/g) ?? []).length;
          if (!l.hasPhone) expectedRejects.push(line);
          return cells.map((c) => (l.quoted || /[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',') + l.ending;
        });
        const report = await importCsv(core, `Record ID,First Name,Phone,Notes${headerEnding}${rows.join('')}`);
        const landed = leads.flatMap((l, i) => (l.hasPhone ? [[`Lead${i}`, phoneOf(i)]] : []));
        expect(report).toMatchObject({ rowsRead: leads.length, created: landed.length });
        expect(report.rejected.map((r) => r.line)).toEqual(expectedRejects);
        expect(phones(core)).toEqual(landed);
        core.close();
      }),
      { numRuns: 25 },
    );
  });
});
