import { afterEach, describe, expect, it } from 'vitest';
import { saveCallList } from '../../../main/leads/call-lists.ts';
import { assignList } from '../../../main/leads/list-assignments.ts';
import { openPostgresStore } from '../../../main/store/seam/postgres-store.ts';
import type { Store } from '../../../main/store/seam/store.ts';
import { MAX_RECORDING_BYTES, NOT_AUDIO_SENTENCE, type AudioFile, type GreetingsView, type Recording, type RecordingChoice, type RecordingSettings, type RecordingsPage } from '../../../shared/call-audio.ts';
import type { LeadSearchResult } from '../../../shared/lead-context.ts';
import type { CallLog } from '../../../shared/leads.ts';
import { seedEngines } from '../../helpers/seed-leads.ts';
import { signedInTeam, stopTeam } from '../../helpers/team-fixture.ts';
import { teamRequest, type TeamServerProcess } from '../../helpers/team-server-process.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';
import { toneWav } from '../../sip/tone-wav.ts';

/**
 * Recorded calls on the team server, through real server processes on one PostgreSQL database:
 * the audio is kept in the recording's row, so a call recorded through one process plays back
 * byte for byte through another; a rep records only their own dial and hears the recordings of a
 * lead only where they may open the lead (leads.get's rule); a team lead hears every one.
 */
const cluster = usePostgresCluster();
const running: TeamServerProcess[] = [];
afterEach(async () => {
  await stopTeam(running.splice(0));
});

const NOW = '2026-11-23T15:00:00Z';
const LONDON = '+442079460000';
const RECORDED = toneWav(440, 0.3).toString('base64');
const ANNOUNCEMENT = toneWav(880, 0.2).toString('base64');
const NOT_YOUR_LEAD = (id: number) => `Lead ${id} is not on a call list you work: ask your team lead to assign you its list.`;
const GONE = 'That recording is no longer there: it was deleted with its lead.';

/** Charles (seedEngines: on "Europe", avery's); Ada on "America", which only blake works. */
async function team(processes: number, people: [string, 'rep' | 'team-lead'][] = [['sam', 'team-lead'], ['avery', 'rep'], ['blake', 'rep']]) {
  const url = await cluster().createDatabase();
  const seed = async (store: Store) => {
    await seedEngines(store, NOW);
    await saveCallList(store, { now: () => Date.parse(NOW) }, { name: 'America', filter: { timeZones: ['America/New_York'] }, rules: null });
    await assignList(store, 'America', ['blake']);
  };
  const { servers, call } = await signedInTeam(url, { people, clock: NOW, seed, processes });
  running.push(...servers);
  const idOf = async (query: string) => (await call<LeadSearchResult>('sam', 'leads.search', { query, limit: 20 })).value.hits[0]!.lead.id;
  return { url, servers, call, idOf };
}

