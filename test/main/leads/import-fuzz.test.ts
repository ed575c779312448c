import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importActivities } from '../../../main/leads/import-activities.ts';
import { previewImport } from '../../../main/leads/import-leads.ts';
import { ApiError } from '../../../shared/api-error.ts';
import { count, importCsv, storeContents, testCore, type TestCore } from '../../helpers/test-core.ts';

/**
 * The importers against whatever a file can be: random bytes, random tables with headers a CRM
 * might write, mixed line endings, huge cells, a thousand columns. Whatever comes in, the import
 * either lands whole (every row read is a lead or a reported reject) or is refused in a sentence
 * and changes nothing; it never throws anything else. Bounded to a few seconds of `npm test`.
 */

const IMPORT_TABLES = ['import_batches', 'import_rejections', 'import_changes', 'call_lists'];

function snapshot(core: TestCore): unknown {
  return {
    store: storeContents(core),
    ...Object.fromEntries(IMPORT_TABLES.map((table) => [table, core.db.prepare(`SELECT * FROM ${table} ORDER BY 1`).all()])),
  };
}

/** A refusal a team lead can read: one sentence or a few, no stack, no code words. */
function expectRefusalInWords(error: unknown, nothingImported: boolean): void {
  if (!(error instanceof ApiError)) throw error;
  expect(error.code).toBe('invalid-input');
  expect(error.message).toMatch(/^\S.{15,}[.?]$/s);
  expect(error.message).not.toMatch(/\n\s+at |undefined|\[object|NaN|Error:/);
  if (nothingImported) expect(error.message).toMatch(/Nothing was imported\.$/);
}

/** Imports the bytes into a store that already holds leads; checks it landed whole or changed nothing. */
async function importChecked(core: TestCore, bytes: Uint8Array, rowCount: number | null = null): Promise<void> {
  const before = snapshot(core);
  const leadsBefore = count(core, 'leads');
  const batchesBefore = count(core, 'import_batches');
  let report;
  try {
    report = await importCsv(core, bytes, { fileName: 'fuzz.csv' });
  } catch (error) {
    expectRefusalInWords(error, true);
    expect(snapshot(core)).toEqual(before);
    // A well-formed table is never refused as unreadable.
    if (rowCount !== null) expect((error as Error).message).not.toMatch(/not a readable CSV file/);
    return;
  }
  // Nothing lost: every row of the file was read, and is a lead or a reported reject.
  if (rowCount !== null) expect(report.rowsRead).toBe(rowCount);
  expect(report.created + report.updated + report.merged + report.rejected.length).toBe(report.rowsRead);
  expect(count(core, 'leads')).toBe(leadsBefore + report.created);
  expect(count(core, 'import_batches')).toBe(batchesBefore + 1);
  expect(core.db.prepare('SELECT count(*) AS n FROM import_rejections WHERE batch_id = ?').get(report.batchId)).toEqual({ n: report.rejected.length + report.flagged.length });
  for (const { line, reason } of report.rejected) {
    expect(line).toBeGreaterThan(1);
    expect(reason).toMatch(/^\S.{5,}/);
  }
}

async function previewChecked(bytes: Uint8Array): Promise<void> {
  try {
    const preview = await previewImport(bytes, 'fuzz.csv');
    for (const row of preview.sample) for (const cell of row) expect(cell.length).toBeLessThanOrEqual(1_001);
  } catch (error) {
    expectRefusalInWords(error, false);
  }
}

async function activitiesChecked(core: TestCore, bytes: Uint8Array): Promise<void> {
  const before = snapshot(core);
  try {
    const report = await importActivities(core.store, bytes, 'activity.csv', 'US');
    expect(report.added + report.alreadyThere + report.rejected.length).toBe(report.rowsRead);
  } catch (error) {
    expectRefusalInWords(error, true);
    expect(snapshot(core)).toEqual(before);
  }
}

/** A store with leads in it, so imports also complete and merge, and a refusal has something to leave alone. */
async function seededCore(): Promise<TestCore> {
  const core = testCore();
  await importCsv(core, 'Record ID,First Name,Email,Phone,Company\n1,Ada,ada@example.com,+12125550100,Acme\n2,Bob,bob@example.com,+12125550101,\n');
  await importActivities(core.store, new TextEncoder().encode('Record ID,Title,Time\n1,Pricing page,2026-11-20\n'), 'activity.csv', 'US');
  return core;
}

const HEADERS = [
  'Record ID',
  'First Name',
  'Last Name',
  'Name',
  'Email',
  'Phone Number',
  'Mobile Phone Number',
  'Other Phone Numbers',
  'Company Name',
  'Lifecycle Stage',
  'Lead Status',
  'Original Source',
  'Time Zone',
  'State/Region',
  'Country/Region',
  'Do Not Call',
  'HubSpot Score',
  'Create Date',
  'First Conversion',
  'Recent Conversion Date',
  'Last Page Seen',
  'Title',
  'Type',
  'Time',
  'URL',
  'Notes',
  '',
];

/** Cells as CRMs and people write them, and as they break them. */
const CELL = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('', 'Ada', '+12125550100', '(212) 555-0101', '+33 1 99 00 12 34', '555-0100', 'ada@example.com', 'bob@example..com', 'ZZ', 'FR', 'US', 'NY') },
  { weight: 3, arbitrary: fc.constantFrom('marketingqualifiedlead', 'Unqualified', 'Bad timing', 'Webinar', 'yes', '2026-11-20', '2026-11-20 14:03', '2026-13-45T99:99', 'Request a demo') },
  { weight: 2, arbitrary: fc.constantFrom('https://example.com/pricing', 'America/New_York', 'Mars/Olympus', "'=cmd|calc", '\uD800', '💥', 'é', 'Ω') },
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom('a', '1', '+', ' ', ',', ';', '\t', '"', "'", '\r', '\n', '@', '.', 'é'), maxLength: 12 }) },
);
/** Now and then: most files are whole. */
const sometimes = <T,>(arbitrary: fc.Arbitrary<T>, weight: number) => fc.oneof({ weight: 10 - weight, arbitrary: fc.constant(null) }, { weight, arbitrary });

