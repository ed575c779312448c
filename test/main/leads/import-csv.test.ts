import { describe, expect, it } from 'vitest';
import { getLeadCard } from '../../../main/leads/lead-rows.ts';
import { importLeadsCsv } from '../../../main/leads/import-csv.ts';
import { count, csv, demoFixture, importCsv, testCore } from '../../helpers/test-core.ts';

const HUBSPOT_HEADER = 'Record ID,First Name,Last Name,Email,Phone Number,Company Name,Lifecycle Stage,Original Source,Time Zone,Recent Conversion,Recent Conversion Date';

function leadByCrmId(core: ReturnType<typeof testCore>, crmId: string) {
  const row = core.db.prepare('SELECT id FROM leads WHERE crm_id = ?').get(crmId) as { id: number } | undefined;
  if (!row) throw new Error(`no lead ${crmId}`);
  return getLeadCard(core.db, row.id);
}

describe('importing a CSV of leads', () => {
  it('imports the demo list: every row a lead, with its numbers and activity', async () => {
    const core = testCore();
    const report = await importCsv(core, demoFixture(), 'demo-leads.csv');
    expect(report).toMatchObject({ rowsRead: 300, created: 300, updated: 0, rejected: [] });
    expect(count(core, 'leads')).toBe(300);
    expect(count(core, 'activities')).toBeGreaterThan(300);
  });

  it('maps HubSpot columns, normalises the number to E.164 and reads the lifecycle stage', async () => {
    const core = testCore();
    await importCsv(
      core,
      csv(HUBSPOT_HEADER, '501,Ada,Lovelace,ADA@Example.com,(212) 555-0100,Analytical Engines,marketingqualifiedlead,Organic Search,America/New_York,Pricing page,2026-11-20 14:03'),
    );
    const { lead, phones, activities } = leadByCrmId(core, '501');
    expect(lead).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', company: 'Analytical Engines', stage: 'MQL', source: 'inbound', timeZone: 'America/New_York' });
    expect(phones).toEqual([expect.objectContaining({ raw: '(212) 555-0100', e164: '+12125550100', type: 'work', bad: false })]);
    expect(activities).toEqual([expect.objectContaining({ type: 'pricing-visit', title: 'Pricing page', occurredAt: '2026-11-20T14:03:00.000Z' })]);
  });

  it('reads Salesforce API names and plain headers too', async () => {
    const core = testCore();
    await importCsv(core, csv('Id,FirstName,LastName,Phone,Company,LeadSource,Status,DoNotCall', '00Q1,Grace,Hopper,+44 20 7946 0123,Navy,Webinar,Open - Not Contacted,true'));
    await importCsv(core, csv('Full Name;Telephone;Company name', 'Alan Turing;+33 1 99 00 12 34;Bletchley'));
    expect(leadByCrmId(core, '00Q1').lead).toMatchObject({ firstName: 'Grace', source: 'webinar', stage: 'cold', doNotCall: true });
    const alan = core.db.prepare("SELECT first_name, last_name, company FROM leads WHERE last_name = 'Turing'").get();
    expect(alan).toEqual({ first_name: 'Alan', last_name: 'Turing', company: 'Bletchley' });
  });

  it('keeps a number it cannot parse, as written, flagged as not valid', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone', '7,Bad Number,555-01'));
    expect(leadByCrmId(core, '7').phones).toEqual([expect.objectContaining({ raw: '555-01', e164: null })]);
  });

  it('rejects a row without any phone number, with its line and reason, and imports the rest', async () => {
    const core = testCore();
    const report = await importCsv(core, csv('Record ID,Name,Phone', '1,Has Phone,+12125550100', '2,No Phone,', '3,Also Fine,+12125550101'));
    expect(report.created).toBe(2);
    expect(report.rejected).toEqual([{ line: 3, reason: 'no phone number' }]);
  });

  it('refuses a file with no phone column and writes nothing', async () => {
    const core = testCore();
    await expect(importCsv(core, csv('Name,Email', 'Ada,ada@example.com'))).rejects.toThrow(/no phone column/);
    expect(count(core, 'leads')).toBe(0);
    expect(count(core, 'import_batches')).toBe(0);
  });

  it('is all or nothing: a broken row halfway leaves the store as it was', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone', '1,Before,+12125550100'));
    const rows = ['Record ID,Name,Phone', ...Array.from({ length: 5000 }, (_, i) => `${i + 10},Lead ${i},+1212555${String(1000 + i)}`), '99999,"Broken quote,+12125550199'];
    await expect(importCsv(core, `${rows.join('\n')}\n`)).rejects.toThrow(/not a readable CSV file.*Nothing was imported/);
    expect(count(core, 'leads')).toBe(1);
    expect(count(core, 'import_batches')).toBe(1);
  });

  it('updates a lead it already has (same CRM id, email or number) instead of duplicating it', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Email,Phone,Company', '1,Ada Lovelace,ada@example.com,+12125550100,'));
    const report = await importCsv(core, csv('Name,Email,Phone,Company,Recent Conversion', 'Ada L.,ADA@example.com,+12125550199,Analytical Engines,Contact sales'));
    expect(report).toMatchObject({ created: 0, updated: 1 });
    const { lead, phones } = leadByCrmId(core, '1');
    expect(lead).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines', requestedCall: true });
    expect(phones.map((p) => p.e164)).toEqual(['+12125550100', '+12125550199']);
    await importCsv(core, csv('Name,Phone', 'Someone Else,+1 212 555 0199'));
    expect(count(core, 'leads')).toBe(1);
  });

  it('reads semicolons, tabs, a byte-order mark, quoted newlines and CRLF', async () => {
    const core = testCore();
    await importCsv(core, '\uFEFFRecord ID;Name;Phone;Company\r\n1;Ada;+12125550100;"Analytical\r\nEngines; Ltd"\r\n');
    await importCsv(core, 'Record ID\tName\tPhone\n2\tGrace\t+12125550101\n');
    expect(leadByCrmId(core, '1').lead.company).toBe('Analytical\r\nEngines; Ltd');
    expect(leadByCrmId(core, '2').lead.firstName).toBe('Grace');
  });

  it('undoes the formula guard of our own exports on the way in', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone', "1,Ada,'+12125550100"));
    expect(leadByCrmId(core, '1').phones[0]?.e164).toBe('+12125550100');
  });

  it('marks a lead who asked for a call or a demo as a hand-raiser', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone,Recent Conversion', '1,Ada,+12125550100,Request a demo', '2,Bob,+12125550101,Ebook: Guide'));
    expect(leadByCrmId(core, '1').lead.requestedCall).toBe(true);
    expect(leadByCrmId(core, '2').lead.requestedCall).toBe(false);
  });

  it('leaves the time zone unknown unless the file names a real one', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone,Time Zone', '1,Ada,+12125550100,Mars/Olympus', '2,Bob,+12125550101,Europe/Paris'));
    expect(leadByCrmId(core, '1').lead.timeZone).toBeNull();
    expect(leadByCrmId(core, '2').lead.timeZone).toBe('Europe/Paris');
  });

  it('reports progress while a long file imports', async () => {
    const core = testCore();
    const rows = ['Name,Phone', ...Array.from({ length: 4500 }, (_, i) => `Lead ${i},+1212555${String(1000 + i)}`)];
    const seen: number[] = [];
    await importLeadsCsv(core.db, core.clock, rows.join('\n'), { fileName: 'big.csv', defaultCountry: 'US', onProgress: (p) => seen.push(p.rowsDone) });
    expect(seen).toEqual([2000, 4000, 4500]);
  });
});
