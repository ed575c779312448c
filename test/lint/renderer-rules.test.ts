import { describe, expect, it } from 'vitest';
import { lintMessages } from '../helpers/lint-messages.ts';

const syntaxViolations = (path: string, code: string) => lintMessages(path, code, 'no-restricted-syntax');

describe('the renderer reaches main and the page by the front door', () => {
  it('has no callApi escape hatch: not in the store, not read by a screen', async () => {
    const inStore = "export const slice = (client: { call(): void }) => ({ callApi: client.call });\n";
    const inScreen = "declare function useApp<T>(f: (s: { callApi(): void }) => T): T;\nexport const call = () => useApp((s) => s.callApi);\n";
    for (const [path, code] of [
      ['renderer/src/store/app-store.ts', inStore],
      ['renderer/src/components/settings-panel.tsx', inScreen],
    ] as const) {
      const messages = await syntaxViolations(path, code);
      expect(messages.length, path).toBeGreaterThan(0);
      expect(messages.every((m) => m.includes('No callApi escape hatch')), path).toBe(true);
    }
  });

  it('clicks no button found by searching the whole document', async () => {
    const code = "export const dial = () => document.querySelector<HTMLAnchorElement>('a.call-button')?.click();\n";
    expect(await syntaxViolations('renderer/src/components/call-screen.tsx', code)).toEqual([expect.stringContaining('through a ref')]);
    // A search inside an element the component holds by its ref stays allowed.
    const scoped = "export const first = (list: HTMLElement | null) => list?.querySelector('button')?.focus();\n";
    expect(await syntaxViolations('renderer/src/components/lead-search.tsx', scoped)).toEqual([]);
  });
});