describe('recorded calls on the team server', () => {
  it('keeps a rep’s recording in the database, listed and played back byte for byte by another process; another rep is refused, a team lead hears it', async () => {
    const t = await team(2);
    const charles = await t.idOf('babbage');
    const averys = 'console-avery-1';
    const dial = (await t.call<{ dialId: number }>('avery', 'calls.dial', { leadId: charles, number: LONDON, consoleId: averys }, 0)).value;
    const saved = await t.call<Recording>('avery', 'recordings.save', { leadId: charles, dialId: dial.dialId, durationMs: 300, data: RECORDED }, 0);
    expect(saved).toMatchObject({ ok: true, value: { leadId: charles, dialId: dial.dialId, callId: null, durationMs: 300, type: 'audio/wav', bytes: Buffer.from(RECORDED, 'base64').length } });
    const id = saved.value.id;

    // Logged through the other process, the recording follows its call; played back as it was sent.
    const logged = await t.call<{ call: CallLog }>('avery', 'calls.disposition', { leadId: charles, code: 'no-answer', consoleId: averys, dialId: dial.dialId, number: LONDON }, 1);
    expect(logged).toMatchObject({ ok: true });
    expect((await t.call<Recording[]>('avery', 'recordings.ofLead', { leadId: charles }, 1)).value).toEqual([{ ...saved.value, callId: logged.value.call.id }]);
    expect((await t.call<AudioFile>('avery', 'recordings.audio', { id }, 1)).value).toEqual({ type: 'audio/wav', data: RECORDED });

    // The team lead hears every lead's recordings.
    expect((await t.call<Recording[]>('sam', 'recordings.ofLead', { leadId: charles }, 1)).value.map((r) => r.id)).toEqual([id]);
    expect((await t.call<AudioFile>('sam', 'recordings.audio', { id }, 0)).value).toEqual({ type: 'audio/wav', data: RECORDED });

    // Charles is not on a list blake works: his recordings are not blake's to list, play or add to.
    for (const [method, input] of [
      ['recordings.ofLead', { leadId: charles }],
      ['recordings.audio', { id }],
    ] as const) {
      expect(await t.call('blake', method, input, 1), method).toMatchObject({ status: 403, ok: false, error: { code: 'forbidden', message: NOT_YOUR_LEAD(charles) } });
    }
    expect(await t.call('blake', 'recordings.save', { leadId: charles, dialId: dial.dialId, durationMs: 300, data: RECORDED }, 1)).toMatchObject({
      status: 403,
      ok: false,
      error: { code: 'forbidden', message: 'This call was dialled from another rep’s account: only the rep who placed a call records it.' },
    });
    // Nor the team lead's, who did not place the call either.
    expect(await t.call('sam', 'recordings.save', { leadId: charles, dialId: dial.dialId, durationMs: 300, data: RECORDED }, 0)).toMatchObject({ status: 403, ok: false });
    expect(await t.call('blake', 'recordings.audio', { id: id + 1000 }, 1)).toMatchObject({ status: 404, ok: false, error: { code: 'not-found', message: GONE } });

    // The audio is in the database, in the recording's row, with the account that recorded it.
    const store = await openPostgresStore({ connectionString: t.url });
    try {
      expect(await store.all('SELECT a.name, r.file, octet_length(r.audio)::int AS bytes FROM recordings r JOIN accounts a ON a.id = r.account_id')).toEqual([
        { name: 'avery', file: null, bytes: Buffer.from(RECORDED, 'base64').length },
      ]);
    } finally {
      await store.close();
    }

    // The lead deleted, its recordings go with it, on every process.
    expect(await t.call('sam', 'leads.delete', { leadId: charles }, 0)).toMatchObject({ ok: true });
    expect(await t.call('sam', 'recordings.audio', { id }, 1)).toMatchObject({ status: 404, ok: false, error: { code: 'not-found', message: GONE } });
  });

  it('lists the team’s recordings newest first for a team lead on any process; a rep lists only their own and is refused another’s', async () => {
    const t = await team(2);
    const [ada, charles] = [await t.idOf('lovelace'), await t.idOf('babbage')];
    const record = async (who: string, leadId: number, number: string, on: number) => {
      const dial = (await t.call<{ dialId: number }>(who, 'calls.dial', { leadId, number, consoleId: `console-${who}-1` }, on)).value;
      return (await t.call<Recording>(who, 'recordings.save', { leadId, dialId: dial.dialId, durationMs: 300, data: RECORDED }, on)).value;
    };
    const averys = await record('avery', charles, LONDON, 0);
    await t.call('avery', 'calls.disposition', { leadId: charles, code: 'no-answer', consoleId: 'console-avery-1', dialId: averys.dialId, number: LONDON }, 0);
    // Recorded through the same process, whose clock says which came last (each process keeps its own).
    const blakes = await record('blake', ada, '+12125550100', 0);

    // The team lead, on the other process, lists both: whose lead, who recorded it, when, how long; and plays avery's.
    const listed = (await t.call<RecordingsPage>('sam', 'recordings.list', {}, 1)).value;
    expect(listed.recordings.map((r) => [r.id, r.leadName, r.recordedBy, r.durationMs])).toEqual([
      [blakes.id, 'Ada Lovelace', 'blake', 300],
      [averys.id, 'Charles Babbage', 'avery', 300],
    ]);
    expect(listed.recordings[1]).toMatchObject({ callId: expect.any(Number), startedAt: averys.startedAt });
    expect((await t.call<AudioFile>('sam', 'recordings.audio', { id: averys.id }, 1)).value).toEqual({ type: 'audio/wav', data: RECORDED });
    // A page of one, then the next.
    const first = (await t.call<RecordingsPage>('sam', 'recordings.list', { limit: 1 }, 0)).value;
    expect(first.recordings).toHaveLength(1);
    expect((await t.call<RecordingsPage>('sam', 'recordings.list', { limit: 1, before: first.next }, 1)).value).toMatchObject({ recordings: [{ id: listed.recordings[1]!.id }], next: null });

    // Each rep lists their own only; blake is refused avery's recording of a lead not his.
    expect((await t.call<RecordingsPage>('avery', 'recordings.list', {}, 1)).value.recordings.map((r) => r.id)).toEqual([averys.id]);
    expect((await t.call<RecordingsPage>('blake', 'recordings.list', {}, 0)).value.recordings.map((r) => r.id)).toEqual([blakes.id]);
    expect(await t.call('blake', 'recordings.audio', { id: averys.id }, 0)).toMatchObject({ status: 403, ok: false, error: { message: NOT_YOUR_LEAD(charles) } });

    // A page of one to 200; a cursor is a time and a recording's id, nothing else.
    for (const input of [
      { limit: 0 },
      { limit: 201 },
      { limit: 1.5 },
      { before: { startedAt: 'yesterday', id: first.next!.id } },
      { before: { startedAt: '2026-11-23T16:00:00+01:00', id: first.next!.id } },
      { before: { startedAt: first.next!.startedAt, id: 0 } },
      { before: { startedAt: first.next!.startedAt } },
      { before: { ...first.next!, accountId: 1 } },
      { accountId: 1 },
    ]) {
      expect(await t.call('sam', 'recordings.list', input, 0), JSON.stringify(input)).toMatchObject({ status: 400, ok: false, error: { code: 'invalid-input' } });
    }
    expect((await teamRequest(running[0]!.origin, '/api/recordings.list', { input: {} })).status).toBe(401);
  });

  it('records calls where a team lead turned it on for the team, with their announcement, which every rep plays and none deletes', async () => {
    const t = await team(2);
    const [ada, charles] = [await t.idOf('lovelace'), await t.idOf('babbage')];
    // Whether calls are recorded is the team lead's to say, not a rep's.
    expect(await t.call('avery', 'recordings.saveSettings', { recordCalls: true, consentGreetingId: null }, 0)).toMatchObject({ status: 403, ok: false, error: { code: 'forbidden' } });
    const consent = (await t.call<GreetingsView>('sam', 'greetings.add', { name: 'This call is recorded', data: ANNOUNCEMENT }, 0)).value.greetings[0]!;
    const averysOwn = (await t.call<GreetingsView>('avery', 'greetings.add', { name: 'Avery’s', data: RECORDED }, 0)).value.greetings[0]!;
    // A team lead announces with a greeting of their own, not a rep's.
    expect(await t.call('sam', 'recordings.saveSettings', { recordCalls: true, consentGreetingId: averysOwn.id }, 0)).toMatchObject({ status: 404, ok: false });
    const on: RecordingSettings = { recordCalls: true, consentGreetingId: consent.id };
    expect(await t.call('sam', 'recordings.saveSettings', on, 0)).toMatchObject({ ok: true, value: on });

    // Every rep, on every process, reads it and plays the announcement, which is not in their greetings.
    for (const who of ['avery', 'blake']) {
      await expect.poll(async () => (await t.call<RecordingChoice>(who, 'recordings.settings', {}, 1)).value, { timeout: 5000 }).toEqual({ ...on, consent: { name: 'This call is recorded', owner: 'sam' } });
      expect((await t.call<AudioFile>(who, 'greetings.audio', { id: consent.id }, 1)).value).toEqual({ type: 'audio/wav', data: ANNOUNCEMENT });
      expect((await t.call<GreetingsView>(who, 'greetings.list', {}, 1)).value.greetings.map((g) => g.id)).not.toContain(consent.id);
      // Not theirs to rename or delete.
      expect(await t.call(who, 'greetings.delete', { id: consent.id }, 1)).toMatchObject({ status: 404, ok: false });
    }
    // Another of a rep's greetings is still theirs alone.
    expect(await t.call('blake', 'greetings.audio', { id: averysOwn.id }, 1)).toMatchObject({ status: 404, ok: false });
    // The team lead keeps it while calls are recorded.
    expect(await t.call('sam', 'greetings.delete', { id: consent.id }, 1)).toMatchObject({ status: 409, ok: false, error: { message: expect.stringContaining('is the consent announcement') } });

    // Blake records his own call with Ada.
    const dial = (await t.call<{ dialId: number }>('blake', 'calls.dial', { leadId: ada, number: '+12125550100', consoleId: 'console-blake-1' }, 1)).value;
    expect(await t.call('blake', 'recordings.save', { leadId: ada, dialId: dial.dialId, durationMs: 200, data: RECORDED }, 1)).toMatchObject({ ok: true });
    expect((await t.call<Recording[]>('blake', 'recordings.ofLead', { leadId: ada }, 0)).value).toHaveLength(1);
    expect(await t.call('avery', 'recordings.ofLead', { leadId: ada }, 0)).toMatchObject({ status: 403, error: { message: NOT_YOUR_LEAD(ada) } });
    expect((await t.call<Recording[]>('avery', 'recordings.ofLead', { leadId: charles }, 0)).value).toEqual([]);

    // Turned off, then the announcement may go; with it gone, nothing is recorded.
    expect(await t.call('sam', 'recordings.saveSettings', { recordCalls: false, consentGreetingId: consent.id }, 1)).toMatchObject({ ok: true });
    expect(await t.call('sam', 'greetings.delete', { id: consent.id }, 1)).toMatchObject({ ok: true });
    await expect.poll(async () => (await t.call<RecordingChoice>('avery', 'recordings.settings', {}, 0)).value, { timeout: 5000 }).toEqual({ recordCalls: false, consentGreetingId: null, consent: null });
  });

  it('keeps one team lead’s announcement when another team lead saves the recording choice, until someone picks another', async () => {
    const t = await team(2, [['sam', 'team-lead'], ['robin', 'team-lead'], ['avery', 'rep'], ['blake', 'rep']]);
    const samsOther = (await t.call<GreetingsView>('sam', 'greetings.add', { name: 'Sam’s voicemail', data: RECORDED }, 0)).value.greetings[0]!;
    const sams = (await t.call<GreetingsView>('sam', 'greetings.add', { name: 'This call is recorded', data: ANNOUNCEMENT }, 0)).value.greetings.find((g) => g.id !== samsOther.id)!;
    expect(await t.call('sam', 'recordings.saveSettings', { recordCalls: true, consentGreetingId: sams.id }, 0)).toMatchObject({ ok: true });
    const robins = (await t.call<GreetingsView>('robin', 'greetings.add', { name: 'Robin’s announcement', data: ANNOUNCEMENT }, 1)).value.greetings[0]!;
    const bySam = { consentGreetingId: sams.id, consent: { name: 'This call is recorded', owner: 'sam' } };

    // Robin, on the other process, reads Sam's announcement by its name and whose it is.
    await expect.poll(async () => (await t.call<RecordingChoice>('robin', 'recordings.settings', {}, 1)).value, { timeout: 5000 }).toEqual({ recordCalls: true, ...bySam });
    // Saving the choice (recording off, then on again) keeps it, and so does saving other settings.
    expect((await t.call<RecordingChoice>('robin', 'recordings.saveSettings', { recordCalls: false, consentGreetingId: sams.id }, 1)).value).toEqual({ recordCalls: false, ...bySam });
    expect(await t.call('robin', 'prefs.set', { defaultCountry: 'FR' }, 1)).toMatchObject({ ok: true });
    expect((await t.call<RecordingChoice>('robin', 'recordings.saveSettings', { recordCalls: true, consentGreetingId: sams.id }, 1)).value).toEqual({ recordCalls: true, ...bySam });
    await expect.poll(async () => (await t.call<RecordingChoice>('avery', 'recordings.settings', {}, 0)).value, { timeout: 5000 }).toEqual({ recordCalls: true, ...bySam });
    // Only the team's current announcement: not another of Sam's greetings.
    expect(await t.call('robin', 'recordings.saveSettings', { recordCalls: true, consentGreetingId: samsOther.id }, 1)).toMatchObject({ status: 404, ok: false });

    // Robin picks their own: from then on it is the team's, said Robin's to Sam, and Sam's is no longer Robin's to choose.
    expect((await t.call<RecordingChoice>('robin', 'recordings.saveSettings', { recordCalls: true, consentGreetingId: robins.id }, 1)).value).toEqual({
      recordCalls: true,
      consentGreetingId: robins.id,
      consent: { name: 'Robin’s announcement', owner: null },
    });
    await expect
      .poll(async () => (await t.call<RecordingChoice>('sam', 'recordings.settings', {}, 0)).value, { timeout: 5000 })
      .toEqual({ recordCalls: true, consentGreetingId: robins.id, consent: { name: 'Robin’s announcement', owner: 'robin' } });
    expect(await t.call('robin', 'recordings.saveSettings', { recordCalls: true, consentGreetingId: sams.id }, 1)).toMatchObject({ status: 404, ok: false });
  });

  it('refuses bad input with a sentence and keeps nothing', async () => {
    const t = await team(1);
    const charles = await t.idOf('babbage');
    const dial = (await t.call<{ dialId: number }>('avery', 'calls.dial', { leadId: charles, number: LONDON, consoleId: 'console-avery-1' })).value;
    const save = (data: string) => t.call('avery', 'recordings.save', { leadId: charles, dialId: dial.dialId, durationMs: 300, data });
    expect(await save(Buffer.from('<script>alert(1)</script> not a WAV at all').toString('base64'))).toMatchObject({
      status: 400,
      ok: false,
      error: { code: 'invalid-input', message: NOT_AUDIO_SENTENCE },
    });
    const large = Buffer.concat([toneWav(1000, 0.1), Buffer.alloc(MAX_RECORDING_BYTES)]).toString('base64');
    expect(await save(large)).toMatchObject({ status: 400, ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/^That recording is 60\.0 MB: the limit is 60\.0 MB\./) } });
    expect(await t.call('avery', 'recordings.audio', { id: 'not-an-id' })).toMatchObject({ status: 400, ok: false, error: { code: 'invalid-input' } });
    expect(await t.call('avery', 'recordings.ofLead', { leadId: -1 })).toMatchObject({ status: 400, ok: false, error: { code: 'invalid-input' } });
    // A dial that is not that lead's.
    expect(await t.call('avery', 'recordings.save', { leadId: charles + 1, dialId: dial.dialId, durationMs: 300, data: RECORDED })).toMatchObject({
      status: 404,
      ok: false,
      error: { message: expect.stringContaining('This call’s dial is no longer on record') },
    });
    expect((await t.call<Recording[]>('avery', 'recordings.ofLead', { leadId: charles })).value).toEqual([]);
    // Signed out, nothing.
    for (const method of ['recordings.ofLead', 'recordings.settings']) expect((await teamRequest(running[0]!.origin, `/api/${method}`, { input: { leadId: charles } })).status, method).toBe(401);
  });
});
