import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../main/api/dispatch.ts';
import { createHandlers } from '../../../../main/api/handlers.ts';
import { csv, importCsv, storeContents, testCore } from '../../../helpers/test-core.ts';

const setUp = { mode: 'softphone', server: 'wss://pbx.example.com:8089/ws', user: '1001', domain: 'pbx.example.com', password: 'pw', callerId: 'Acme Sales' } as const;

async function phoneApi() {
  const core = testCore();
  await importCsv(core, csv('Record ID,Name,Phone', '1,Ada Lovelace,+12125550100'));
  const dispatch = createDispatcher(createHandlers(core), () => undefined);
  expect(await dispatch('phone.save', setUp)).toMatchObject({ ok: true });
  const saved = await dispatch('phone.settings', {});
  const account = await dispatch('phone.account', {});
  return { core, dispatch, saved, account };
}

describe('the phone API refuses bad input in a sentence, and saves nothing', () => {
  it.each([
    ['markup in the SIP user', { user: '"><img src=x onerror=alert(1)>' }, 'user: letters, digits and + . _ - only (no spaces or < > " characters)'],
    ['a SIP URI with markup as the domain', { domain: 'pbx.example.com><script>' }, 'domain: a domain name such as pbx.example.com'],
    ['a display name that would break the From header', { callerId: 'Sam" <sip:boss@evil.example>' }, 'callerId: no quotes, < > or \\'],
    ['markup in the test number', { testNumber: '<b>*43</b>' }, 'testNumber: letters, digits and + . _ - only'],
    ['a server that is not a WebSocket address', { server: 'javascript:alert(1)' }, 'server: not an address: write it as wss://pbx.example.com:8089/ws'],
    ['ws:// to another computer (the digest in clear)', { server: 'ws://pbx.example.com/ws' }, 'server: ws:// is only for a phone system on this computer: use wss://'],
    ['rings as words', { ringsBeforeNoAnswer: 'five' }, 'ringsBeforeNoAnswer:'],
    ['a countdown over a minute', { powerDialSeconds: 61 }, 'powerDialSeconds: at most 60 seconds'],
    ['a mode that does not exist', { mode: 'carrier-pigeon' }, 'mode:'],
    ['a field the settings do not have', { recordEverything: true }, 'Unrecognized key'],
    ['an empty password', { password: '' }, 'password:'],
  ])('%s', async (_what, input, sentence) => {
    const { core, dispatch, saved, account } = await phoneApi();
    const before = storeContents(core);
    const result = await dispatch('phone.save', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(result.ok === false && result.error.message).toContain(sentence);
    expect(result.ok === false && result.error.message).toMatch(/^Invalid input for phone\.save: .*\.$/);
    // Nothing saved: the settings, the sealed password and the store are as they were.
    expect(await dispatch('phone.settings', {})).toEqual(saved);
    expect(await dispatch('phone.account', {})).toEqual(account);
    expect(storeContents(core)).toEqual(before);
  });

  it('a settings shape that is not an object at all', async () => {
    const { dispatch, saved } = await phoneApi();
    for (const input of [[setUp], 'wss://pbx.example.com', 42]) {
      expect(await dispatch('phone.save', input), JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/^Invalid input for phone\.save: \(input\): /) } });
    }
    expect(await dispatch('phone.settings', {})).toEqual(saved);
  });

  it('a network outcome that names no real dial, or in the wrong shape, flags no number', async () => {
    const { core, dispatch } = await phoneApi();
    const before = storeContents(core);
    for (const [input, sentence] of [
      [{ leadId: 1, dialId: 1, number: '+12125550100', outcome: 'invalid-number', cause: '404 Not Found' }, 'is not an open dial of this lead'],
      [{ leadId: 1, dialId: 1, number: '<img src=x>', outcome: 'invalid-number', cause: '404' }, 'Invalid input for phone.outcome: number:'],
      [{ leadId: 1, dialId: 1, number: '+12125550100', outcome: 'exploded', cause: '' }, 'Invalid input for phone.outcome: outcome:'],
      [{ leadId: 1, dialId: -3, number: '+12125550100', outcome: 'busy', cause: '' }, 'Invalid input for phone.outcome: dialId:'],
    ] as const) {
      const result = await dispatch('phone.outcome', input);
      expect(result.ok === false && result.error.message, JSON.stringify(input)).toContain(sentence);
    }
    expect(storeContents(core)).toEqual(before);
  });
});
