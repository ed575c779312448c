import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logDisposition } from '../../../main/calls/log-disposition.ts';
import { exportLeads } from '../../../main/leads/export-leads.ts';
import { importActivities } from '../../../main/leads/import-activities.ts';
import { listImports, rejectedRowsCsv } from '../../../main/leads/import-history.ts';
import { getLeadCard } from '../../../main/leads/lead-rows.ts';
import { undoImport } from '../../../main/leads/undo-import.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { count, csv, demoFixture, importCsv, storeContents, testCore, type TestCore } from '../../helpers/test-core.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));
const idOf = (core: TestCore, crmId: string) => (core.db.prepare('SELECT id FROM leads WHERE crm_id = ?').get(crmId) as { id: number }).id;
const log = (core: TestCore, crmId: string, code: string, callbackAtOrNotes = '') =>
  logDisposition(core.store, core.clock, DEFAULT_DISPOSITIONS, {
    leadId: idOf(core, crmId),
    code,
    ...(code === 'callback' ? { notes: '', callbackAt: callbackAtOrNotes } : { notes: callbackAtOrNotes }),
  });

describe('undoing an import', () => {
  it('removes the leads it created and restores the ones it completed, exactly', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Email,Phone,Company', '1,Ada Lovelace,ada@example.com,+12125550100,'));
    const before = storeContents(core);
    const second = await importCsv(
      core,
      csv('Record ID,Name,Email,Phone,Company,Do Not Call,Recent Conversion', '1,Ada,ada@example.com,+12125550199,Analytical Engines,true,Contact sales', '2,Bob,bob@example.com,+12125550101,,,'),
    );
    expect(count(core, 'leads')).toBe(2);

    expect(await undoImport(core.store, core.clock, second.batchId!)).toEqual({ batchId: second.batchId, removed: 1, restored: 1, kept: 0 });
    expect(storeContents(core)).toEqual(before);
    expect((await listImports(core.store))[0]).toMatchObject({ id: second.batchId, undoneAt: '2026-11-23T15:00:00.000Z' });
  });

  it('keeps a lead a rep has already called, and a do-not-call flag set since', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone', '1,Ada,+12125550100'));
    const second = await importCsv(core, csv('Record ID,Name,Phone,Company', '1,Ada,+12125550100,Acme', '2,Bob,+12125550101,'));
    core.clock.advance(60_000);
    await log(core, '2', 'busy');
    await log(core, '1', 'do-not-call');
    expect(await undoImport(core.store, core.clock, second.batchId!)).toMatchObject({ removed: 0, restored: 1, kept: 1 });
    expect(getLeadCard(core.db, idOf(core, '2')).calls).toHaveLength(1);
    expect(getLeadCard(core.db, idOf(core, '1')).lead).toMatchObject({ company: null, doNotCall: true });
  });

  it('goes newest first, and only once', async () => {
    const core = testCore();
    const first = await importCsv(core, csv('Record ID,Name,Phone', '1,Ada,+12125550100'));
    const second = await importCsv(core, csv('Record ID,Name,Phone', '2,Bob,+12125550101'));
    await expect(undoImport(core.store, core.clock, first.batchId!)).rejects.toThrow(`Import #${second.batchId} came after #${first.batchId}: undo it first.`);
    await undoImport(core.store, core.clock, second.batchId!);
    await expect(undoImport(core.store, core.clock, second.batchId!)).rejects.toThrow(/already undone/);
    expect(await undoImport(core.store, core.clock, first.batchId!)).toMatchObject({ removed: 1 });
    expect(count(core, 'leads')).toBe(0);
    await expect(undoImport(core.store, core.clock, 99)).rejects.toThrow(/no import #99/);
  });
});

describe('rejected rows', () => {
  it('download as the file’s own columns plus line and reason, ready to fix and import again', async () => {
    const core = testCore();
    const report = await importCsv(core, csv('Record ID,Name,Phone', '1,Ada,+12125550100', '2,"No Phone, Esq.",', '3,=cmd|calc,'), { fileName: 'leads.csv' });
    const file = await rejectedRowsCsv(core.store, report.batchId!);
    expect(file.fileName).toBe('leads-rejected.csv');
    expect(file.content).toBe(
      '\uFEFFRecord ID,Name,Phone,Rejected at line,Reason\r\n2,"No Phone, Esq.",,3,no phone number\r\n3,\'=cmd|calc,,4,no phone number\r\n',
    );
  });
});

