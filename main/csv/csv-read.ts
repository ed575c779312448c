import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { ApiError } from '../../shared/api-error.ts';

/**
 * CSV in, as files really come: UTF-8 with or without a byte-order mark, UTF-16 and UTF-32 with
 * or without one (Excel's "Unicode text"), Windows-1252 (Excel's plain "CSV" on Windows), and the
 * legacy code pages of other languages (Shift_JIS from a Japanese Outlook, ISO-8859-2…), as the
 * chardet library guesses them; comma, semicolon or tab. The encoding is an iconv-lite name,
 * lower-cased ("utf-8", "shift_jis", "windows-1252").
 */
export type CsvEncoding = string;
export type CsvDelimiter = ',' | ';' | '\t';

/** A stretch of a file's text, and how far into the file's bytes it reaches (for progress bars). */
export interface TextPiece {
  text: string;
  bytesEnd: number;
}

export interface DecodedCsv {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  /**
   * The text, a piece at a time, decoded as it is read: a large file is never one string (a
   * million rows are ~520 MB of UTF-16 when any is not ASCII). Each call decodes from the start.
   */
  pieces: () => Iterable<TextPiece>;
}

/** Bytes decoded at once: a piece of text small enough to be let go of once its rows are read. */
const PIECE_BYTES = 4 * 1024 * 1024;
/** Enough of the text to tell its delimiter by (detectDelimiter reads this much). */
const HEAD_BYTES = 64 * 1024;

/** Decodes the file in the encoding it is in, or in the one the team lead chose over our guess. */
export function decodeCsv(bytes: Uint8Array, chosenEncoding?: string): DecodedCsv {
  if (chosenEncoding !== undefined && !iconv.encodingExists(chosenEncoding)) {
    throw new ApiError('invalid-input', `"${chosenEncoding}" is not an encoding Nextcall knows: choose one such as utf-8, windows-1252 or shift_jis. Nothing was imported.`);
  }
  const encoding = chosenEncoding?.toLowerCase() ?? detectEncoding(bytes);
  const head = textOnly(decodeText(bytes.subarray(0, HEAD_BYTES), encoding), 0).text;
  return { encoding, delimiter: detectDelimiter(head), pieces: () => decodePieces(bytes, encoding) };
}

/** A text as a decoded file of one piece: what the CSV reader reads, for text already in memory. */
export function csvOfText(text: string, delimiter: CsvDelimiter = detectDelimiter(text), encoding: CsvEncoding = 'utf-8'): DecodedCsv {
  return { encoding, delimiter, pieces: () => [{ text, bytesEnd: text.length }] };
}

/** The whole text of a decoded file (for small files and tests: an import reads it by pieces). */
export function wholeText(csv: DecodedCsv): string {
  let text = '';
  for (const piece of csv.pieces()) text += piece.text;
  return text;
}

const isUtf8Name = (encoding: string) => encoding === 'utf-8' || encoding === 'utf8';

function decodeText(bytes: Uint8Array, encoding: CsvEncoding): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // UTF-8, most files, through Node's own decoder: iconv-lite's goes through a StringDecoder, some
  // 0.1-0.5 s for a 25 MB file where this is a copy. iconv-lite drops a byte-order mark by itself.
  return isUtf8Name(encoding) ? buffer.toString('utf8', hasUtf8Mark(bytes) ? 3 : 0) : iconv.decode(buffer, encoding);
}

function* decodePieces(bytes: Uint8Array, encoding: CsvEncoding): Generator<TextPiece> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8Name(encoding)) {
    // Cut just after a line feed: in UTF-8 that byte is never part of another character.
    for (let at = hasUtf8Mark(bytes) ? 3 : 0; at < buffer.length; ) {
      let cut = Math.min(at + PIECE_BYTES, buffer.length);
      if (cut < buffer.length) {
        const lf = buffer.indexOf(LF, cut);
        cut = lf === -1 ? buffer.length : lf + 1;
      }
      yield textOnly(buffer.toString('utf8', at, cut), cut);
      at = cut;
    }
    return;
  }
  // Other encodings through iconv-lite's streaming decoder, which carries a character cut in two.
  const decoder = iconv.getDecoder(encoding);
  for (let at = 0; at < buffer.length; at += PIECE_BYTES) {
    const cut = Math.min(at + PIECE_BYTES, buffer.length);
    const text = decoder.write(buffer.subarray(at, cut)) + (cut === buffer.length ? (decoder.end() ?? '') : '');
    yield textOnly(text, cut);
  }
}

