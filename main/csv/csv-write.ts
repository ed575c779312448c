/**
 * CSV out. Every CSV Nextcall writes goes through here: cells are quoted when they need to be,
 * and nothing in a cell can become a formula when a spreadsheet opens the file.
 *
 * OWASP's advice against CSV injection is that no cell may begin with = + - @, a tab or a
 * carriage return, and that this is not enough on its own: a separator inside a value (a
 * comma, a semicolon, a tab, a line break) starts a new cell for a spreadsheet that splits on
 * it (European Excel splits on semicolons; a "Text to columns" or a naive reader ignores the
 * quotes), and what follows the separator is then the start of a cell. So an apostrophe goes in
 * front of a formula character at the start of the value and after every separator in it
 * (spaces between the two are skipped, as spreadsheets skip them), and the cell is quoted.
 * `Acme;=2+3;Inc` is written `"Acme;'=2+3;Inc"`. An apostrophe the value already had in such a
 * place gets one more, so the importer's `unguardCell` gives back exactly what was written.
 */
/** Excel reads a CSV without this mark as the machine's code page: "JosÃ© MÃ¼ller". */
export const UTF8_BOM = '\uFEFF';

type CellValue = string | number | boolean | null | undefined;

export function csvCell(value: CellValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? guardFormulas(value) : String(value);
  // Quoted whenever it holds a separator, so a spreadsheet that honours quotes keeps it one cell.
  return /[",;\t\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly CellValue[]): string {
  return values.map(csvCell).join(',');
}

/** A whole CSV file: the byte-order mark, then the lines, each ended by CRLF (RFC 4180). */
export function csvDocument(lines: readonly string[]): string {
  return `${UTF8_BOM}${lines.map((line) => `${line}\r\n`).join('')}`;
}

/**
 * The places where a spreadsheet could see a cell start: the value's start, and just after each
 * separator; then the spaces it would skip, and the apostrophes already there, before a formula
 * character. A separator is matched, a formula character only looked at: a tab or a carriage
 * return is both, and the place after it is the next match. (Two expressions, as one with `^|`
 * would match empty at the start and step over a separator standing there.)
 */
const AT_START = /^( *)('*)(?=[=+\-@\t\r])/;
const AFTER_SEPARATOR = /([,;\t\r\n])( *)('*)(?=[=+\-@\t\r])/g;
const GUARDED_START = /^( *)'('*)(?=[=+\-@\t\r])/;
const GUARDED_AFTER_SEPARATOR = /([,;\t\r\n])( *)'('*)(?=[=+\-@\t\r])/g;

function guardFormulas(text: string): string {
  // Most cells (names, emails, ids) hold no formula character at all: nothing to look for.
  if (!/[=+\-@\t\r]/.test(text)) return text;
  return text.replace(AT_START, "$1'$2").replace(AFTER_SEPARATOR, "$1$2'$3");
}

/** Undoes csvCell's formula guard on the way back in: one apostrophe less wherever it added one. */
export function unguardCell(text: string): string {
  return text.includes("'") ? text.replace(GUARDED_AFTER_SEPARATOR, '$1$2$3').replace(GUARDED_START, '$1$2') : text;
}
