import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getLeadCard } from '../../../main/leads/lead-rows.ts';
import { previewImport } from '../../../main/leads/import-leads.ts';
import { count, csv, demoFixture, importCsv, storeContents, testCore, type TestCore } from '../../helpers/test-core.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));

function leadByCrmId(core: TestCore, crmId: string) {
  const row = core.db.prepare('SELECT id FROM leads WHERE crm_id = ?').get(crmId) as { id: number } | undefined;
  if (!row) throw new Error(`no lead ${crmId}`);
  return getLeadCard(core.db, row.id);
}

describe('importing real CRM exports with no manual mapping', () => {
  it('reads a HubSpot contact export: names, E.164 numbers, stages, sources, zones and activity', async () => {
    const core = testCore();
    const report = await importCsv(core, fixture('hubspot-contacts.csv'), { fileName: 'hubspot-contacts.csv' });
    expect(report).toMatchObject({ rowsRead: 6, created: 6, updated: 0, merged: 0, rejected: [], encoding: 'utf-8', delimiter: ',' });

    const maya = leadByCrmId(core, '71234501');
    expect(maya.lead).toMatchObject({ firstName: 'Maya', company: 'BrightPath Logistics', stage: 'MQL', source: 'inbound', score: 72, timeZone: 'America/New_York' });
    expect(maya.phones).toEqual([expect.objectContaining({ raw: '(305) 555-0142', e164: '+13055550142', type: 'work' })]);
    expect(maya.activities.map((a) => [a.type, a.title])).toEqual([
      ['pricing-visit', '/pricing'],
      ['pricing-visit', 'Pricing page'],
      ['ebook-download', 'Ebook: The 2026 Guide to Outbound Prospecting'],
    ]);

    expect(leadByCrmId(core, '71234502').lead).toMatchObject({ stage: 'IQL', timeZone: 'Europe/Paris' });
    expect(leadByCrmId(core, '71234503').lead).toMatchObject({ stage: 'IQL', requestedCall: true, timeZone: 'America/Los_Angeles', source: 'referral' });
    expect(leadByCrmId(core, '71234503').phones.map((p) => [p.type, p.e164])).toEqual([
      ['work', '+14155550173'],
      ['mobile', '+14155550188'],
    ]);
    expect(leadByCrmId(core, '71234504').lead).toMatchObject({ stage: 'disqualified', source: 'event', timeZone: 'Europe/London' });
    expect(leadByCrmId(core, '71234505').lead).toMatchObject({ stage: 'SQL', requestedCall: true, timeZone: 'America/Chicago' });
    const kenji = leadByCrmId(core, '71234506');
    expect(kenji.lead).toMatchObject({ stage: 'nurture', timeZone: 'America/Toronto' });
    expect(kenji.phones).toEqual([expect.objectContaining({ raw: '555-0100', e164: null })]);
  });

  it('reads a Salesforce lead export by API names', async () => {
    const core = testCore();
    const report = await importCsv(core, fixture('salesforce-leads.csv'), { fileName: 'salesforce-leads.csv' });
    expect(report).toMatchObject({ rowsRead: 5, created: 5, rejected: [] });
    expect(leadByCrmId(core, '00Q5e00000AbCdE1').lead).toMatchObject({
      firstName: 'Grace',
      stage: 'cold',
      source: 'inbound',
      timeZone: 'America/New_York',
      createdAt: '2026-11-18T14:03:00.000Z',
    });
    expect(leadByCrmId(core, '00Q5e00000AbCdE2').phones.map((p) => p.e164)).toEqual(['+442079460555', '+441134960123']);
    expect(leadByCrmId(core, '00Q5e00000AbCdE3').lead).toMatchObject({ doNotCall: true, source: 'event', timeZone: 'America/Denver' });
    expect(leadByCrmId(core, '00Q5e00000AbCdE4').lead).toMatchObject({ stage: 'disqualified', source: 'cold-list' });
    expect(leadByCrmId(core, '00Q5e00000AbCdE5').lead).toMatchObject({ stage: 'SQL', email: null, timeZone: 'America/New_York' });
  });

  it('reads Salesforce report labels and plain sheets too', async () => {
    const core = testCore();
    await importCsv(core, csv('Lead ID,First Name,Last Name,Phone,Lead Source,Lead Status,State/Province,Do Not Call', '00Q1,Grace,Hopper,+12125550100,Webinar,Working - Contacted,NY,1'));
    await importCsv(core, csv('Full Name;Telephone;Company name', 'Alan Turing;+33 1 99 00 12 34;Bletchley'));
    expect(leadByCrmId(core, '00Q1').lead).toMatchObject({ firstName: 'Grace', source: 'webinar', stage: 'IQL', doNotCall: true });
    expect(core.db.prepare("SELECT first_name, last_name, company, time_zone FROM leads WHERE last_name = 'Turing'").get()).toEqual({
      first_name: 'Alan',
      last_name: 'Turing',
      company: 'Bletchley',
      time_zone: 'Europe/Paris',
    });
  });

  it('imports the demo list: every row a lead', async () => {
    const core = testCore();
    expect(await importCsv(core, demoFixture())).toMatchObject({ rowsRead: 300, created: 300, rejected: [] });
  });
});