describe('a second file of activity', () => {
  it('adds events to the leads it names (CRM id, email or number), all or nothing', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Email,Phone', '1,Ada,ada@example.com,+12125550100', '2,Bob,bob@example.com,+12125550101'));
    const file = new TextEncoder().encode(
      csv(
        'Record ID,Email,Phone,Type,Title,URL,Time',
        '1,,,webinar,Webinar: BANT in practice,,2026-11-20 17:00',
        ',bob@example.com,,,Request a demo,https://www.example.com/demo,2026-11-21 09:00',
        ',,(212) 555-0100,pricing-visit,Pricing,https://www.example.com/pricing,2026-11-21',
        '9,,,webinar,Webinar,,2026-11-20',
        '1,,,webinar,Webinar: BANT in practice,,2026-11-20 17:00',
        '2,,,webinar,Webinar,,last tuesday',
      ),
    );
    const report = await importActivities(core.store, file, 'activities.csv', 'US');
    expect(report).toEqual({
      rowsRead: 6,
      added: 3,
      alreadyThere: 1,
      rejected: [
        { line: 5, reason: 'no lead with this CRM id, email or number' },
        { line: 7, reason: '"last tuesday" is not a date (write 2026-11-20 or 2026-11-20 14:03)' },
      ],
    });
    expect(getLeadCard(core.db, idOf(core, '1')).activities.map((a) => a.type)).toEqual(['pricing-visit', 'webinar']);
    expect(getLeadCard(core.db, idOf(core, '2')).lead.requestedCall).toBe(true);
  });

  it('refuses a file that names no lead column', async () => {
    const core = testCore();
    await expect(importActivities(core.store, new TextEncoder().encode('Title,Time\nWebinar,2026-11-20\n'), 'a.csv', 'US')).rejects.toThrow(/no column naming the lead/);
  });
});

describe('exporting leads for the CRM', () => {
  it('writes one row per lead with what the calls taught, HubSpot headers, and no cell a spreadsheet would run', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Email,Phone,Company', '1,Ada Lovelace,ada@example.com,+12125550100,"=HYPERLINK(""http://evil.example"")"'));
    await log(core, '1', 'interested-not-yet', '@SUM(1) call back in Q1');
    const { content, fileName, mimeType } = exportLeads(core.db, 'csv');
    expect([fileName, mimeType]).toEqual(['nextcall-leads.csv', 'text/csv']);
    const [header, row] = content.trimEnd().split('\r\n');
    expect(header).toBe(
      '\uFEFFRecord ID,Nextcall ID,First Name,Last Name,Email,Company Name,Job Title,Contact owner,Phone Number,Mobile Phone Number,Other Phone Numbers,Lifecycle Stage,Lead Status,Nextcall Stage,Original Source,Time Zone,State/Region,Country/Region,Requested Call,Do Not Call,Lead Score,Call Attempts,Last Disposition,Last Call Date,Next Attempt Date,Next Callback Date,Create Date,Latest Call Notes,Qualification Answers,Handoff Reason,Bad Phone Numbers',
    );
    expect(row).toBe(
      `1,1,Ada,Lovelace,ada@example.com,"'=HYPERLINK(""http://evil.example"")",,,'+12125550100,,,marketingqualifiedlead,OPEN,MQL,,America/New_York,,,false,false,0,1,Interested — not yet,2026-11-23T15:00:00.000Z,2026-11-30T15:00:00.000Z,,2026-11-23T15:00:00.000Z,'@SUM(1) call back in Q1,,,`,
    );
    for (const cell of row!.split(',')) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('round-trips: exporting and importing again changes nothing', async () => {
    const core = testCore();
    await importCsv(core, fixture('hubspot-contacts.csv'));
    await importCsv(core, fixture('salesforce-leads.csv'));
    await importCsv(core, demoFixture());
    await log(core, '71234501', 'qualified', 'Budget approved');
    await log(core, '71234502', 'not-interested');
    await log(core, '00Q5e00000AbCdE1', 'do-not-call');
    const exported = exportLeads(core.db, 'csv').content;

    const before = storeContents(core);
    expect(await importCsv(core, exported, { fileName: 'nextcall-leads.csv' })).toMatchObject({ created: 0, rejected: [] });
    expect(storeContents(core)).toEqual(before);

    const fresh = testCore();
    await importCsv(fresh, exported);
    const leadsOnly = (text: string) =>
      text
        .split('\r\n')
        .map((line) => line.split(',').filter((_, i) => ![1, 21, 22, 23, 24, 25, 27, 28, 29].includes(i)).join(','))
        .join('\n');
    expect(leadsOnly(exportLeads(fresh.db, 'csv').content)).toBe(leadsOnly(exported));
  });

  it('says when the next callback is booked', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone', '1,Ada,+12125550100'));
    await log(core, '1', 'callback', '2026-11-24T16:00:00Z');
    expect(JSON.parse(exportLeads(core.db, 'json').content).leads[0]).toMatchObject({ nextCallbackAt: '2026-11-24T16:00:00.000Z', attempts: 1 });
    expect(exportLeads(core.db, 'csv').content).toContain(',2026-11-24T16:00:00.000Z,');
  });

  it('exports a call list, and JSON with a versioned schema', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone', '1,Ada,+12125550100'), { listName: 'Webinar' });
    await importCsv(core, csv('Record ID,Name,Phone', '2,Bob,+12125550101'));
    const json = JSON.parse(exportLeads(core.db, 'json', 'Webinar').content);
    expect(json).toMatchObject({ schemaVersion: 1, list: 'Webinar', leads: [{ crmId: '1', phones: [{ e164: '+12125550100', type: 'work', bad: false }] }] });
    expect(json.leads).toHaveLength(1);
    expect(() => exportLeads(core.db, 'csv', 'Nope')).toThrow(/no call list named "Nope"/);
  });
});

