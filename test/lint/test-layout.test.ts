import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SOURCES = ['main', 'shared', 'renderer'];

const filesUnder = (dir: string): string[] =>
  existsSync(join(root, dir)) ? readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)) : [];

describe('tests mirror the source tree', () => {
  // A test of main/leads/call-lists.ts lives in test/main/leads/: whoever changes a file finds its
  // tests at once, and a test named after a file sits beside that file's path, not another's.
  const tests = SOURCES.flatMap((source) => filesUnder(join('test', source))).filter((f) => f.endsWith('.test.ts'));
  const sourceFiles = SOURCES.flatMap(filesUnder).filter((f) => /\.tsx?$/.test(f) && !f.startsWith('node_modules'));

  it('finds the tests it checks', () => {
    expect(tests.length).toBeGreaterThan(10);
  });

  for (const test of tests) {
    it(`${test} sits under the folder it tests`, () => {
      const mirrored = relative('test', dirname(test));
      expect(existsSync(join(root, mirrored)), `${test}: there is no source folder ${mirrored}/ — move the test beside what it tests (git mv).`).toBe(true);
      const name = test.replace(/^.*\//, '').replace(/\.test\.ts$/, '');
      const namesakes = sourceFiles.filter((f) => f.replace(/^.*\//, '').replace(/\.tsx?$/, '') === name);
      if (namesakes.length > 0 && !namesakes.some((f) => dirname(f) === mirrored)) {
        expect.fail(`${test} is named after ${namesakes.join(', ')}: move it to test/${dirname(namesakes[0]!)}/ (git mv).`);
      }
    });
  }
});
