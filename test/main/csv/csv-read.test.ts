import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvOfText, csvRecords, detectDelimiter, MAX_COLUMNS, type CsvDelimiter, type CsvRecord } from '../../../main/csv/csv-read.ts';
import { ApiError } from '../../../shared/api-error.ts';

const read = (text: string, delimiter: CsvDelimiter = ','): CsvRecord[] => [...csvRecords(csvOfText(text, delimiter), 'leads.csv')];
const fieldsOf = (text: string, delimiter: CsvDelimiter = ',') => read(text, delimiter).map((r) => r.fields);
const refusal = (text: string): string => {
  try {
    read(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return (error as Error).message;
  }
  throw new Error('the file was read');
};

const ENDINGS = ['\r\n', '\n', '\r'] as const;

/** Cells with everything that makes CSV hard: delimiters, quotes, line endings, spaces, accents. */
const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '7', 'é', '王', ' ', ',', ';', '\t', '"', '\r', '\n', "'", '+'), maxLength: 8 });
const row = fc.array(cell, { minLength: 1, maxLength: 6 }).filter((cells) => cells.some((c) => c.trim() !== ''));

/** Writes a table as a spreadsheet might: quotes where needed (and sometimes where not), any line ending on any row. */
function write(rows: { cells: string[]; quoteAll: boolean; ending: string }[], delimiter: CsvDelimiter): string {
  return rows
    .map(({ cells, quoteAll, ending }) => {
      const written = cells.map((c) => (quoteAll || /[,;\t"\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c));
      return written.join(delimiter) + ending;
    })
    .join('');
}

/** The line each row ends on, counted the way an editor shows them: CRLF, LF and CR are one line each. */
function endLines(rows: { cells: string[]; ending: string }[], delimiter: CsvDelimiter): number[] {
  let line = 1;
  return rows.map(({ cells, ending }) => {
    line += (write([{ cells, quoteAll: true, ending: '' }], delimiter).match(/\r\n|\r|\n/g) ?? []).length;
    const end = line;
    if (ending) line++;
    return end;
  });
}

describe('reading CSV records', () => {
  it('reads any line ending on any row, with every cell and the line an editor shows (random tables)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<CsvDelimiter>(',', ';', '\t'),
        fc.array(fc.record({ cells: row, quoteAll: fc.boolean(), ending: fc.constantFrom<string>(...ENDINGS) }), { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        (delimiter, rows, endsWithoutNewline) => {
          if (endsWithoutNewline) rows[rows.length - 1]!.ending = '';
          const records = read(write(rows, delimiter), delimiter);
          expect(records.map((r) => r.fields)).toEqual(rows.map((r) => r.cells));
          expect(records.map((r) => r.line)).toEqual(endLines(rows, delimiter));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads the same records whatever pieces the text arrives in (a large file is decoded piece by piece)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<CsvDelimiter>(',', ';', '\t'),
        fc.array(fc.record({ cells: row, quoteAll: fc.boolean(), ending: fc.constantFrom<string>(...ENDINGS) }), { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (delimiter, rows, cuts) => {
          const text = write(rows, delimiter);
          const edges = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const pieces = [0, ...edges, text.length].slice(1).map((to, i, all) => ({ text: text.slice(i === 0 ? 0 : all[i - 1], to), bytesEnd: to }));
          const inPieces = [...csvRecords({ encoding: 'utf-8', delimiter, pieces: () => pieces }, 'leads.csv')];
          const whole = read(text, delimiter);
          expect(inPieces.map((r) => [r.fields, r.line])).toEqual(whole.map((r) => [r.fields, r.line]));
          // Where each record ends, for the progress bar: forward only, within the text.
          const ends = inPieces.map((r) => r.end);
          expect(ends).toEqual([...ends].sort((a, b) => a - b));
          expect(Math.max(0, ...ends)).toBeLessThanOrEqual(text.length);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('refuses a quote that never closes in the same words when the file comes in pieces', () => {
    const pieces = ['Name,Phone\n"Mia,+1212', '5550100\nBob,+12125550101\n'].map((text, i) => ({ text, bytesEnd: i + 1 }));
    expect(() => [...csvRecords({ encoding: 'utf-8', delimiter: ',', pieces: () => pieces }, 'leads.csv')]).toThrow('the quote opened on line 2 is never closed');
  });

  it('reads what csv-parse reads in a file with one line ending throughout', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), fc.constantFrom('\r\n', '\n'), (rows, ending) => {
        const text = write(
          rows.map((cells) => ({ cells, quoteAll: false, ending })),
          ',',
        );
        const theirs = parse(text, { delimiter: ',', relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true }) as string[][];
        expect(fieldsOf(text)).toEqual(theirs);
      }),
      { numRuns: 200 },
    );
  });

  it('reads the rows after a CRLF header as rows when they end in LF, and the other way round', () => {
    expect(fieldsOf('Name,Phone\r\nAda,+12125550100\nBob,+12125550101\n')).toEqual([
      ['Name', 'Phone'],
      ['Ada', '+12125550100'],
      ['Bob', '+12125550101'],
    ]);
    // A header in LF, rows in CRLF with quoted cells: refused as "Invalid Closing Quote" before.
    expect(fieldsOf('Name,Phone\n"Ada","+12125550100"\r\n"Bob","+12125550101"\r\n')).toEqual([
      ['Name', 'Phone'],
      ['Ada', '+12125550100'],
      ['Bob', '+12125550101'],
    ]);
    // Old Mac files end lines with a lone CR.
    expect(read('Name,Phone\rAda,+12125550100\rBob,+12125550101').map((r) => [r.line, ...r.fields])).toEqual([
      [1, 'Name', 'Phone'],
      [2, 'Ada', '+12125550100'],
      [3, 'Bob', '+12125550101'],
    ]);
  });

  it('counts a CRLF inside a quoted cell as one line, so later rows keep their line numbers', () => {
    const records = read('Name,Company\r\nAda,"Analytical\r\nEngines"\r\nBob,Acme\r\n');
    expect(records.map((r) => r.line)).toEqual([1, 3, 4]);
    expect(records[1]!.fields).toEqual(['Ada', 'Analytical\r\nEngines']);
  });

  it('skips blank lines and lines of empty cells, and keeps ragged rows as they are', () => {
    expect(fieldsOf('a,b\n\n , \n,,\n"",""\n1\n1,2,3\n')).toEqual([['a', 'b'], ['1'], ['1', '2', '3']]);
  });

  it('keeps a quote inside an unquoted cell as written, and reads a quoted cell after spaces', () => {
    expect(fieldsOf('Name,Height\nAda,5\'11"\nBob, "Smith, Jr" \n')).toEqual([
      ['Name', 'Height'],
      ['Ada', '5\'11"'],
      ['Bob', 'Smith, Jr'],
    ]);
  });

  it('refuses, at its line, a quote that never closes and text after a closing quote', () => {
    expect(refusal('Name,Phone\nAda,+1\n"Bob\r\nsmith,+2\r\n')).toBe('leads.csv is not a readable CSV file: the quote opened on line 3 is never closed.');
    expect(refusal('Name,Phone\r\nAda,+1\r\n"Bob" Smith,+2\r\n')).toBe(
      'leads.csv is not a readable CSV file: on line 3, the quoted value "Bob" is followed by "Smith" in the same cell (a quote inside a quoted value is written twice: "").',
    );
  });

  it(`refuses a line of more than ${MAX_COLUMNS.toLocaleString('en-US')} columns, and reads one of 1,000`, () => {
    expect(read(`${'a,'.repeat(999)}a\n`)[0]!.fields).toHaveLength(1_000);
    expect(refusal(`Name,Phone\n${','.repeat(5_000_000)}\n`)).toBe('leads.csv is not a readable CSV file: line 2 has more than 10,000 columns.');
  });
});

describe('guessing the separator', () => {
  it('reads it from the header, and from the first rows when the header is one column', () => {
    expect(detectDelimiter('Name;Phone\nAda;+12125550100\n')).toBe(';');
    // Found by the importer fuzz: a one-column header over rows written with semicolons.
    expect(detectDelimiter('Mobile Phone Number\n"";"marketingqualifiedlead"\r\n')).toBe(';');
    expect(detectDelimiter('Phone\n+12125550100\t+12125550101\n')).toBe('\t');
    expect(detectDelimiter('Phone\n+12125550100\n')).toBe(',');
  });
});