describe('undo after the store moved on', () => {
  it('keeps what a call changed since the import, and restores the rest', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone', '1,Ada,+12125550100'));
    const second = await importCsv(core, csv('Record ID,Name,Phone,Company,Recent Conversion', '1,Ada,+12125550100,Acme,Contact sales'));
    expect(getLeadCard(core.db, idOf(core, '1')).lead.requestedCall).toBe(true);
    core.clock.advance(60_000);
    await log(core, '1', 'interested-not-yet');
    const handRaisedAfterCall = (core.db.prepare('SELECT hand_raised_at FROM leads').get() as { hand_raised_at: number | null }).hand_raised_at;
    expect(handRaisedAfterCall).toBeNull();
    await undoImport(core.store, core.clock, second.batchId!);
    const row = core.db.prepare('SELECT company, hand_raised_at FROM leads').get();
    expect(row).toEqual({ company: null, hand_raised_at: null });
  });
});

describe('files that are not what they say', () => {
  it('reads UTF-16 without a byte-order mark, even with a few non-Latin characters', async () => {
    const core = testCore();
    const text = 'Record ID,Name,Phone,Company\n1,王一,+12125550100,一二三\n';
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[i * 2] = text.charCodeAt(i) & 0xff;
      bytes[i * 2 + 1] = text.charCodeAt(i) >> 8;
    }
    expect(await importCsv(core, bytes)).toMatchObject({ encoding: 'utf-16le', created: 1 });
    expect(getLeadCard(core.db, idOf(core, '1')).lead.company).toBe('一二三');
  });

  it('refuses a binary file instead of importing garbage', async () => {
    const core = testCore();
    await expect(importCsv(core, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x41, 0x2c, 0x42]))).rejects.toThrow(/not text in an encoding Nextcall reads/);
  });

  it('refuses a stray quote instead of folding the next rows into one lead', async () => {
    const core = testCore();
    const text = 'Record ID,Name,Phone\n1,"Smith, Jr,+12125550100\n2,Bob,+12125550101\n3,Cid,+12125550102\n';
    await expect(importCsv(core, text)).rejects.toThrow(/the quote opened on line 2 is never closed/);
    expect(count(core, 'leads')).toBe(0);
  });
});

describe('a lead with more numbers than two', () => {
  it('exports the others in one cell, and reads them back', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone,Mobile Phone Number,Other Phone Numbers', '1,Ada,+12125550100,+12125550150,"+12125550177; +12125550178"'));
    const exported = exportLeads(core.db, 'csv').content;
    expect(exported).toContain(`"'+12125550177; '+12125550178"`);
    const fresh = testCore();
    await importCsv(fresh, exported);
    expect(getLeadCard(fresh.db, idOf(fresh, '1')).phones.map((p) => [p.type, p.e164])).toEqual([
      ['work', '+12125550100'],
      ['mobile', '+12125550150'],
      ['other', '+12125550177'],
      ['other', '+12125550178'],
    ]);
  });
});
