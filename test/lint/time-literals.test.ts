import { describe, expect, it } from 'vitest';
import { lintMessages } from '../helpers/lint-messages.ts';

const timeViolations = (path: string, code: string) => lintMessages(path, code, 'no-restricted-syntax');

describe('lengths of time are named once, in shared/time-units.ts', () => {
  const bare = [
    'export const A = 60_000;',
    'export const B = 3_600_000;',
    'export const C = 86_400_000;',
    'export const D = 24 * 60 * 60 * 1000;',
    'export const E = (n: number) => n * 1000;',
    'export const F = 24 * 60;',
  ].join('\n');

  for (const path of ['main/queue/x.ts', 'main/new-folder/x.ts', 'shared/x.ts', 'renderer/src/components/x.tsx', 'renderer/src/store/x.ts']) {
    it(`${path} may not spell one out (60_000, 24 * 60, n * 1000…)`, async () => {
      const messages = await timeViolations(path, bare);
      // D is caught twice over (24 * 60 and * 1000): at least one message per line.
      expect(messages.length).toBeGreaterThanOrEqual(6);
      expect(messages[0]).toContain('shared/time-units.ts');
    });
  }

  it('shared/time-units.ts itself defines them', async () => {
    expect(await timeViolations('shared/time-units.ts', bare)).toEqual([]);
  });

  it('the named units pass, and so do numbers that are not time', async () => {
    const code = [
      "import { DAY_MS, MINUTE_MS, SECOND_MS } from './time-units.ts';",
      'export const A = 15 * MINUTE_MS;',
      'export const B = (days: number) => days * DAY_MS;',
      'export const C = (seconds: number) => seconds * SECOND_MS;',
      'export const LIMIT = 1_000;',
      'export const thousands = (k: number) => Math.floor(k / 1000);',
    ].join('\n');
    expect(await timeViolations('shared/x.ts', code)).toEqual([]);
  });
});
