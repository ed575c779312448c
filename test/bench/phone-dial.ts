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
  /** Power dialing with no countdown: the disposition's key → the next lead's INVITE (the dial check, the record, the call). */
  dispositionToAutoInvite: number[];
  optionsRoundTrip: number[];
  /**
   * Where each dial's time went: the key to calls.dial's request (the microphone opened first, if
   * it was not open), the microphone alone, calls.dial's round trip (the dial check and the record,
   * fsynced), and beside it the offer to its first ICE candidate, then from main's answer to the INVITE.
   */
  phases: Record<Phase, number[]>;
}

export const PHASES = ['key → calls.dial sent', 'microphone opened (0: kept open)', 'calls.dial round trip', 'peer connection → first ICE candidate', 'first candidate → INVITE', 'calls.dial answered → INVITE'] as const;
type Phase = (typeof PHASES)[number];

/** The moments of one dial in the page, on its performance clock (0: not seen). */
interface DialMarks {
  keyAt: number;
  micAskedAt: number;
  micOpenAt: number;
  dialSentAt: number;
  dialAnsweredAt: number;
  peerAt: number;
  candidateAt: number;
  inviteAt: number;
}

declare global {
  interface Window {
    phoneBench: DialMarks & { options(url: string): Promise<number> };
  }
}

export async function measureKeyToInvite(samples: number): Promise<PhoneDialResult> {
  const sip = await startSipServer();
  const dataDir = mkdtempSync(join(tmpdir(), 'nextcall-bench-phone-'));
  const host = await startHost(dataDir, '2026-11-23T15:00:00Z');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: fakeMicrophoneArgs() });
  try {
    // Nobody answers these numbers: the phone system says 480 and the next key logs the call.
    // One lead for each dial by C, one for each automatic dial, and the first automatic one.
    const rows = Array.from({ length: 2 * samples + 2 }, (_, i) => `${i + 1},Lead ${i + 1},+1212555${String(2000 + i).padStart(4, '0')},lead`);
    await host.call('leads.import', { fileName: 'bench.csv', data: Buffer.from(['Record ID,Name,Phone,Lifecycle Stage', ...rows].join('\n')).toString('base64') });
    // Power dialing's countdown at 0 s: what is left is the console's own time, with nothing to subtract.
    await host.call('phone.save', { mode: 'softphone', server: sip.url, user: REP_USER, domain: SIP_DOMAIN, password: REP_PASSWORD, powerDialSeconds: 0 });
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.addInitScript(() => {
      const bench = { keyAt: 0, micAskedAt: 0, micOpenAt: 0, dialSentAt: 0, dialAnsweredAt: 0, peerAt: 0, candidateAt: 0, inviteAt: 0, options: async (_: string) => 0 };
      window.phoneBench = bench;
      window.addEventListener('keydown', (event) => ['c', '1'].includes(event.key) && (bench.keyAt = event.timeStamp), true);
      // Each step of a dial, timed where the console hands it to the browser.
      const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (constraints) => {
        bench.micAskedAt = performance.now();
        const stream = await getUserMedia(constraints);
        bench.micOpenAt = performance.now();
        return stream;
      };
      const fetchOf = window.fetch.bind(window);
      window.fetch = async (input, init) => {
        const dial = String(input instanceof Request ? input.url : input).endsWith('/api/calls.dial');
        if (dial) bench.dialSentAt = performance.now();
        const response = await fetchOf(input, init);
        if (dial) bench.dialAnsweredAt = performance.now();
        return response;
      };
      const Peer = window.RTCPeerConnection;
      window.RTCPeerConnection = class extends Peer {
        constructor(config?: RTCConfiguration) {
          super(config);
          bench.peerAt = performance.now();
          this.addEventListener('icecandidate', () => bench.candidateAt ||= performance.now());
        }
      };
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
    const result: PhoneDialResult = { keyToInvite: [], dispositionToAutoInvite: [], optionsRoundTrip: [], phases: Object.fromEntries(PHASES.map((p) => [p, []])) as unknown as Record<Phase, number[]> };
    for (let i = 0; i < samples; i++) {
      const leadId = await page.locator('main.call-screen').getAttribute('data-lead-id');
      await page.evaluate(() => Object.assign(window.phoneBench, { micAskedAt: 0, micOpenAt: 0, dialSentAt: 0, dialAnsweredAt: 0, peerAt: 0, candidateAt: 0, inviteAt: 0 }));
      await page.keyboard.press('c');
      await page.waitForFunction(() => window.phoneBench.inviteAt > 0);
      const m = await page.evaluate(() => ({ ...window.phoneBench }) as DialMarks);
      // The rule the figure must not bend: the INVITE leaves after main answered the dial.
      if (!(m.dialAnsweredAt > 0 && m.inviteAt >= m.dialAnsweredAt)) throw new Error(`The INVITE left before main recorded the dial (dial answered at ${m.dialAnsweredAt}, INVITE at ${m.inviteAt}).`);
      result.keyToInvite.push(m.inviteAt - m.keyAt);
      // A step the console skipped (a microphone kept open) took no time.
      const span = (from: number, to: number) => (from && to ? to - from : 0);
      const steps = [span(m.keyAt, m.dialSentAt), span(m.micAskedAt, m.micOpenAt), span(m.dialSentAt, m.dialAnsweredAt), span(m.peerAt, m.candidateAt), span(m.candidateAt, m.inviteAt), span(m.dialAnsweredAt, m.inviteAt)];
      PHASES.forEach((phase, j) => result.phases[phase].push(steps[j]!));
      await page.locator('[data-testid="call-progress"][data-stage="ended"]').waitFor();
      result.optionsRoundTrip.push(await page.evaluate((url) => window.phoneBench.options(url), sip.url));
      await page.keyboard.press('1');
      await page.locator(`main.call-screen:not([data-lead-id="${leadId}"])`).waitFor();
    }
    // Power dialing on: the lead on screen is dialled at once; then each disposition dials the next.
    await page.keyboard.press('g');
    await page.locator('[data-testid="call-progress"][data-stage="ended"]').waitFor();
    for (let i = 0; i < samples; i++) {
      const leadId = await page.locator('main.call-screen').getAttribute('data-lead-id');
      await page.evaluate(() => Object.assign(window.phoneBench, { dialAnsweredAt: 0, inviteAt: 0 }));
      await page.keyboard.press('1');
      await page.waitForFunction(() => window.phoneBench.inviteAt > 0);
      const m = await page.evaluate(() => ({ ...window.phoneBench }) as DialMarks);
      if (!(m.dialAnsweredAt > 0 && m.inviteAt >= m.dialAnsweredAt)) throw new Error('The automatic INVITE left before main recorded the dial.');
      result.dispositionToAutoInvite.push(m.inviteAt - m.keyAt);
      await page.locator(`main.call-screen:not([data-lead-id="${leadId}"]) [data-testid="call-progress"][data-stage="ended"]`).waitFor();
    }
    return result;
  } finally {
    await browser.close();
    await host.stop();
    await sip.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
