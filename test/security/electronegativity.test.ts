import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explanationsIn, SECURITY_DOC, stale, unexplained, type Finding } from './electronegativity.ts';

const finding = (check: string, file: string, line = 1): Finding => ({ check, file, line, description: '' });
const explanations = explanationsIn(readFileSync(SECURITY_DOC, 'utf8'));

describe('the security check’s explanations in SECURITY.md', () => {
  it('reads every row of the table, each with a check, a file, a count and a reason', () => {
    expect(explanations.length).toBeGreaterThan(0);
    for (const e of explanations) expect(e.why.length, e.check).toBeGreaterThan(40);
    expect(explanations).toContainEqual(expect.objectContaining({ check: 'AUXCLICK_JS_CHECK', file: 'main/index.js', count: 2 }));
  });

  it('passes the findings the table explains', () => {
    const today = [finding('CSP_GLOBAL_CHECK', 'renderer/index.html'), finding('AUXCLICK_JS_CHECK', 'main/index.js', 10), finding('AUXCLICK_JS_CHECK', 'main/index.js', 20), finding('PRELOAD_JS_CHECK', 'main/index.js')];
    expect(unexplained(today, explanations)).toEqual([]);
    expect(stale(today, explanations)).toEqual([]);
  });

  it('fails a new kind of finding, one in another file, and one more of a kind than the table counts', () => {
    const sandboxOff = finding('SANDBOX_JS_CHECK', 'main/index.js');
    const inPreload = finding('PRELOAD_JS_CHECK', 'preload/preload.cjs');
    const thirdWindow = [10, 20, 30].map((line) => finding('AUXCLICK_JS_CHECK', 'main/index.js', line));
    expect(unexplained([sandboxOff, inPreload, ...thirdWindow], explanations)).toEqual([sandboxOff, inPreload, ...thirdWindow]);
  });

  it('notes a row that no finding needs any more', () => {
    expect(stale([], explanations).map((e) => e.check)).toEqual(explanations.map((e) => e.check));
  });

  it('refuses a table row it cannot read, rather than explaining nothing', () => {
    const doc = (row: string) => `<!-- electronegativity:explained -->\n| check | file | count | why |\n|---|---|---|---|\n${row}\n<!-- /electronegativity:explained -->`;
    expect(() => explanationsIn(doc('| `X` | `a.js` | two | because |'))).toThrow(/not "\| check \| file \| count \| why \|"/);
    expect(() => explanationsIn('no table')).toThrow(/no table/);
    expect(explanationsIn(doc('| `X` | `a.js` | 1 | because it is fine |'))).toEqual([{ check: 'X', file: 'a.js', count: 1, why: 'because it is fine' }]);
  });
});
