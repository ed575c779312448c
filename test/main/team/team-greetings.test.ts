import { afterEach, describe, expect, it } from 'vitest';
import { MAX_GREETING_BYTES, NOT_AUDIO_SENTENCE, type AudioFile, type GreetingsView } from '../../../shared/call-audio.ts';
import { openPostgresStore } from '../../../main/store/seam/postgres-store.ts';
import { startTeam, stopTeam, TEAM_PASSWORD } from '../../helpers/team-fixture.ts';
import { cookieOf, teamRequest, type TeamServerProcess } from '../../helpers/team-server-process.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';
import { toneWav } from '../../sip/tone-wav.ts';

/**
 * Voicemail greetings on the team server, through real server processes on one PostgreSQL
 * database: each rep's greetings are their own, the audio kept in the database, so a greeting
 * added on one process plays back byte for byte on another; another rep neither sees nor touches it.
 */
const cluster = usePostgresCluster();
const running: TeamServerProcess[] = [];
afterEach(async () => {
  await stopTeam(running.splice(0));
});

const TONE = toneWav(1000, 0.5).toString('base64');
const SHORT = toneWav(600, 0.2).toString('base64');

interface Envelope<Value> {
  ok: boolean;
  value: Value;
  error: { code: string; message: string };
}

async function team(processes: number) {
  const url = await cluster().createDatabase();
  const servers = await startTeam(url, { people: [['sam', 'team-lead'], ['avery', 'rep'], ['blake', 'rep']], processes });
  running.push(...servers);
  const cookies: Record<string, string> = {};
  for (const name of ['sam', 'avery', 'blake']) cookies[name] = cookieOf(await teamRequest(servers[0]!.origin, '/api/people.signIn', { input: { name, password: TEAM_PASSWORD } }));
  const call = async <Value>(who: string, method: string, input: unknown, on = 0) => {
    const answer = await teamRequest(servers[on]!.origin, `/api/${method}`, { input, cookie: cookies[who]! });
    return { status: answer.status, ...(JSON.parse(answer.body) as Envelope<Value>) };
  };
  return { url, call };
}

describe('voicemail greetings on the team server', () => {
  it('keeps a rep’s greeting in the database, listed and played back byte for byte by another process, and nobody else’s', async () => {
    const t = await team(2);
    const added = await t.call<GreetingsView>('avery', 'greetings.add', { name: 'Standard', data: TONE }, 0);
    expect(added).toMatchObject({ ok: true, value: { greetings: [{ name: 'Standard', type: 'audio/wav', bytes: Buffer.from(TONE, 'base64').length }] } });
    const id = added.value.greetings[0]!.id;
    // The first greeting is the one V drops until the rep chooses another, as alone.
    expect(added.value.voicemailId).toBe(id);

    // The other process lists it and plays it back as it was sent.
    expect((await t.call<GreetingsView>('avery', 'greetings.list', {}, 1)).value).toEqual(added.value);
    expect((await t.call<AudioFile>('avery', 'greetings.audio', { id }, 1)).value).toEqual({ type: 'audio/wav', data: TONE });

    // Blake, another rep, and sam, a team lead, have greetings of their own: none.
    for (const who of ['blake', 'sam']) expect((await t.call<GreetingsView>(who, 'greetings.list', {}, 1)).value).toEqual({ greetings: [], voicemailId: null });
    // Avery's greeting is not there for blake, whatever he tries with its id.
    for (const [method, input] of [
      ['greetings.audio', { id }],
      ['greetings.rename', { id, name: 'Taken over' }],
      ['greetings.choose', { id }],
      ['greetings.delete', { id }],
    ] as const) {
      const refused = await t.call('blake', method, input, 1);
      expect(refused, method).toMatchObject({ status: 404, ok: false, error: { code: 'not-found', message: 'That greeting is no longer there: it was deleted.' } });
    }
    expect((await t.call<GreetingsView>('avery', 'greetings.list', {}, 0)).value).toEqual(added.value);

    // Blake's own greeting stays his: avery's list is unchanged.
    await t.call('blake', 'greetings.add', { name: 'Blake’s', data: SHORT }, 0);
    expect((await t.call<GreetingsView>('avery', 'greetings.list', {}, 1)).value.greetings.map((g) => g.name)).toEqual(['Standard']);

    // Avery's second greeting, chosen for V on one process, is V's on the other; renamed, deleted.
    const second = (await t.call<GreetingsView>('avery', 'greetings.add', { name: 'Short', data: SHORT }, 1)).value.greetings.find((g) => g.name === 'Short')!;
    expect((await t.call<GreetingsView>('avery', 'greetings.choose', { id: second.id }, 1)).value.voicemailId).toBe(second.id);
    expect((await t.call<GreetingsView>('avery', 'greetings.list', {}, 0)).value.voicemailId).toBe(second.id);
    expect((await t.call<GreetingsView>('avery', 'greetings.choose', { id }, 0)).value.voicemailId).toBe(id);
    expect((await t.call<GreetingsView>('avery', 'greetings.rename', { id: second.id, name: 'Friday' }, 0)).value.greetings.map((g) => g.name).sort()).toEqual(['Friday', 'Standard']);
    const afterDelete = await t.call<GreetingsView>('avery', 'greetings.delete', { id }, 1);
    expect(afterDelete.value).toEqual({ greetings: [{ ...second, name: 'Friday' }], voicemailId: second.id });
    expect(await t.call('avery', 'greetings.audio', { id }, 0)).toMatchObject({ status: 404, error: { code: 'not-found' } });

    // The audio is in the database, in the rep's rows: one of avery's left, one of blake's.
    const store = await openPostgresStore({ connectionString: t.url });
    try {
      expect(await store.all("SELECT a.name, g.name AS greeting, octet_length(g.audio)::int AS bytes FROM greetings g JOIN accounts a ON a.id = g.account_id ORDER BY a.name")).toEqual([
        { name: 'avery', greeting: 'Friday', bytes: Buffer.from(SHORT, 'base64').length },
        { name: 'blake', greeting: 'Blake’s', bytes: Buffer.from(SHORT, 'base64').length },
      ]);
    } finally {
      await store.close();
    }
  });

  it('refuses bad input with a sentence and keeps nothing', async () => {
    const t = await team(1);
    const notAudio = await t.call('avery', 'greetings.add', { name: 'Sneaky', data: Buffer.from('<script>alert(1)</script> not a WAV at all').toString('base64') });
    expect(notAudio).toMatchObject({ status: 400, ok: false, error: { code: 'invalid-input', message: NOT_AUDIO_SENTENCE } });
    const large = Buffer.concat([toneWav(1000, 0.1), Buffer.alloc(MAX_GREETING_BYTES)]).toString('base64');
    const tooLarge = await t.call('avery', 'greetings.add', { name: 'Long', data: large });
    expect(tooLarge).toMatchObject({ status: 400, ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/^That greeting is 8\.0 MB: the limit is 8\.0 MB\./) } });
    expect(await t.call('avery', 'greetings.add', { name: '  ', data: TONE })).toMatchObject({ status: 400, ok: false, error: { code: 'invalid-input', message: expect.stringContaining('give the greeting a name') } });
    expect(await t.call('avery', 'greetings.audio', { id: 'not-an-id' })).toMatchObject({ status: 400, ok: false, error: { code: 'invalid-input' } });
    expect((await t.call<GreetingsView>('avery', 'greetings.list', {})).value).toEqual({ greetings: [], voicemailId: null });
    // Signed out, nothing.
    expect((await teamRequest(running[0]!.origin, '/api/greetings.list', { input: {} })).status).toBe(401);
  });
});
