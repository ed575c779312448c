import { chromium } from '@playwright/test';
import { startHost } from '../e2e/web-host.ts';

/**
 * Key press on a disposition → the next lead painted, in Debian's Chromium against the web host:
 * the whole path a rep feels (key handler, API call, transaction, next pick, render, paint).
 * Beside it, in the same page and run, the floor: a key press that makes the cheapest API call
 * and paints.
 */
export interface LatencyResult {
  keypressToNextLead: number[];
  floor: number[];
}

declare global {
  interface Window {
    nextcallBench: { disposition(): Promise<number>; floor(token: string): Promise<number> };
  }
}

export async function measureKeypressLatency(dataDir: string, clock: string, samples: number): Promise<LatencyResult> {
  const host = await startHost(dataDir, clock);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(host.url);
    await page.waitForSelector('main.call-screen');
    await page.evaluate(() => {
      // The frame that shows a change: its animation-frame callback runs just before it is painted.
      const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
      const press = (key: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      window.nextcallBench = {
        async disposition() {
          const root = document.getElementById('root')!;
          const before = document.querySelector<HTMLElement>('main.call-screen')?.dataset.leadId;
          const changed = new Promise<void>((resolve) => {
            const observer = new MutationObserver(() => {
              const now = document.querySelector<HTMLElement>('main.call-screen')?.dataset.leadId;
              if (now && now !== before) {
                observer.disconnect();
                resolve();
              }
            });
            observer.observe(root, { subtree: true, attributes: true, childList: true });
          });
          const t0 = performance.now();
          press('1');
          await changed;
          await painted();
          return performance.now() - t0;
        },
        async floor(token: string) {
          const t0 = performance.now();
          await fetch('/api/prefs.get', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' });
          await painted();
          return performance.now() - t0;
        },
      };
    });
    const result: LatencyResult = { keypressToNextLead: [], floor: [] };
    for (let i = 0; i < samples; i++) {
      result.keypressToNextLead.push(await page.evaluate(() => window.nextcallBench.disposition()));
      result.floor.push(await page.evaluate((token) => window.nextcallBench.floor(token), host.token));
    }
    return result;
  } finally {
    await browser.close();
    await host.stop();
  }
}
