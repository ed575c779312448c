import { describe, expect, it } from 'vitest';
import { importProgressText, percentRead } from '../../../../renderer/src/components/import-progress-text.ts';

const MB = 1024 * 1024;
const progress = (bytesRead: number, totalBytes: number, rowsDone: number) => ({ fileName: 'leads.csv', rowsPerSecond: 0, bytesRead, totalBytes, rowsDone });

describe('the import progress words', () => {
  it('says the share read, the bytes of the file’s size and the rows', () => {
    expect(importProgressText(progress(3.1 * MB, 7.4 * MB, 41_200))).toBe('41% · 3.1 of 7.4 MB · 41,200 rows');
    expect(importProgressText(progress(7.4 * MB, 7.4 * MB, 98_000))).toBe('100% · 7.4 of 7.4 MB · 98,000 rows');
  });

  it('counts a small file in KB', () => {
    expect(importProgressText(progress(120 * 1024, 480 * 1024, 1))).toBe('25% · 120 of 480 KB · 1 row');
  });

  it('reaches 100% only when the whole file is read', () => {
    expect(percentRead(progress(MB - 1, MB, 0))).toBe(99);
    expect(percentRead(progress(MB, MB, 0))).toBe(100);
    expect(percentRead(progress(0, 0, 0))).toBe(100);
  });
});
