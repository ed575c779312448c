import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { testCore } from '../../helpers/test-core.ts';

/** Nine of the previous, eight times over: 9^8 = 43 million copies of "lol" from ten short lines. */
function aliasBomb(indent = ''): string {
  const lines = [`${indent}a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`];
  for (let i = 1; i <= 8; i++) lines.push(`${indent}a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
  return lines.join('\n');
}

const SCRIPT_HEAD = `id: tiny
name: Tiny
steps:
  - id: fit
    ask: Is it a fit?
    type: yes-no
`;

function setup() {
  const core = testCore();
  const dispatch = createDispatcher(createHandlers(core), () => undefined);
  return { core, dispatch };
}

describe('YAML that expands past all reason', () => {
  it('refuses an alias bomb in a script as invalid input, naming the line, and changes nothing', async () => {
    const { dispatch } = setup();
    const before = await dispatch('scripts.list', {});
    const text = `${SCRIPT_HEAD}openers:\n  - say: Hello\n${aliasBomb()}\n`;
    for (const method of ['scripts.validate', 'scripts.import'] as const) {
      const result = await dispatch(method, { fileName: 'bomb.yaml', text });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      // a1's aliases add 90 values, a2's 819, a3's 7,380: a4's first alias (line 13) passes 10,000.
      expect(!result.ok && result.error.message).toMatch(/^bomb\.yaml is not a valid script: \(syntax\) \(line 13: the aliases expand the file past 10,000 values/);
    }
    expect(await dispatch('scripts.list', {})).toEqual(before);
  });

  it('refuses an alias inside its own anchor, and an alias with no anchor', async () => {
    const { dispatch } = setup();
    const loop = await dispatch('scripts.validate', { fileName: 'loop.yaml', text: `${SCRIPT_HEAD}openers: &o\n  - say: Hello\n  - *o\n` });
    expect(!loop.ok && loop.error.message).toMatch(/line 9: the alias \*o is inside its own anchor/);
    const stray = await dispatch('scripts.validate', { fileName: 'stray.yaml', text: `${SCRIPT_HEAD}openers:\n  - say: *hello\n` });
    expect(!stray.ok && stray.error).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/line 8: the alias \*hello has no anchor/) });
  });

  it('refuses an alias bomb in a dispositions file with its line, and keeps the dispositions in use', async () => {
    const { dispatch } = setup();
    const before = await dispatch('dispositions.list', {});
    const text = `${aliasBomb('- ').split('\n').map((line, i) => (i === 0 ? line : line.replace(/^- /, '  '))).join('\n')}\n`;
    const result = await dispatch('dispositions.import', { fileName: 'bomb.yaml', text });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/^bomb\.yaml is not readable YAML or JSON \(line 5\): the aliases expand/) } });
    expect(await dispatch('dispositions.list', {})).toEqual(before);
  });

  it('accepts a file that uses one anchor a hundred times', async () => {
    const { dispatch } = setup();
    const openers = Array.from({ length: 100 }, () => '  - say: *hello').join('\n');
    const text = `${SCRIPT_HEAD}openers:\n  - say: &hello "Hi {{lead.firstName}}, thanks for your time"\n${openers}\n`;
    expect(await dispatch('scripts.import', { fileName: 'friendly.yaml', text })).toMatchObject({ ok: true, value: { id: 'tiny', version: 1 } });
    const active = await dispatch('scripts.active', {});
    expect(active.ok && (active.value as { script: { openers: unknown[] } }).script.openers).toHaveLength(101);
  });
});