describe('files as they come', () => {
  const rows = ['Record ID;Name;Phone;Company', '1;Zoë Lefèvre;+33 1 99 00 12 34;Société Générale des Crêpes'];

  it.each([
    ['UTF-8 with a byte-order mark', 'utf-8', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(rows.join('\r\n'))])],
    ['UTF-16 LE (Excel "Unicode text")', 'utf-16le', utf16(rows.join('\r\n'), 'le')],
    ['UTF-16 BE', 'utf-16be', utf16(rows.join('\r\n'), 'be')],
    ['Windows-1252 (Excel "CSV" on Windows)', 'windows-1252', windows1252(rows.join('\r\n'))],
  ])('reads %s', async (_, encoding, bytes) => {
    const core = testCore();
    const report = await importCsv(core, bytes);
    expect(report).toMatchObject({ encoding, delimiter: ';', created: 1 });
    expect(leadByCrmId(core, '1').lead).toMatchObject({ firstName: 'Zoë', lastName: 'Lefèvre', company: 'Société Générale des Crêpes' });
  });

  it.each([
    [',', 'Record ID,Name,Phone\n1,Ada,+12125550100\n'],
    [';', 'Record ID;Name;Phone\n1;Ada;+12125550100\n'],
    ['\t', 'Record ID\tName\tPhone\n1\tAda\t+12125550100\n'],
  ])('detects the delimiter %j', async (delimiter, text) => {
    const core = testCore();
    expect(await importCsv(core, text)).toMatchObject({ delimiter, created: 1 });
  });

  it('handles quoted newlines, escaped quotes, CRLF, blank lines and ragged rows', async () => {
    const core = testCore();
    const text = 'Record ID,Name,Phone,Company\r\n1,Ada,+12125550100,"Analytical\r\nEngines, ""Ltd"""\r\n\r\n2,Bob,+12125550101\r\n3,Cy,+12125550102,Acme,extra,cells\r\n';
    expect(await importCsv(core, text)).toMatchObject({ rowsRead: 3, created: 3, rejected: [] });
    expect(leadByCrmId(core, '1').lead.company).toBe('Analytical\r\nEngines, "Ltd"');
    expect(leadByCrmId(core, '2').lead.company).toBeNull();
  });

  it('refuses a broken file (unbalanced quote), says which line, and imports nothing', async () => {
    const core = testCore();
    const text = ['Record ID,Name,Phone', ...Array.from({ length: 50 }, (_, i) => `${i},Lead ${i},+1212555${1000 + i}`), '99,"Broken quote,+12125559999', '100,After,+12125559998'].join('\n');
    await expect(importCsv(core, text)).rejects.toThrow(/not a readable CSV file: the quote opened on line 52 is never closed\. Nothing was imported\./);
    expect(count(core, 'leads')).toBe(0);
    expect(count(core, 'import_batches')).toBe(0);
  });

  it('refuses a file with no phone column and writes nothing', async () => {
    const core = testCore();
    await expect(importCsv(core, csv('Name,Email', 'Ada,ada@example.com'))).rejects.toThrow(/no phone column/);
    expect(count(core, 'import_batches')).toBe(0);
  });

  it('refuses an empty file', async () => {
    await expect(importCsv(testCore(), '')).rejects.toThrow(/empty: there is no header row/);
  });
});

