import { describe, expect, it } from 'vitest';
import { count, csv, importCsv, testCore } from '../../helpers/test-core.ts';
import { rejectedRowsCsv } from '../../../main/leads/import-history.ts';

describe('what around a table of leads is not a lead', () => {
  it("skips LinkedIn's notes above the header", async () => {
    const core = testCore();
    const report = await importCsv(
      core,
      csv('Notes:', '"When exporting your connection data, you may notice that some of the email addresses are missing."', '', 'First Name,Last Name,Phone', 'Priya,Sharma,+91 98765 43210'),
    );
    expect(report).toMatchObject({ rowsRead: 1, created: 1, rejected: [] });
  });

  it("neither imports nor rejects a Salesforce report's footer", async () => {
    const core = testCore();
    const report = await importCsv(
      core,
      csv(
        'First Name,Last Name,Phone',
        'Bertha,Boxer,(850) 644-4200',
        'Phyllis,Cotton,(703) 757-1000',
        '',
        '"Grand Totals (2 records)",,',
        '',
        '"Confidential Information - Do Not Distribute",,',
        '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.",,',
      ),
    );
    expect(report).toMatchObject({ rowsRead: 2, created: 2, rejected: [] });
    expect(count(core, 'import_rejections')).toBe(0);
  });

  it('keeps people who share a placeholder email apart: one info@ address is no proof of one person', async () => {
    const core = testCore();
    const report = await importCsv(
      core,
      csv('First Name,Last Name,Email,Phone', 'Andy,Smith,info@salesforce.com,+1 212 555 0101', 'Sarah,Loehr,info@salesforce.com,+1 212 555 0102'),
    );
    expect(report).toMatchObject({ created: 2, merged: 0 });
    // The same person again, by email and name, is still matched.
    expect(await importCsv(core, csv('First Name,Email,Phone', 'Andy,info@salesforce.com,+1 212 555 0199'))).toMatchObject({ created: 0, updated: 1 });
  });
});

describe('a row with no number', () => {
  it('completes the lead its email names, instead of being rejected', async () => {
    const core = testCore();
    await importCsv(core, csv('First Name,Email,Phone', 'Ada,ada@example.com,+1 212 555 0101'));
    const report = await importCsv(core, csv('First Name,Email,Company,Phone', 'Ada,ada@example.com,Analytical Engines,', 'Bob,bob@example.com,Nowhere Inc,'));
    expect(report).toMatchObject({ created: 0, updated: 1, rejected: [{ line: 3, reason: 'no phone number' }] });
    const ada = core.db.prepare("SELECT company FROM leads WHERE email = 'ada@example.com'").get() as { company: string };
    expect(ada.company).toBe('Analytical Engines');
    expect(count(core, 'leads')).toBe(1);
  });
});

describe('a row with an email that is no address', () => {
  it('imports the lead with its other data and flags the email, with its value, in the report and the rows file', async () => {
    const core = testCore();
    const report = await importCsv(core, csv('First Name,Last Name,Email,Company,Phone', 'Grace,Hopper,grace at navy.mil,US Navy,+1 212 555 0199'));
    expect(report).toMatchObject({ created: 1, rejected: [], flagged: [{ line: 2, reason: 'invalid email "grace at navy.mil": imported without it' }] });
    expect(core.db.prepare("SELECT first_name, email, company FROM leads WHERE last_name = 'Hopper'").get()).toEqual({ first_name: 'Grace', email: null, company: 'US Navy' });
    const download = (await rejectedRowsCsv(core.store, report.batchId!)).content;
    expect(download).toContain('grace at navy.mil');
    expect(download).toContain('"invalid email ""grace at navy.mil"": imported without it"');
  });
});