function textOnly(text: string, bytesEnd: number): TextPiece {
  if (text.includes('\u0000')) {
    throw new ApiError('invalid-input', 'The file is not text in an encoding Nextcall reads (UTF-8, UTF-16 or Windows-1252): save it from your spreadsheet as CSV. Nothing was imported.');
  }
  return { text, bytesEnd };
}

/** How much of the file chardet looks at: enough for its statistics, not the whole of a big file. */
const CHARDET_SAMPLE = 64 * 1024;

export function detectEncoding(bytes: Uint8Array): CsvEncoding {
  // Byte-order marks first: UTF-32's LE mark begins with UTF-16's.
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return 'utf-32le';
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return 'utf-32be';
  if (hasUtf8Mark(bytes)) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const unmarked = unmarkedUnicode(bytes.subarray(0, 4096));
  if (unmarked) return unmarked;
  // Not UTF-8 is a legacy code page, which only statistics can tell apart.
  if (isUtf8(bytes)) return 'utf-8';
  const guess = chardet
    .analyse(bytes.subarray(0, CHARDET_SAMPLE))
    .map((match) => match.name.toLowerCase())
    .find((name) => !name.startsWith('utf') && iconv.encodingExists(name));
  // ISO-8859-1 is Windows-1252 less the characters Excel writes in 0x80–0x9F (€, curly quotes).
  if (!guess || guess === 'iso-8859-1') return 'windows-1252';
  return guess;
}

function hasUtf8Mark(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * UTF-16 or UTF-32 without a mark: ASCII text has zeros at fixed positions of every 2 or 4
 * bytes. Text from Excel or a CRM is mostly ASCII, so those positions are mostly zeros.
 */
function unmarkedUnicode(sample: Uint8Array): CsvEncoding | null {
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) zeros[i % 4]!++;
  const quarter = sample.length / 4;
  const many = (n: number) => n > quarter * 0.3;
  const few = (n: number) => n < quarter * 0.05;
  const [z0, z1, z2, z3] = zeros as [number, number, number, number];
  if (few(z0) && many(z1) && many(z2) && many(z3)) return 'utf-32le';
  if (many(z0) && many(z1) && many(z2) && few(z3)) return 'utf-32be';
  if (few(z0) && few(z2) && many(z1) && many(z3)) return 'utf-16le';
  if (many(z0) && many(z2) && few(z1) && few(z3)) return 'utf-16be';
  return null;
}

/**
 * Comma, semicolon (European Excel) or tab: whichever the header line uses most, outside quotes.
 * A line with none (a one-column header, LinkedIn's "Notes:" above the header) tells nothing:
 * the next line that has one decides.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const candidates: CsvDelimiter[] = [',', ';', '\t'];
  const lines = text.slice(0, 64 * 1024).split(/\r\n|\r|\n/, 20);
  for (const line of lines) {
    const unquoted = line.replace(/"[^"]*"/g, '');
    const counts = candidates.map((d) => unquoted.split(d).length - 1);
    const most = Math.max(...counts);
    if (most > 0) return candidates[counts.indexOf(most)]!;
  }
  return ',';
}

export interface CsvRecord {
  fields: string[];
  /** 1-based line in the file where the record ends (a quoted newline spans lines). */
  line: number;
  /** Where the record ends in the file's bytes (in proportion within its piece): how far an import has read, for its progress bar. */
  end: number;
}

/**
 * More columns than any CRM export has: a line past it is not a table (a file of commas would
 * otherwise become an array of millions of empty cells before a single row is read).
 */
export const MAX_COLUMNS = 10_000;

const QUOTE = 34;
const CR = 13;
const LF = 10;
const SPACE = 32;

/**
 * The records of a decoded file, one at a time: blank lines skipped, ragged rows allowed.
 *
 * Every row may end its own way: CRLF, LF or a lone CR (files pasted together from Windows,
 * Unix and old Mac sources do mix them), and each counts as one line, inside quotes too, so a
 * reported line is the one an editor shows. A file we cannot read as a table is refused at the
 * line at fault, in words; a row is never folded into another.
 *
 * The text comes in pieces (decodeCsv): a record a piece cuts in two is read again whole, with
 * the next piece, so the pieces' edges change nothing of what is read.
 */
