import { describe, expect, it } from 'vitest';
import { parseScript } from '../../../main/scripts/parse-script.ts';

const CODES = ['qualified', 'not-interested'];
const VALID = `id: tiny
name: Tiny
openers:
  - say: Hello
steps:
  - id: fit
    ask: Is it a fit?
    type: yes-no
criteria:
  - id: fit
    label: Fit
    when: { answer: fit, equals: "yes" }
recommend:
  - disposition: qualified
    all: [fit]
`;

const problems = (text: string) => {
  const parsed = parseScript(text, CODES);
  return parsed.ok ? [] : parsed.problems;
};

describe('reading a script file', () => {
  it('accepts a valid YAML script, and the same as JSON', () => {
    expect(parseScript(VALID, CODES).ok).toBe(true);
    const json = JSON.stringify({ id: 'tiny', name: 'Tiny', openers: [{ say: 'Hello' }], steps: [{ id: 'fit', ask: 'Fit?', type: 'yes-no' }] }, null, 2);
    expect(parseScript(json, CODES).ok).toBe(true);
  });

  it('names the line and field of a wrong value', () => {
    expect(problems(VALID.replace('type: yes-no', 'type: maybe'))).toEqual([
      { line: 8, field: 'steps.0.type', message: expect.stringContaining('Invalid option') },
    ]);
  });

  it('names the line of a syntax error', () => {
    expect(problems(VALID.replace('  - say: Hello', '  - say: [Hello'))[0]).toMatchObject({ field: '(syntax)', line: expect.any(Number) });
  });

  it('names a missing field at its parent', () => {
    expect(problems(VALID.replace('name: Tiny\n', ''))).toEqual([{ line: 1, field: 'name', message: expect.any(String) }]);
  });

  it('refuses steps that do not hang together', () => {
    const broken = VALID.replace('    type: yes-no', '    type: yes-no\n    branches:\n      maybe: nowhere\n    next: ghost');
    expect(problems(broken).map((p) => [p.line, p.field, p.message])).toEqual([
      [11, 'steps.0.next', 'there is no step "ghost"'],
      [10, 'steps.0.branches.maybe', 'there is no step "nowhere"'],
      [10, 'steps.0.branches.maybe', '"maybe" is not an answer to this question (yes, no)'],
    ]);
  });

  it('refuses a recommendation of an unknown disposition or criterion, and a criterion on an unknown question', () => {
    const broken = VALID.replace('disposition: qualified', 'disposition: hired').replace('all: [fit]', 'all: [fit, money]').replace('answer: fit,', 'answer: fitness,');
    expect(problems(broken).map((p) => p.field)).toEqual(['criteria.0.when.answer', 'recommend.0.disposition', 'recommend.0.all.1']);
  });

  it('refuses a loop', () => {
    const looping = VALID.replace('    type: yes-no', '    type: yes-no\n    next: fit');
    expect(problems(looping)).toEqual([{ line: 5, field: 'steps', message: 'the steps form a loop: a question leads back to an earlier one' }]);
  });

  it('names an alias to a missing anchor, or a file of multiplied aliases, as a problem in the file (found by the API fuzzing)', () => {
    expect(problems(`${VALID}extra: *nowhere\n`)).toEqual([{ line: null, field: '(syntax)', message: expect.stringContaining('Unresolved alias') }]);
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((name, i) => `${name}: &${name} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    expect(problems(laughs)).toEqual([{ line: null, field: '(syntax)', message: expect.stringContaining('alias') }]);
  });
});
