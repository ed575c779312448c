import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { rolldown } from 'rolldown';
import { installAudioProbe } from './audio-probe.ts';
import { LEAD_PASSWORD, SIP_DOMAIN } from './sip-server.ts';

const PAGE_SCRIPT = fileURLToPath(new URL('./lead-phone-page.ts', import.meta.url));
let bundled: Promise<string> | null = null;

/** The lead's phone page's script with JsSIP inside, bundled once per run. */
function leadPhoneScript(): Promise<string> {
  bundled ??= (async () => {
    const bundle = await rolldown({ input: PAGE_SCRIPT, platform: 'browser', logLevel: 'silent' });
    const { output } = await bundle.generate({ format: 'iife' });
    await bundle.close();
    return output[0].code;
  })();
  return bundled;
}

let served: Promise<string> | null = null;

/** A small page server for the lead's phone, once per run (it stops with the test process). */
function leadPhoneOrigin(): Promise<string> {
  served ??= leadPhoneScript().then(
    (script) =>
      new Promise<string>((resolve) => {
        const server = createServer((request, response) => {
          if (request.url === '/lead-phone.js') response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
          else response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Lead phone</title><p>Lead phone</p><script src="/lead-phone.js"></script>');
        });
        server.unref();
        server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`));
      }),
  );
  return served;
}

export type LeadPhoneMode = 'answer' | 'busy' | 'never' | 'voicemail';

export interface LeadPhoneHandle {
  page: Page;
  setMode(mode: LeadPhoneMode): Promise<void>;
  state(): Promise<{ calls: number; state: string; endCause: string; endedAt: number; tones: string[]; callerName: string }>;
  /** Starts noting the level at each frequency of what arrives (audio-probe.ts); stopListening returns the timeline. */
  listenFor(hz: number[]): Promise<void>;
  stopListening(): Promise<{ at: number; db: number[] }[]>;
  audioLevel(): Promise<number>;
  hangUp(): Promise<void>;
}

/**
 * Opens the lead's phone in its own browser context and registers it as `number`. Its page is
 * served from loopback (a secure context, so it may ask for the microphone, and a local page, so
 * Chromium lets it reach the local phone system).
 */
export async function openLeadPhone(browser: Browser, server: string, number: string): Promise<LeadPhoneHandle> {
  const origin = await leadPhoneOrigin();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(installAudioProbe);
  await page.goto(origin);
  await page.evaluate(([s, n, p, d]) => (window as unknown as { leadPhone: { register(...a: string[]): Promise<void> } }).leadPhone.register(s!, n!, p!, d!), [server, number, LEAD_PASSWORD, SIP_DOMAIN]);
  type Phone = { mode: LeadPhoneMode; calls: number; state: string; endCause: string; endedAt: number; tones: string[]; callerName: string; hangUp(): void };
  return {
    page,
    setMode: (mode) => page.evaluate((m) => void ((window as unknown as { leadPhone: Phone }).leadPhone.mode = m), mode),
    state: () =>
      page.evaluate(() => {
        const p = (window as unknown as { leadPhone: Phone }).leadPhone;
        return { calls: p.calls, state: p.state, endCause: p.endCause, endedAt: p.endedAt, tones: [...p.tones], callerName: p.callerName };
      }),
    audioLevel: () => page.evaluate(() => (window as unknown as { audioLevel(): Promise<number> }).audioLevel()),
    hangUp: () => page.evaluate(() => (window as unknown as { leadPhone: Phone }).leadPhone.hangUp()),
    listenFor: (hz) => page.evaluate((h) => (window as unknown as { listenFor(h: number[]): void }).listenFor(h), hz),
    stopListening: () => page.evaluate(() => (window as unknown as { stopListening(): { at: number; db: number[] }[] }).stopListening()),
  };
}