export function* csvRecords(csv: DecodedCsv, fileName: string): Generator<CsvRecord> {
  const delimiter = csv.delimiter.charCodeAt(0);
  const refuse = (why: string) => new ApiError('invalid-input', `${fileName} is not a readable CSV file: ${why}.`);
  const pieces = csv.pieces()[Symbol.iterator]();
  let line = 1;
  let carry = '';
  let bytesBefore = 0;
  let atStart = true;

  for (let next = pieces.next(); !next.done; ) {
    const piece = next.value;
    next = pieces.next();
    const last = next.done === true;
    let text = carry + piece.text;
    if (atStart && text.length > 0) {
      atStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const end = text.length;
    // Where a record ends in the file's bytes, in proportion within its piece: for the progress bar.
    const carried = text.length - piece.text.length;
    const bytesAt = (pos: number) => bytesBefore + Math.round((Math.max(pos - carried, 0) * (piece.bytesEnd - bytesBefore)) / Math.max(piece.text.length, 1));
    let pos = 0;
    // A record that reaches the end of a piece that is not the last waits for the next one.
    let unfinished = -1;

    records: while (pos < end) {
      const start = pos;
      const startLine = line;
      const fields: string[] = [];
      for (;;) {
        // One field, then what ends it: a delimiter (another field follows), a line ending or the end of the file.
        let at = pos;
        while (at < end && text.charCodeAt(at) === SPACE) at++;
        if (at < end && text.charCodeAt(at) === QUOTE) {
          // The closing quote is the first one not doubled. The doubled ones are undone in one pass
          // at the end, not piece by piece: a cell of a million "" would otherwise be a million strings.
          let close = text.indexOf('"', at + 1);
          let doubled = false;
          while (close !== -1 && text.charCodeAt(close + 1) === QUOTE) {
            doubled = true;
            close = text.indexOf('"', close + 2);
          }
          if (!last && (close === -1 || close + 1 === end)) {
            unfinished = start;
            line = startLine;
            break records;
          }
          if (close === -1) throw refuse(`the quote opened on line ${line} is never closed`);
          line += lineBreaks(text, at + 1, close);
          const value = doubled ? text.slice(at + 1, close).replaceAll('""', '"') : text.slice(at + 1, close);
          pos = close + 1;
          while (pos < end && text.charCodeAt(pos) === SPACE) pos++;
          if (!last && pos === end) {
            unfinished = start;
            line = startLine;
            break records;
          }
          const next = pos < end ? text.charCodeAt(pos) : delimiter;
          if (next !== delimiter && next !== CR && next !== LF) {
            const after = text.slice(pos, pos + 40).split(/[\r\n]/)[0]!.split(csv.delimiter)[0]!;
            throw refuse(`on line ${line}, the quoted value "${shorten(value)}" is followed by "${shorten(after)}" in the same cell (a quote inside a quoted value is written twice: "")`);
          }
          fields.push(value);
        } else {
          // Unquoted: up to the delimiter or the line's end. A quote inside is kept as written.
          let stop = pos;
          for (; stop < end; stop++) {
            const c = text.charCodeAt(stop);
            if (c === delimiter || c === CR || c === LF) break;
          }
          if (!last && stop === end) {
            unfinished = start;
            line = startLine;
            break records;
          }
          fields.push(text.slice(pos, stop));
          pos = stop;
        }
        if (fields.length > MAX_COLUMNS) throw refuse(`line ${line} has more than ${MAX_COLUMNS.toLocaleString('en-US')} columns`);
        if (pos < end && text.charCodeAt(pos) === delimiter) {
          pos++;
          continue;
        }
        break;
      }
      const recordLine = line;
      if (pos < end) {
        // CRLF, LF or CR: whichever this row ends with (a CR at a piece's end may have its LF in the next).
        if (text.charCodeAt(pos) === CR && pos + 1 === end && !last) {
          unfinished = start;
          line = startLine;
          break;
        }
        if (text.charCodeAt(pos) === CR && text.charCodeAt(pos + 1) === LF) pos++;
        pos++;
        line++;
      }
      // A blank line, or one of empty cells (",,,"), is no row.
      if (fields.some((f) => f.length !== 0 && f.trim() !== '')) yield { fields, line: recordLine, end: bytesAt(pos) };
    }
    carry = unfinished === -1 ? '' : text.slice(unfinished);
    bytesBefore = piece.bytesEnd;
  }
}

/** Line endings in text[from, to): CRLF, LF and CR each count once. */
function lineBreaks(text: string, from: number, to: number): number {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) breaks++;
    else if (c === CR) {
      breaks++;
      if (text.charCodeAt(i + 1) === LF) i++;
    }
  }
  return breaks;
}

function shorten(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
