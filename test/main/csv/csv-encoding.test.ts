import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsv, detectDelimiter, wholeText } from '../../../main/csv/csv-read.ts';

const SHEET = [
  'Nazwisko,Imię,Firma,Miasto,Telefon',
  'Łukasiewicz,Żaneta,Przedsiębiorstwo Handlowe Łódź,Łódź,+48 42 123 45 67',
  'Wójcik,Grzegorz,Spółdzielnia Mleczarska,Kraków,+48 12 345 67 89',
  'Zieliński,Małgorzata,Zakład Usług Różnych,Gdańsk,+48 58 123 45 67',
  'Szczęsny,Józef,Hurtownia Źródło,Wrocław,+48 71 234 56 78',
  '',
].join('\n');
const JAPANESE = '姓,名,電話\n名無し,権兵衛,03-1234-5678\n山田,太郎,06-1234-5678\n';

describe('the encoding of a CSV file, guessed and overridable', () => {
  it.each([
    ['Shift_JIS (a Japanese Outlook or Thunderbird)', 'shift_jis', JAPANESE],
    ['ISO-8859-2 (Polish, Czech)', 'iso-8859-2', SHEET],
    ['Windows-1250 (Central European Excel)', 'windows-1250', SHEET],
    ['UTF-16LE without a mark', 'utf-16le', SHEET],
    ['UTF-16BE without a mark', 'utf-16be', SHEET],
    ['UTF-32LE without a mark', 'utf-32le', SHEET],
    ['UTF-32BE without a mark', 'utf-32be', SHEET],
  ])('reads %s', (_, encoding, text) => {
    const decoded = decodeCsv(iconv.encode(text, encoding));
    expect(decoded.encoding).toBe(encoding);
    expect(wholeText(decoded)).toBe(text);
  });

  it.each([
    ['UTF-32LE', 'utf-32le'],
    ['UTF-16LE', 'utf-16le'],
    ['UTF-8', 'utf-8'],
  ])('reads %s with a byte-order mark, the mark dropped', (_, encoding) => {
    const decoded = decodeCsv(iconv.encode(SHEET, encoding, { addBOM: true }));
    expect(decoded.encoding).toBe(encoding);
    expect(wholeText(decoded)).toBe(SHEET);
  });

  it.each([['utf-8'], ['shift_jis'], ['utf-16le'], ['windows-1252']])('reads a file of many pieces in %s as one text, no character cut at a piece\'s edge', (encoding) => {
    // Some 10 MB: more than two of the pieces a file is decoded in, with a multi-byte character at every offset.
    const line = encoding === 'windows-1252' ? 'Élodie,Müller,"Lyon, Rhône",+33 1 99 00 12 34\n' : '山田,太郎,"東京, 日本",+81 3 1234 5678,メモ\n';
    const text = `First,Last,City,Phone\n${line.repeat(Math.ceil(10_000_000 / line.length / (encoding === 'utf-16le' ? 2 : 1)))}`;
    const decoded = decodeCsv(iconv.encode(text, encoding), encoding);
    // Compared whole, not with toBe: a 10 MB difference would be printed in full.
    expect(wholeText(decoded) === text).toBe(true);
    expect([...decoded.pieces()].length).toBeGreaterThan(1);
  });

  it('reads the file in the encoding the team lead chose over the guess', () => {
    const bytes = iconv.encode('Nom,Téléphone\nÉlodie,+33 1 99 00 12 34\n', 'windows-1252');
    expect(wholeText(decodeCsv(bytes, 'iso-8859-1'))).toContain('Élodie');
    expect(wholeText(decodeCsv(bytes, 'utf-8'))).not.toContain('Élodie');
    expect(() => decodeCsv(bytes, 'klingon')).toThrow(/"klingon" is not an encoding Nextcall knows.*Nothing was imported/);
  });
});

describe('the delimiter of a file whose first line has none', () => {
  it('is told by the next line that has one (a notes preamble, a one-column header)', () => {
    expect(detectDelimiter('Notes:\n"Some e-mails are missing, as set by each member."\n\nFirst Name;Last Name;Phone\nAda;Lovelace;+441234\n')).toBe(';');
    expect(detectDelimiter('Phone Number\n;\r\n')).toBe(';');
    expect(detectDelimiter('Phone\n+12125550100\n')).toBe(',');
  });
});
