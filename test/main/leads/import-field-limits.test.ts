import { describe, expect, it } from 'vitest';
import { importActivities } from '../../../main/leads/import-activities.ts';
import { rejectedRowsCsv } from '../../../main/leads/import-history.ts';
import { previewImport } from '../../../main/leads/import-leads.ts';
import { LEAD_FIELD_LIMITS } from '../../../main/leads/field-limits.ts';
import { count, csv, importCsv, storeContents, testCore } from '../../helpers/test-core.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const leadRows = (core: ReturnType<typeof testCore>) => core.db.prepare('SELECT crm_id, email, company FROM leads ORDER BY crm_id').all();

describe('cells longer than any lead field', () => {
  it('rejects a 320 KB email cell at its line without running the email check on it, and imports the rest', async () => {
    const core = testCore();
    // Dots after an at sign: the cell that kept the old email pattern busy for many seconds.
    const email = `a@${'.'.repeat(320_000)}@`;
    const report = await importCsv(core, csv('Record ID,Name,Email,Phone', '1,Ada,ada@example.com,+12125550100', `2,Bob,${email},+12125550101`, '3,Cy,,+12125550102'));
    expect(report).toMatchObject({ rowsRead: 3, created: 2, rejected: [{ line: 3, reason: 'Email is 320,003 characters long; an import takes at most 254' }] });
    expect(leadRows(core)).toEqual([
      { crm_id: '1', email: 'ada@example.com', company: null },
      { crm_id: '3', email: null, company: null },
    ]);
  });

  it('never stores a 1 MB company name, and keeps only its start, marked, in the rejected rows', async () => {
    const core = testCore();
    const company = 'Acme'.repeat(262_144);
    const report = await importCsv(core, csv('Record ID,Name,Company,Phone', `1,Ada,${company},+12125550100`));
    expect(report).toMatchObject({ created: 0, rejected: [{ line: 2, reason: 'Company is 1,048,576 characters long; an import takes at most 256' }] });
    expect(count(core, 'leads')).toBe(0);
    const download = (await rejectedRowsCsv(core.store, report.batchId!)).content;
    expect(download.length).toBeLessThan(11_000);
    expect(download).toContain('… [cut by Nextcall: 1,048,576 characters]');
  });

  it('takes every field up to its limit, and rejects one character more', async () => {
    const core = testCore();
    const at = (n: number) => 'x'.repeat(n);
    const address = (n: number) => `${at(n - '@example.com'.length)}@example.com`;
    const text = csv(
      'Record ID,First Name,Last Name,Email,Company,Job Title,Phone',
      `1,${at(256)},${at(256)},${address(254)},${at(256)},${at(256)},+12125550100`,
      `2,${at(257)},,,,,+12125550101`,
      `3,,,${address(255)},,,+12125550102`,
      `4,,,,${at(257)},,+12125550103`,
      `5,,,,,${at(257)},+12125550104`,
      // Spaces around a value are not part of it.
      `6,   ${at(256)}   ,,,,,+12125550105`,
    );
    const report = await importCsv(core, text);
    expect(report.rejected).toEqual([
      { line: 3, reason: 'First name is 257 characters long; an import takes at most 256' },
      { line: 4, reason: 'Email is 255 characters long; an import takes at most 254' },
      { line: 5, reason: 'Company is 257 characters long; an import takes at most 256' },
      { line: 6, reason: 'Job title is 257 characters long; an import takes at most 256' },
    ]);
    expect(leadRows(core)).toEqual([
      { crm_id: '1', email: address(254), company: at(256) },
      { crm_id: '6', email: null, company: null },
    ]);
    expect(LEAD_FIELD_LIMITS.email).toBe(254);
  });

  it('still reads an email address as one, and a run of dots as none', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Email,Phone', '1,Ada.Lovelace+crm@mail.example.co.uk,+12125550100', '2,bob@example..com,+12125550101', '3,cy@localhost,+12125550102'));
    expect(leadRows(core).map((r) => (r as { email: string | null }).email)).toEqual(['ada.lovelace+crm@mail.example.co.uk', null, null]);
  });

  it('refuses a header longer than a header, writing nothing', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone', '1,Ada,+12125550100'));
    const before = storeContents(core);
    const text = csv(`Record ID,${'Name'.repeat(1_000)},Phone`, '2,Bob,+12125550101');
    await expect(importCsv(core, text)).rejects.toThrow(
      'In leads.csv, the header of column 2 is 4,000 characters long, and a header names a column in at most 1,000. Is the first line of the file a header row? Nothing was imported.',
    );
    await expect(previewImport(encode(text), 'leads.csv')).rejects.toThrow(/the header of column 2 is 4,000 characters long/);
    expect(storeContents(core)).toEqual(before);
    expect(count(core, 'import_batches')).toBe(1);
  });

  it('previews the start of a huge cell, not all of it', async () => {
    const preview = await previewImport(encode(csv('Record ID,Company,Phone', `1,${'A'.repeat(5_000_000)},+12125550100`)), 'leads.csv');
    expect(preview.sample[0]![1]).toBe(`${'A'.repeat(1_000)}…`);
  });
});

describe('cells longer than any activity field', () => {
  it('rejects the row at its line, and adds the others', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone', '1,Ada,+12125550100'));
    const file = csv('Record ID,Title,URL,Time', '1,Pricing,,2026-11-20', `1,${'Webinar '.repeat(6_250)},,2026-11-21`, `1,Guide,https://example.com/${'a'.repeat(3_000)},2026-11-22`, '1,Demo,,2026-11-23');
    expect(await importActivities(core.store, encode(file), 'activity.csv', 'US')).toEqual({
      rowsRead: 4,
      added: 2,
      alreadyThere: 0,
      rejected: [
        { line: 3, reason: 'Title is 49,999 characters long; an import takes at most 1,000' },
        { line: 4, reason: 'URL is 3,020 characters long; an import takes at most 2,048' },
      ],
    });
    expect(core.db.prepare('SELECT title FROM activities ORDER BY occurred_at').all().map((r) => (r as { title: string }).title)).toEqual(['Pricing', 'Demo']);
  });
});
