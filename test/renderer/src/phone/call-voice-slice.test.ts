import { describe, expect, it, vi } from 'vitest';
import { createAppStore, type DraftStore } from '../../../../renderer/src/store/app-store.ts';
import type { CallEvents, PhoneCall, Softphone } from '../../../../renderer/src/phone/softphone.ts';
import { DEFAULT_DISPOSITIONS } from '../../../../shared/dispositions.ts';
import type { CallLog, LeadCard, QueueSnapshot } from '../../../../shared/leads.ts';
import { fakeClient } from '../../../helpers/fake-api-client.ts';

const card = { lead: { id: 1, firstName: 'Ada', lastName: 'Test', stage: 'IQL' }, phones: [], activities: [], calls: [], stageHistory: [], draft: '' } as unknown as LeadCard;
const snapshot = { now: '2026-11-23T15:00:00.000Z', next: { card, reasons: [], tier: 'never-called', number: '+12125550100' }, due: 1, dueCapped: 250, total: 1 } as unknown as QueueSnapshot;
const drafts: DraftStore = { read: () => '', write: () => undefined, clear: () => undefined };
const GREETING = { id: '7f1c7d8e-4b7a-4f43-9d0e-0a1b2c3d4e5f', name: 'Standard', type: 'audio/wav', bytes: 4, createdAt: '2026-11-23T15:00:00.000Z' };
const CONSENT = { ...GREETING, id: '1d2c3b4a-5e6f-4a1b-8c9d-0e1f2a3b4c5d', name: 'This call is recorded' };

/** A console on a fake phone whose call plays greetings when told to finish, and records until it ends. */
async function answeredCall({ greetings = [GREETING], recordCalls = false } = {}) {
  let finishPlaying = () => undefined as void;
  let endRecording = (_: { audio: Blob; durationMs: number }) => undefined as void;
  const call = {
    hangUp: vi.fn(),
    setMuted: vi.fn(),
    setHeld: vi.fn(),
    sendDigit: vi.fn(),
    play: vi.fn(() => new Promise<void>((resolve) => (finishPlaying = resolve))),
    record: vi.fn(() => new Promise<{ audio: Blob; durationMs: number }>((resolve) => (endRecording = resolve))),
  } satisfies PhoneCall;
  let events: CallEvents | null = null;
  const softphone: Softphone = {
    start: (_, line) => line.onLine('registered'),
    stop: () => undefined,
    openMicrophone: async () => ({ getTracks: () => [] }) as unknown as MediaStream,
    call: (_n, _o, e) => ((events = e), call),
  };
  const disposition = vi.fn(() => ({ call: { id: 9, leadName: 'Ada Test', dispositionLabel: 'Left voicemail' } as CallLog, queue: { ...snapshot, next: null } }));
  const save = vi.fn(() => ({ id: 1 }));
  const client = fakeClient({
    'queue.next': () => snapshot,
    'phone.settings': () => ({ mode: 'softphone', ringsBeforeNoAnswer: 5, outcomes: 'preselect', microphoneId: '', speakerId: '' }),
    'phone.account': () => ({ server: 'wss://pbx.example.com/ws', uri: 'sip:1001@pbx.example.com', authorizationUser: '1001', realm: 'pbx.example.com', ha1: '0'.repeat(32), displayName: '' }),
    'greetings.list': () => ({ greetings, voicemailId: greetings[0]?.id ?? null }),
    'greetings.audio': () => ({ type: 'audio/wav', data: 'UklGRg==' }),
    'recordings.settings': () => ({ recordCalls, consentGreetingId: recordCalls ? CONSENT.id : null }),
    'recordings.save': save,
    'calls.dial': () => ({ dialId: 41, at: '2026-11-23T15:00:00.000Z' }),
    'calls.disposition': disposition,
  });
  const store = createAppStore({ client, drafts, consoleId: 'console-test-1', softphone });
  store.setState({ dispositions: [...DEFAULT_DISPOSITIONS] });
  await store.getState().loadQueue();
  await store.getState().startPhone();
  await vi.waitFor(() => expect(store.getState().voice.recording.recordCalls).toBe(recordCalls));
  await store.getState().dialByPhone();
  events!.onAnswered();
  return { store, call, events: events!, disposition, save, finishPlaying: () => finishPlaying(), endRecording: (r: { audio: Blob; durationMs: number }) => endRecording(r) };
}