const ENDING = fc.constantFrom('\r\n', '\n', '\r');

/** A table written as CSV: random delimiter, quoting and line endings, now and then a broken quote or a huge cell. */
const CSV_FILE = fc
  .record({
    delimiter: fc.constantFrom(',', ';', '\t'),
    headers: fc.array(fc.oneof(fc.constantFrom(...HEADERS), fc.string({ maxLength: 10 })), { minLength: 1, maxLength: 8 }),
    // Most files have a phone column somewhere, so most imports get as far as their rows.
    phoneAt: sometimes(fc.nat(), 8),
    rows: fc.array(fc.record({ cells: fc.array(CELL, { maxLength: 9 }), ending: ENDING, quoteAll: fc.boolean() }), { maxLength: 12 }),
    huge: sometimes(fc.record({ row: fc.nat(), cell: fc.nat(), size: fc.integer({ min: 1_000, max: 400_000 }), unit: fc.constantFrom('.', 'a', '@', '"', ' ', '\n') }), 3),
    broken: sometimes(fc.nat(), 1),
    // A NUL byte somewhere: the file is binary, refused whole.
    nulAt: sometimes(fc.nat(), 1),
    bom: fc.boolean(),
  })
  .map(({ delimiter, headers: drawn, phoneAt, rows, huge, broken, nulAt, bom }) => {
    const headers = phoneAt === null ? drawn : drawn.toSpliced(phoneAt % (drawn.length + 1), 0, 'Phone Number');
    const quote = (cell: string, all: boolean) => (all || /[",;\t\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
    const lines = [headers.map((h) => quote(h, false)).join(delimiter) + '\n'];
    const written = rows.map(({ cells }, r) =>
      cells.map((c, i) => (huge && huge.row % rows.length === r && huge.cell % Math.max(cells.length, 1) === i ? huge.unit.repeat(huge.size) : c)),
    );
    rows.forEach(({ ending, quoteAll }, r) => lines.push(written[r]!.map((c) => quote(c, quoteAll)).join(delimiter) + ending));
    // A quote opened and never closed, or text after a closing quote.
    const isBroken = broken !== null && lines.length > 1;
    if (isBroken) lines[1 + (broken % (lines.length - 1))] = broken % 2 ? '"unclosed,+12125550100\n' : '"closed" then more,+12125550100\n';
    // How many rows the file holds: those with something in them, under a header that is one.
    const filled = (cells: readonly string[]) => cells.some((c) => c.trim() !== '');
    const rowCount = isBroken || !filled(headers) ? null : written.filter(filled).length;
    let text = `${bom ? '\uFEFF' : ''}${lines.join('')}`;
    if (nulAt !== null) text = `${text.slice(0, nulAt % text.length)}\u0000${text.slice(nulAt % text.length)}`;
    return { text, rowCount };
  });

describe('the importer over random files', () => {
  it('random bytes: a report or a refusal in words, and a refusal changes nothing', async () => {
    const core = await seededCore();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2_000 }), async (bytes) => {
        await importChecked(core, bytes);
        await previewChecked(bytes);
        await activitiesChecked(core, bytes);
      }),
      { numRuns: 150 },
    );
  });

  it('random CSV tables with CRM headers, mixed line endings, broken quotes and huge cells: whole or nothing', async () => {
    const core = await seededCore();
    await fc.assert(
      fc.asyncProperty(CSV_FILE, async ({ text, rowCount }) => {
        const bytes = new TextEncoder().encode(text);
        await importChecked(core, bytes, rowCount);
        await previewChecked(bytes);
        await activitiesChecked(core, bytes);
      }),
      { numRuns: 150 },
    );
  });

  it('1,000 columns, the phone anywhere among them: every row lands', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1, max: 20 }), ENDING, async (phoneAt, rowCount, ending) => {
        const core = testCore();
        const headers = Array.from({ length: 1_000 }, (_, i) => (i === phoneAt ? 'Phone' : `Custom property ${i}`));
        const rows = Array.from({ length: rowCount }, (_, r) => headers.map((_, i) => (i === phoneAt ? `+1212555${String(1000 + r)}` : `value ${r}.${i}`)).join(','));
        const report = await importCsv(core, [headers.join(','), ...rows].join(ending));
        expect(report).toMatchObject({ rowsRead: rowCount, created: rowCount, rejected: [] });
        core.close();
      }),
      { numRuns: 8 },
    );
  });
});