describe('rows and numbers', () => {
  it('keeps a number it cannot parse, as written, flagged', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone', '7,Bad Number,555-01'));
    expect(leadByCrmId(core, '7').phones).toEqual([expect.objectContaining({ raw: '555-01', e164: null })]);
  });

  it('reads a number without +prefix in the lead’s country, or else the default country', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone,Country', '1,Tom,020 7946 0321,United Kingdom', '2,Ann,(212) 555-0100,'), { defaultCountry: 'US' });
    expect(leadByCrmId(core, '1').phones[0]?.e164).toBe('+442079460321');
    expect(leadByCrmId(core, '2').phones[0]?.e164).toBe('+12125550100');
  });

  it('rejects a row without any phone number, with its line and reason, and imports the rest', async () => {
    const core = testCore();
    const report = await importCsv(core, csv('Record ID,Name,Phone', '1,Has Phone,+12125550100', '2,No Phone,', '3,Also Fine,+12125550101'));
    expect(report.created).toBe(2);
    expect(report.rejected).toEqual([{ line: 3, reason: 'no phone number' }]);
  });

  it('finds the time zone from the zone column, then the state, then the number; else unknown', async () => {
    const core = testCore();
    await importCsv(
      core,
      csv(
        'Record ID,Name,Phone,Time Zone,State/Region,Country/Region',
        '1,Col,+12125550100,Pacific,NY,US',
        '2,State,+12125550101,,TX,US',
        '3,Number,+12125550102,,,',
        '4,Nothing,+19075550100,,,',
        '5,Hubspot,+12125550103,america_slash_chicago,,',
      ),
    );
    expect(['1', '2', '3', '4', '5'].map((id) => leadByCrmId(core, id).lead.timeZone)).toEqual([
      'America/Los_Angeles',
      'America/Chicago',
      'America/New_York',
      null,
      'America/Chicago',
    ]);
  });

  it('undoes the formula guard of our own exports on the way in', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone', "1,Ada,'+12125550100"));
    expect(leadByCrmId(core, '1').phones[0]?.e164).toBe('+12125550100');
  });

  it('marks a lead who asked for a call or a demo as a hand-raiser, or the column the mapping names', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone,Recent Conversion,Wants call', '1,Ada,+12125550100,Request a demo,', '2,Bob,+12125550101,Ebook: Guide,yes'));
    expect(leadByCrmId(core, '1').lead.requestedCall).toBe(true);
    expect(leadByCrmId(core, '2').lead.requestedCall).toBe(false);
    await importCsv(core, csv('Record ID,Name,Phone,Wants call', '3,Cy,+12125550102,yes'), { mapping: { requestedCall: 'Wants call' } });
    expect(leadByCrmId(core, '3').lead.requestedCall).toBe(true);
  });
});

describe('duplicates', () => {
  it('completes a lead already in the store (CRM id, email or number) instead of duplicating it', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Email,Phone,Company', '1,Ada Lovelace,ada@example.com,+12125550100,'));
    const report = await importCsv(core, csv('Name,Email,Phone,Company,Recent Conversion', 'Ada L.,ADA@example.com,+12125550199,Analytical Engines,Contact sales'));
    expect(report).toMatchObject({ created: 0, updated: 1, merged: 0 });
    const { lead, phones, activities } = leadByCrmId(core, '1');
    expect(lead).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines', requestedCall: true });
    expect(phones.map((p) => p.e164)).toEqual(['+12125550100', '+12125550199']);
    expect(activities).toHaveLength(1);
    expect(await importCsv(core, csv('Name,Phone', 'Ada,+1 212 555 0199'))).toMatchObject({ updated: 1 });
    expect(count(core, 'leads')).toBe(1);
  });

  it('folds rows that repeat a lead within one file, and counts them as merged', async () => {
    const core = testCore();
    const report = await importCsv(core, csv('Record ID,Name,Email,Phone', '1,Ada,ada@example.com,+12125550100', ',Ada,ada@example.com,+12125550150', '1,Ada,,+12125550100'));
    expect(report).toMatchObject({ created: 1, updated: 0, merged: 2 });
    expect(leadByCrmId(core, '1').phones).toHaveLength(2);
  });

  it('keeps colleagues who share a switchboard number as separate leads', async () => {
    const core = testCore();
    const report = await importCsv(
      core,
      csv('Record ID,Name,Email,Phone', '1,Ada Lovelace,ada@acme.example,+12125550100', '2,Bob Marley,bob@acme.example,+12125550100', ',Cy Young,,+12125550100'),
    );
    expect(report).toMatchObject({ created: 3, merged: 0 });
  });
});

