import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../main/leads/import-leads.ts';
import { importCsv, testCore } from '../../helpers/test-core.ts';

describe('import progress', () => {
  it('tells how far through the file the import is, in bytes, and ends at the whole file', async () => {
    const header = 'Name,Phone';
    const rows = Array.from({ length: 12_000 }, (_, i) => `Lead ${i},+1212555${String(1000 + (i % 9000))}`);
    const file = new TextEncoder().encode([header, ...rows].join('\n'));
    const seen: ImportProgress[] = [];
    await importCsv(testCore(), file, { onProgress: (p) => seen.push(p) });

    // Every 5,000 rows: the bytes up to the end of the last row read (this file is ASCII: one byte a character).
    const upTo = (n: number) => [header, ...rows.slice(0, n)].join('\n').length + 1;
    expect(seen.map((p) => [p.rowsDone, p.bytesRead])).toEqual([
      [5000, upTo(5000)],
      [10_000, upTo(10_000)],
      [12_000, file.byteLength],
    ]);
  });

  it('counts the file’s bytes, not its characters, when they differ', async () => {
    // UTF-16 with its mark: two bytes a character, and two more for the mark.
    const text = `Name,Phone\n${Array.from({ length: 5000 }, (_, i) => `Zoë ${i},+1212555${String(1000 + i)}`).join('\n')}\n`;
    const file = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...text].map((c) => c.charCodeAt(0))).buffer)]);
    const seen: ImportProgress[] = [];
    await importCsv(testCore(), file, { onProgress: (p) => seen.push(p) });
    expect(seen.at(-1)).toMatchObject({ rowsDone: 5000, bytesRead: file.byteLength });
    expect(seen[0]!.bytesRead).toBeGreaterThan(text.length);
  });
});
