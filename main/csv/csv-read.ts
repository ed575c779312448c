import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { ApiError } from '../../shared/api-error.ts';

/**
 * CSV in, as files really come: UTF-8 with or without a byte-order mark, UTF-16 (Excel's
 * "Unicode text"), or Windows-1252 (Excel's plain "CSV" on Windows); comma, semicolon or tab.
 */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type CsvDelimiter = ',' | ';' | '\t';

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
}

export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  const encoding = detectEncoding(bytes);
  // TextDecoder drops a byte-order mark by itself.
  const text = new TextDecoder(encoding).decode(bytes);
  if (text.includes('\u0000')) {
    throw new ApiError('invalid-input', 'The file is not text in an encoding Nextcall reads (UTF-8, UTF-16 or Windows-1252): save it from your spreadsheet as CSV. Nothing was imported.');
  }
  return { text, encoding, delimiter: detectDelimiter(text) };
}

export function detectEncoding(bytes: Uint8Array): CsvEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // UTF-16 without a mark: ASCII text has a zero in every other byte.
  // Text from Excel or a CRM has zeros in one of the two byte positions only; most characters
  // of a CSV are ASCII, so that position is mostly zeros.
  const sample = bytes.subarray(0, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) evenZeros++;
    else oddZeros++;
  }
  const pairs = sample.length / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    // Not valid UTF-8: Excel on Windows writes CSV in the Windows-1252 code page.
    return 'windows-1252';
  }
}

/** Comma, semicolon (European Excel) or tab: whichever the header line uses most, outside quotes. */
export function detectDelimiter(text: string): CsvDelimiter {
  const end = text.search(/\r?\n/);
  const header = (end === -1 ? text : text.slice(0, end)).replace(/"[^"]*"/g, '');
  const candidates: CsvDelimiter[] = [',', ';', '\t'];
  const counts = candidates.map((d) => header.split(d).length - 1);
  const best = counts.indexOf(Math.max(...counts));
  return candidates[best] ?? ',';
}

export interface CsvRecord {
  fields: string[];
  /** 1-based line in the file where the record ends (a quoted newline spans lines). */
  line: number;
}

/** The records of a decoded file, streamed: blank lines skipped, ragged rows allowed. */
export async function* csvRecords(csv: DecodedCsv, fileName: string): AsyncGenerator<CsvRecord> {
  // Fed in slices, so the parser holds a slice's records at a time rather than the whole file's.
  const parser = Readable.from(slices(csv.text, 64 * 1024)).pipe(
    parse({ delimiter: csv.delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true, info: true }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { fields: record, line: info.lines };
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
      const line = lineOfUnclosedQuote(csv.text, csv.delimiter);
      throw new ApiError('invalid-input', `${fileName} is not a readable CSV file: the quote opened on line ${line} is never closed.`);
    }
    const line = (error as CsvError & { lines?: number }).lines;
    throw new ApiError('invalid-input', `${fileName} is not a readable CSV file${line ? ` (line ${line})` : ''}: ${error.message}.`);
  }
}

function* slices(text: string, size: number): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/** Where the quoted field that never closes begins (the parser only knows where the file ends). */
export function lineOfUnclosedQuote(text: string, delimiter: string): number {
  let line = 1;
  let openedOn = 1;
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      } else if (c === '\n') line++;
      continue;
    }
    if (c === '"' && fieldStart) {
      quoted = true;
      openedOn = line;
    }
    if (c === '\n') line++;
    fieldStart = c === delimiter || c === '\n' || c === '\r';
  }
  return openedOn;
}