describe('previews, mappings, dry runs and lists', () => {
  it('previews the encoding, delimiter, detected mapping and first rows without writing', async () => {
    const core = testCore();
    const preview = await previewImport(fixture('hubspot-contacts.csv'), 'hubspot-contacts.csv');
    expect(preview).toMatchObject({ encoding: 'utf-8', delimiter: ',' });
    expect(preview.mapping).toMatchObject({ crmId: 'Record ID', phone: 'Phone Number', mobilePhone: 'Mobile Phone Number', region: 'State/Region', stage: 'Lifecycle Stage' });
    expect(preview.unmapped).toEqual(['Original Source Drill-Down 1', 'Last Activity Date', 'Marketing contact status']);
    expect(preview.sample).toHaveLength(5);
    expect(count(core, 'leads')).toBe(0);
  });

  it('follows an override, and refuses one naming a column the file lacks', async () => {
    const core = testCore();
    // "Ligne directe" names no phone in words the importer knows: only the override finds it.
    const text = csv('Ref,Nom complet,Ligne directe', 'A1,Zoë Lefèvre,+33 1 99 00 12 34');
    await expect(importCsv(core, text)).rejects.toThrow(/no phone column/);
    await expect(importCsv(core, text, { mapping: { phone: 'Telefon' } })).rejects.toThrow(/no such column.*Nothing was imported/);
    await importCsv(core, text, { mapping: { crmId: 'Ref', fullName: 'Nom complet', phone: 'Ligne directe' } });
    expect(leadByCrmId(core, 'A1').lead).toMatchObject({ firstName: 'Zoë', lastName: 'Lefèvre' });
  });

  it('does a dry run: the same report, and nothing written', async () => {
    const core = testCore();
    const report = await importCsv(core, demoFixture(), { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, batchId: null, created: 300 });
    expect(count(core, 'leads')).toBe(0);
    expect(count(core, 'import_batches')).toBe(0);
  });

  it('puts an import into a named call list', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone', '1,Ada,+12125550100'), { listName: 'November webinar' });
    await importCsv(core, csv('Record ID,Name,Phone', '2,Bob,+12125550101'), { listName: 'november WEBINAR' });
    const lists = core.db.prepare('SELECT name, filter FROM call_lists').all();
    expect(lists).toEqual([{ name: 'November webinar', filter: '{"importBatchIds":[1,2]}' }]);
  });

  it('reports progress while a long file imports', async () => {
    const core = testCore();
    const rows = ['Name,Phone', ...Array.from({ length: 12_000 }, (_, i) => `Lead ${i},+1212555${String(1000 + (i % 9000))}`)];
    const seen: number[] = [];
    await importCsv(core, rows.join('\n'), { onProgress: (p) => seen.push(p.rowsDone) });
    expect(seen).toEqual([5000, 10_000, 12_000]);
  });

  it('writes nothing twice: re-importing the same file changes no lead', async () => {
    const core = testCore();
    await importCsv(core, fixture('hubspot-contacts.csv'));
    const before = storeContents(core);
    expect(await importCsv(core, fixture('hubspot-contacts.csv'))).toMatchObject({ created: 0, updated: 6 });
    expect(storeContents(core)).toEqual(before);
  });
});

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const [a, b] = order === 'le' ? [code & 0xff, code >> 8] : [code >> 8, code & 0xff];
    bytes[2 + i * 2] = a;
    bytes[3 + i * 2] = b;
  }
  return bytes;
}

function windows1252(text: string): Uint8Array {
  // Every character of these tests sits at the same code point in Latin-1 and Windows-1252.
  return Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
}
