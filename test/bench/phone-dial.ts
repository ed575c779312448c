import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost } from '../e2e/web-host.ts';
import { fakeMicrophoneArgs } from '../sip/phone-console.ts';
import { REP_PASSWORD, REP_USER, SIP_DOMAIN, startSipServer } from '../sip/sip-server.ts';

/**
 * Key press C → the INVITE leaves on the WebSocket, in Chromium against the web host and a real
 * Kamailio: the compliance check and dial record in main, the microphone opened, the offer made,
 * the INVITE written. Beside it, in the same page and run, the floor: a bare SIP OPTIONS round
 * trip to the same Kamailio over a WebSocket of its own.
 */
export interface PhoneDialResult {
  keyToInvite: number[];
  optionsRoundTrip: number[];
}

declare global {
  interface Window {
    phoneBench: { keyAt: number; inviteAt: number; options(url: string): Promise<number> };
  }
}

export async function measureKeyToInvite(samples: number): Promise<PhoneDialResult> {
  const sip = await startSipServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'nextcall-bench-phone-'));
  const host = await startHost(dataDir, '2026-11-23T15:00:00Z');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: fakeMicrophoneArgs() });
  try {
    // Nobody answers these numbers: the phone system says 480 and the next key logs the call.
    const rows = Array.from({ length: samples }, (_, i) => `${i + 1},Lead ${i + 1},+1212555${String(2000 + i).padStart(4, '0')},lead`);
    await host.call('leads.import', { fileName: 'bench.csv', data: Buffer.from(['Record ID,Name,Phone,Lifecycle Stage', ...rows].join('\n')).toString('base64') });
    await host.call('phone.save', { mode: 'softphone', server: sip.url, user: REP_USER, domain: SIP_DOMAIN, password: REP_PASSWORD });
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.addInitScript(() => {
      const bench = { keyAt: 0, inviteAt: 0, options: async (_: string) => 0 };
      window.phoneBench = bench;
      window.addEventListener('keydown', (event) => event.key === 'c' && (bench.keyAt = event.timeStamp), true);
      const send = WebSocket.prototype.send;
      WebSocket.prototype.send = function (this: WebSocket, data: Parameters<WebSocket['send']>[0]) {
        if (typeof data === 'string' && data.startsWith('INVITE ')) bench.inviteAt = performance.now();
        return send.call(this, data);
      };
      bench.options = (url) =>
        new Promise((resolve, reject) => {
          const socket = new WebSocket(url, 'sip');
          socket.onerror = () => reject(new Error('OPTIONS socket failed'));
          socket.onopen = () => {
            const branch = `z9hG4bK${Math.random().toString(36).slice(2)}`;
            const t0 = performance.now();
            socket.onmessage = (message) => {
              if (String(message.data).startsWith('SIP/2.0 200')) {
                resolve(performance.now() - t0);
                socket.close();
              }
            };
            socket.send(
              [
                `OPTIONS sip:${'nextcall.test'} SIP/2.0`,
                `Via: SIP/2.0/WS bench.invalid;branch=${branch}`,
                'Max-Forwards: 70',
                'To: <sip:nextcall.test>',
                `From: <sip:bench@nextcall.test>;tag=${branch.slice(7)}`,
                `Call-ID: ${branch}`,
                'CSeq: 1 OPTIONS',
                'Content-Length: 0',
                '',
                '',
              ].join('\r\n'),
            );
          };
        });
    });
    await page.goto(host.url);
    await page.getByTestId('line-status').filter({ hasText: 'Phone ready' }).waitFor();
    const result: PhoneDialResult = { keyToInvite: [], optionsRoundTrip: [] };
    for (let i = 0; i < samples; i++) {
      const leadId = await page.locator('main.call-screen').getAttribute('data-lead-id');
      await page.evaluate(() => (window.phoneBench.inviteAt = 0));
      await page.keyboard.press('c');
      await page.waitForFunction(() => window.phoneBench.inviteAt > 0);
      result.keyToInvite.push(await page.evaluate(() => window.phoneBench.inviteAt - window.phoneBench.keyAt));
      await page.locator('[data-testid="call-progress"][data-stage="ended"]').waitFor();
      result.optionsRoundTrip.push(await page.evaluate((url) => window.phoneBench.options(url), sip.url));
      if (i + 1 < samples) {
        await page.keyboard.press('1');
        await page.locator(`main.call-screen:not([data-lead-id="${leadId}"])`).waitFor();
      }
    }
    return result;
  } finally {
    await browser.close();
    await host.stop();
    await sip.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