describe('voicemail drop and recording in the console', () => {
  it('V plays the greeting into the call, logs Left voicemail and frees the console at once; the call hangs up when the greeting ends', async () => {
    const { store, call, events, disposition, finishPlaying } = await answeredCall();
    await store.getState().dropVoicemail();
    expect(call.play).toHaveBeenCalledTimes(1);
    expect(disposition).toHaveBeenCalledWith(expect.objectContaining({ code: 'voicemail', dialId: 41, reason: 'Voicemail drop: “Standard” played' }));
    // The console has moved on while the greeting plays: no call on screen, none hung up yet.
    expect(store.getState().phoneCall).toBeNull();
    expect(call.hangUp).not.toHaveBeenCalled();
    finishPlaying();
    await vi.waitFor(() => expect(call.hangUp).toHaveBeenCalled());
    // Its end is not the console's business any more: no notice, no outcome.
    events.onEnded({ by: 'local', cause: 'Terminated', answered: true });
    expect(store.getState().phoneCall).toBeNull();
  });

  it('V with no greeting says where to record one, and leaves the call alone', async () => {
    const { store, call, disposition } = await answeredCall({ greetings: [] });
    await store.getState().dropVoicemail();
    expect(store.getState().notice?.text).toBe('No greeting to drop: record one in Settings → Phone → Greetings.');
    expect(call.play).not.toHaveBeenCalled();
    expect(disposition).not.toHaveBeenCalled();
    expect(store.getState().phoneCall?.stage).toBe('answered');
  });

  it('records nothing where the team has not turned recording on', async () => {
    const { call } = await answeredCall({ greetings: [GREETING, CONSENT] });
    expect(call.record).not.toHaveBeenCalled();
    expect(call.play).not.toHaveBeenCalled();
  });

  it('where it is on: the recorder starts, the consent announcement plays, and the recording goes to main, linked to the dial, when the call ends', async () => {
    const { call, save, endRecording } = await answeredCall({ greetings: [GREETING, CONSENT], recordCalls: true });
    await vi.waitFor(() => expect(call.play).toHaveBeenCalledTimes(1));
    expect(call.record.mock.invocationCallOrder[0]).toBeLessThan(call.play.mock.invocationCallOrder[0]!);
    endRecording({ audio: new Blob([new Uint8Array([0x1a, 0x45, 0xdf, 0xa3])], { type: 'audio/webm' }), durationMs: 4200 });
    await vi.waitFor(() => expect(save).toHaveBeenCalledWith({ leadId: 1, dialId: 41, durationMs: 4200, data: 'GkXfow==' }));
  });

  it('on a team, loads the rep’s own voicemail greeting and the team’s consent announcement, a team lead’s greeting not among the rep’s own', async () => {
    const audio = vi.fn(({ id }: { id: string }) => ({ type: 'audio/wav', data: id === CONSENT.id ? 'T2dnUw==' : 'UklGRg==' }));
    const client = fakeClient({
      'greetings.list': () => ({ greetings: [GREETING], voicemailId: GREETING.id }),
      'greetings.audio': audio,
      'recordings.settings': () => ({ recordCalls: true, consentGreetingId: CONSENT.id }),
    });
    const store = createAppStore({ client, drafts, consoleId: 'console-test-1' });
    store.setState({ signInState: { signInRequired: true, person: { id: 2, name: 'avery', role: 'rep' } } } as never);
    await store.getState().loadCallVoice();
    expect(store.getState().voice).toMatchObject({ voicemail: { id: GREETING.id, name: 'Standard' }, recording: { recordCalls: true, consentGreetingId: CONSENT.id }, consent: { id: CONSENT.id } });
    expect(new Uint8Array(store.getState().voice.consent!.bytes)).toEqual(new Uint8Array(Buffer.from('OggS')));
  });
});
