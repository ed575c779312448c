import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_GREETING_BYTES } from '../../../shared/call-audio.ts';
import { testCore } from '../../helpers/test-core.ts';
import { syncHandlers } from '../../helpers/sync-handlers.ts';
import { toneWav } from '../../sip/tone-wav.ts';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const TONE = base64(toneWav(1000, 0.5));

function library() {
  const core = testCore();
  const api = syncHandlers(core);
  const folder = join(core.dataDir, 'greetings');
  return { core, api, folder };
}

describe('the rep’s greetings', () => {
  it('keeps a greeting as a private audio file in the data folder, plays it back as it was, and names it', () => {
    const { api, folder } = library();
    const { greetings, voicemailId } = api['greetings.add']({ name: 'Standard', data: TONE });
    expect(greetings).toMatchObject([{ name: 'Standard', type: 'audio/wav', bytes: Buffer.from(TONE, 'base64').length }]);
    // The first greeting is the one V drops until the rep chooses another.
    expect(voicemailId).toBe(greetings[0]!.id);
    const audio = readdirSync(folder).find((f) => f.endsWith('.wav'))!;
    expect(statSync(join(folder, audio)).mode & 0o777).toBe(0o600);
    expect(api['greetings.audio']({ id: greetings[0]!.id })).toEqual({ type: 'audio/wav', data: TONE });
    expect(api['greetings.rename']({ id: greetings[0]!.id, name: 'Friday' }).greetings[0]!.name).toBe('Friday');
  });

  it('chooses the voicemail greeting, and deletes one with its file', () => {
    const { core, api, folder } = library();
    api['greetings.add']({ name: 'Standard', data: TONE });
    core.clock.advance(1000);
    const [first, second] = api['greetings.add']({ name: 'Short', data: TONE }).greetings;
    expect(api['greetings.choose']({ id: second!.id }).voicemailId).toBe(second!.id);
    const after = api['greetings.delete']({ id: second!.id });
    expect(after.greetings.map((g) => g.name)).toEqual(['Standard']);
    expect(after.voicemailId).toBe(first!.id);
    expect(readdirSync(folder).filter((f) => f.startsWith(second!.id))).toEqual([]);
  });

  it('refuses a file that is not audio, with a sentence, and writes nothing', () => {
    const { api, folder } = library();
    expect(() => api['greetings.add']({ name: 'Sneaky', data: base64(Buffer.from('<script>alert(1)</script> not a WAV at all')) })).toThrow(
      'That file is not audio Nextcall can play: choose a WAV, WebM, Ogg, MP3 or M4A file.',
    );
    expect(existsSync(folder)).toBe(false);
  });

  it('refuses a greeting over the size limit, saying how large it is, and writes nothing', () => {
    const { api, folder } = library();
    const large = Buffer.concat([toneWav(1000, 0.1), Buffer.alloc(MAX_GREETING_BYTES)]);
    expect(() => api['greetings.add']({ name: 'Long', data: base64(large) })).toThrow(/^That greeting is 8\.0 MB: the limit is 8\.0 MB\./);
    expect(existsSync(folder)).toBe(false);
  });

  it('turns recording on only with a consent announcement, and keeps that greeting from being deleted while it is on', () => {
    const { api } = library();
    expect(api['recordings.settings']({})).toEqual({ recordCalls: false, consentGreetingId: null });
    expect(() => api['recordings.saveSettings']({ recordCalls: true, consentGreetingId: null })).toThrow('Choose the consent announcement played at answer before turning recording on');
    const [consent] = api['greetings.add']({ name: 'This call is recorded', data: TONE }).greetings;
    expect(api['recordings.saveSettings']({ recordCalls: true, consentGreetingId: consent!.id })).toEqual({ recordCalls: true, consentGreetingId: consent!.id });
    expect(() => api['greetings.delete']({ id: consent!.id })).toThrow('“This call is recorded” is the consent announcement played before calls are recorded');
    api['recordings.saveSettings']({ recordCalls: false, consentGreetingId: consent!.id });
    api['greetings.delete']({ id: consent!.id });
    expect(api['recordings.settings']({})).toEqual({ recordCalls: false, consentGreetingId: null });
  });
});
