/**
 * CSV out. Every cell is quoted when it needs to be, and a cell that a spreadsheet would run
 * as a formula (starting with = + - @, a tab or a carriage return) is prefixed with an
 * apostrophe, as OWASP advises against CSV injection. The importer strips that apostrophe
 * again, so an export round-trips.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  // Quoted too: a semicolon or a tab, which a spreadsheet set to split on them would otherwise
  // cut into a new cell that could start with a formula.
  return /[",;\t\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvCell).join(',');
}

/** Undoes csvCell's formula guard on the way back in. */
export function unguardCell(text: string): string {
  return text.length > 1 && text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
