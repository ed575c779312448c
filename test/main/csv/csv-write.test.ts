import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument, csvLine, unguardCell } from '../../../main/csv/csv-write.ts';

/** What a spreadsheet could take for a formula: a cell that starts (past spaces and a quote) with one of these. */
const runsAsFormula = (cell: string) => /^[ "]*[=+\-@\t\r]/.test(cell);

/** The worst reader: splits every line on the separator and ignores the quotes (Text to columns, a naive script). */
const naiveCells = (file: string, separator: string) => file.split(/\r?\n|\r/).flatMap((line) => line.split(separator));

describe('writing CSV that a spreadsheet will not run', () => {
  it('guards a formula after a semicolon or a line break inside a cell, not only at its start', () => {
    const line = csvLine(['Acme;=2+3;Inc', 'Call back\n=1+1', 'ok, @SUM(A1)', '=HYPERLINK("x")']);
    expect(line).toBe(`"Acme;'=2+3;Inc","Call back\n'=1+1","ok, '@SUM(A1)","'=HYPERLINK(""x"")"`);
  });

  it('leaves nothing a European spreadsheet (semicolons) or a comma one would read as a formula', () => {
    const file = csvDocument([csvLine(['Company', 'Notes']), csvLine(['Acme;=2+3;Inc', 'Spoke to Ana\n=1+1\r+cmd|x']), csvLine(['a;\t-1', "b; '=1"])]);
    for (const separator of [';', ',', '\t']) {
      for (const cell of naiveCells(file, separator)) expect(cell, `${JSON.stringify(cell)} split on ${JSON.stringify(separator)}`).not.toSatisfy(runsAsFormula);
      // And a reader that honours the quotes, as Excel set to semicolons does.
      const records = parse(file, { delimiter: separator, bom: true, relax_quotes: true, relax_column_count: true }) as string[][];
      for (const cell of records.flat()) expect(cell).not.toSatisfy(runsAsFormula);
    }
  });

  it('gives back exactly what was written when Nextcall reads its own CSV', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', "'", '=', '+', '-', '@', ';', ',', '\t', '\r', '\n', '"') }), (value) => {
        const records = parse(csvCell(value) || '""', { relax_quotes: true }) as string[][];
        expect(unguardCell(records[0]![0]!)).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('starts a file with a UTF-8 byte-order mark, so Excel shows José Müller, and ends each line with CRLF', () => {
    const file = csvDocument([csvLine(['Name']), csvLine(['José Müller'])]);
    expect([...new TextEncoder().encode(file).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.slice(1)).toBe('Name\r\nJosé Müller\r\n');
  });
});
