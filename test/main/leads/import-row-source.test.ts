import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api-error.ts';
import { openRowSource } from '../../../main/leads/import-row-source.ts';
import type { RowBatch } from '../../../main/leads/import-rows.ts';
import { DEMO_FIXTURE } from '../../helpers/test-core.ts';

const CORPUS = fileURLToPath(new URL('../../fixtures/crm-exports/', import.meta.url));
const NOW = Date.parse('2026-11-23T15:00:00Z');

async function readAll(bytes: Uint8Array, fileName: string, inWorker: boolean) {
  const source = await openRowSource(bytes, { fileName, defaultCountry: 'US', now: NOW }, inWorker);
  // The batches may be cut differently (a hundred rows here, 5,000 there): the rows and the end read must agree.
  const rows: RowBatch['rows'] = [];
  let end = 0;
  try {
    for await (const batch of source.batches) {
      rows.push(...batch.rows);
      end = batch.end;
    }
  } finally {
    source.close();
  }
  const { encoding, delimiter, header } = source;
  return { encoding, delimiter, header, rows, end };
}

describe('reading a file in a worker thread', () => {
  // Every field of every row crosses packed (import-row-packing.ts): activities (the demo list's
  // conversions), rejected and flagged rows, Japanese, UTF-16, accents and quotes must read the same.
  // A few files only: each test starts a thread, seconds on a loaded machine.
  const files = [
    ...readdirSync(CORPUS).filter((f) => /^(thunderbird-shiftjis|thunderbird-utf16le|salesforce-lead-prodly|hubspot-contacts)/.test(f)),
    'demo-leads.csv',
  ].map((name) => [name.split('__')[0]!, name === 'demo-leads.csv' ? fileURLToPath(DEMO_FIXTURE) : `${CORPUS}${name}`]);
  it.each(files)('reads %s to the same header and rows as the main thread', async (_, file) => {
    const bytes = readFileSync(file);
    const here = await readAll(bytes, 'x.csv', false).catch((error: unknown) => error);
    const there = await readAll(bytes, 'x.csv', true).catch((error: unknown) => error);
    expect(there).toEqual(here);
  });

  it('refuses a file it cannot read in the same words, as an ApiError', async () => {
    const bytes = new TextEncoder().encode('Name,Phone\n"Mia,+12125550100\n');
    const here = await readAll(bytes, 'broken.csv', false).catch((error: unknown) => error);
    const there = await readAll(bytes, 'broken.csv', true).catch((error: unknown) => error);
    expect(there).toBeInstanceOf(ApiError);
    expect(there).toEqual(here);
    expect((there as ApiError).message).toMatch(/never closed/);
  });
});
