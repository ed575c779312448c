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
  it('keeps a greeting as a private audio file in the data folder, plays it back as it was, and names it', async () => {
    const { api, folder } = library();
    const { greetings, voicemailId } = await api['greetings.add']({ name: 'Standard', data: TONE });
    expect(greetings).toMatchObject([{ name: 'Standard', type: 'audio/wav', bytes: Buffer.from(TONE, 'base64').length }]);
    // The first greeting is the one V drops until the rep chooses another.
    expect(voicemailId).toBe(greetings[0]!.id);
    const audio = readdirSync(folder).find((f) => f.endsWith('.wav'))!;
    expect(statSync(join(folder, audio)).mode & 0o777).toBe(0o600);
    expect(await api['greetings.audio']({ id: greetings[0]!.id })).toEqual({ type: 'audio/wav', data: TONE });
    expect((await api['greetings.rename']({ id: greetings[0]!.id, name: 'Friday' })).greetings[0]!.name).toBe('Friday');
  });

  it('chooses the voicemail greeting, and deletes one with its file', async () => {
    const { core, api, folder } = library();
    await api['greetings.add']({ name: 'Standard', data: TONE });
    core.clock.advance(1000);
    const [first, second] = (await api['greetings.add']({ name: 'Short', data: TONE })).greetings;
    expect((await api['greetings.choose']({ id: second!.id })).voicemailId).toBe(second!.id);
    const after = await api['greetings.delete']({ id: second!.id });
    expect(after.greetings.map((g) => g.name)).toEqual(['Standard']);
    expect(after.voicemailId).toBe(first!.id);
    expect(readdirSync(folder).filter((f) => f.startsWith(second!.id))).toEqual([]);
  });

  it('refuses a file that is not audio, with a sentence, and writes nothing', async () => {
    const { api, folder } = library();
    await expect(api['greetings.add']({ name: 'Sneaky', data: base64(Buffer.from('<script>alert(1)</script> not a WAV at all')) })).rejects.toThrow(
      'That file is not audio Nextcall can play: choose a WAV, WebM, Ogg, MP3 or M4A file.',
    );
    expect(existsSync(folder)).toBe(false);
  });

  it('refuses a greeting over the size limit, saying how large it is, and writes nothing', async () => {
    const { api, folder } = library();
    const large = Buffer.concat([toneWav(1000, 0.1), Buffer.alloc(MAX_GREETING_BYTES)]);
    await expect(api['greetings.add']({ name: 'Long', data: base64(large) })).rejects.toThrow(/^That greeting is 8\.0 MB: the limit is 8\.0 MB\./);
    expect(existsSync(folder)).toBe(false);
  });

  it('turns recording on only with a consent announcement, and keeps that greeting from being deleted while it is on', async () => {
    const { api } = library();
    expect(await api['recordings.settings']({})).toEqual({ recordCalls: false, consentGreetingId: null, consent: null });
    await expect(api['recordings.saveSettings']({ recordCalls: true, consentGreetingId: null })).rejects.toThrow('Choose the consent announcement played at answer before turning recording on');
    const [consent] = (await api['greetings.add']({ name: 'This call is recorded', data: TONE })).greetings;
    expect(await api['recordings.saveSettings']({ recordCalls: true, consentGreetingId: consent!.id })).toEqual({ recordCalls: true, consentGreetingId: consent!.id, consent: { name: consent!.name, owner: null } });
    await expect(api['greetings.delete']({ id: consent!.id })).rejects.toThrow('“This call is recorded” is the consent announcement played before calls are recorded');
    await api['recordings.saveSettings']({ recordCalls: false, consentGreetingId: consent!.id });
    await api['greetings.delete']({ id: consent!.id });
    expect(await api['recordings.settings']({})).toEqual({ recordCalls: false, consentGreetingId: null, consent: null });
  });
});
