import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClient } from '../../../helpers/fake-api-client.ts';
import { createAppStore, type DraftStore } from '../../../../renderer/src/store/app-store.ts';
import type { CallEvents, CallOptions, LineEvents, PhoneCall, Softphone } from '../../../../renderer/src/phone/softphone.ts';
import { ApiError } from '../../../../shared/api-error.ts';
import { DEFAULT_DISPOSITIONS } from '../../../../shared/dispositions.ts';
import type { CallLog, LeadCard, QueueSnapshot } from '../../../../shared/leads.ts';
import type { PhoneAccount, PhoneSettingsView } from '../../../../shared/phone.ts';

const lead = {
  lead: { id: 1, crmId: null, firstName: 'Ada', lastName: 'Test', email: null, company: null, title: null, owner: null, stage: 'IQL', source: null, timeZone: null, requestedCall: false, doNotCall: false, score: 0, attempts: 0, lastAttemptAt: null, lastDisposition: null, createdAt: '2026-11-01T00:00:00.000Z' },
  phones: [{ id: 10, raw: '+12125550100', e164: '+12125550100', type: 'work', bad: false }],
  activities: [],
  calls: [],
  stageHistory: [],
  draft: '',
} as unknown as LeadCard;
const snapshot: QueueSnapshot = { now: '2026-11-23T15:00:00.000Z', next: { card: lead, reasons: [], tier: 'never-called', number: '+12125550100' }, due: 1, dueCapped: 250, total: 1 } as QueueSnapshot;
const drafts: DraftStore = { read: () => '', write: () => undefined, clear: () => undefined };
const account: PhoneAccount = { server: 'wss://pbx.example.com/ws', uri: 'sip:1001@pbx.example.com', authorizationUser: '1001', realm: 'pbx.example.com', ha1: '0'.repeat(32), displayName: '' };

/** A softphone that does what the test tells it, and remembers what it was asked. */
function fakeSoftphone() {
  const track = { stop: vi.fn() };
  const microphone = { getTracks: () => [track] } as unknown as MediaStream;
  const call: PhoneCall & Record<string, ReturnType<typeof vi.fn>> = { hangUp: vi.fn(), setMuted: vi.fn(), setHeld: vi.fn(), sendDigit: vi.fn(), play: vi.fn(async () => undefined), record: vi.fn(async () => ({ audio: new Blob(), durationMs: 0 })) };
  const phone = {
    line: null as LineEvents | null,
    events: null as CallEvents | null,
    /** The numbers whose INVITE left: a call's INVITE waits for main's record of the dial. */
    invites: [] as string[],
    microphone,
    call,
    softphone: {
      start: vi.fn((_: PhoneAccount, events: LineEvents) => {
        phone.line = events;
        events.onLine('registered');
      }),
      stop: vi.fn(),
      openMicrophone: vi.fn(async () => microphone),
      call: vi.fn((number: string, options: CallOptions, events: CallEvents) => {
        phone.events = events;
        void (options.recorded ?? Promise.resolve(true)).then((go) => go && phone.invites.push(number));
        return call;
      }),
    } satisfies Softphone,
  };
  return phone;
}

async function consoleWith(settings: Partial<PhoneSettingsView>, handlers: Record<string, (input: never) => unknown> = {}) {
  const phone = fakeSoftphone();
  const client = fakeClient({
    'queue.next': () => snapshot,
    'phone.settings': () => ({ mode: 'softphone', ringsBeforeNoAnswer: 2, outcomes: 'preselect', microphoneId: '', speakerId: '', ...settings }),
    'phone.account': () => account,
    'calls.dial': () => ({ dialId: 41, at: '2026-11-23T15:00:00.000Z' }),
    'phone.outcome': () => ({ flaggedBad: false }),
    ...handlers,
  });
  const store = createAppStore({ client, drafts, consoleId: 'console-test-1', softphone: phone.softphone });
  store.setState({ dispositions: [...DEFAULT_DISPOSITIONS] });
  await store.getState().loadQueue();
  await store.getState().startPhone();
  return { store, client, phone };
}

afterEach(() => vi.useRealTimers());

describe('the softphone in the console', () => {
  it('sends the INVITE only once main has the dial on record, to the number main recorded', async () => {
    let answer: (value: { dialId: number; at: string }) => void = () => undefined;
    const { store, client, phone } = await consoleWith({}, { 'calls.dial': () => new Promise((resolve) => (answer = resolve)) });
    const dialling = store.getState().dialByPhone();
    // The call is prepared meanwhile (offer, candidates), but nothing has left for the lead's phone.
    await vi.waitFor(() => expect(client.call).toHaveBeenCalledWith('calls.dial', { leadId: 1, number: '+12125550100', consoleId: 'console-test-1' }));
    expect(phone.softphone.call).toHaveBeenCalledWith('+12125550100', expect.objectContaining({ microphone: phone.microphone, speakerId: '' }), expect.anything());
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(phone.invites).toEqual([]);
    answer({ dialId: 41, at: '2026-11-23T15:00:00.000Z' });
    expect(await dialling).toBe('dialled');
    await vi.waitFor(() => expect(phone.invites).toEqual(['+12125550100']));
    expect(store.getState().phoneCall).toMatchObject({ leadId: 1, dialId: 41, stage: 'dialling' });
  });

  it('never rings a lead main refuses (do-not-call since it was shown), and lets the microphone go', async () => {
    const { store, phone } = await consoleWith({}, {
      'calls.dial': () => {
        throw new ApiError('conflict', 'Not dialled: Ada Test: the lead is on the do-not-call list.');
      },
    });
    expect(await store.getState().dialByPhone()).toBe('refused');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(phone.invites).toEqual([]);
    expect(phone.microphone.getTracks()[0]!.stop).toHaveBeenCalled();
    expect(store.getState().notice?.text).toBe('Not dialled: Ada Test: the lead is on the do-not-call list.');
  });

  it('records no dial while the line is down, and says why', async () => {
    const { store, client, phone } = await consoleWith({});
    phone.line!.onLine('failed', '401 Unauthorized');
    await store.getState().dialByPhone();
    expect(client.call).not.toHaveBeenCalledWith('calls.dial', expect.anything());
    expect(store.getState().notice?.text).toMatch(/^Not dialled: The phone system refused your SIP user or password \(401 Unauthorized\)/);
  });

  it('times the call by the network: ringing, then talk time from the answer, then the cause it ended with', async () => {
    const { store, phone } = await consoleWith({});
    await store.getState().dialByPhone();
    phone.events!.onRinging();
    expect(store.getState().phoneCall?.stage).toBe('ringing');
    phone.events!.onAnswered();
    const answered = store.getState().phoneCall!;
    expect(answered.stage).toBe('answered');
    expect(answered.answeredAt).toBeGreaterThanOrEqual(answered.ringingAt!);
    store.getState().toggleMute();
    expect(phone.call.setMuted).toHaveBeenCalledWith(true);
    store.getState().sendDigit('5');
    expect(phone.call.sendDigit).toHaveBeenCalledWith('5');
    phone.events!.onEnded({ by: 'remote', cause: 'Terminated', answered: true });
    await vi.waitFor(() => expect(store.getState().phoneCall).toMatchObject({ stage: 'ended', cause: 'Terminated', outcome: null }));
  });

  it('ends an unanswered call after the rings set, and logs No answer with the reason when the rep chose so', async () => {
    vi.useFakeTimers();
    const disposition = vi.fn(() => ({ call: { id: 7, leadName: 'Ada Test', dispositionLabel: 'No answer' } as CallLog, queue: { ...snapshot, next: null } }));
    const { store, client, phone } = await consoleWith({ outcomes: 'log', ringsBeforeNoAnswer: 2 }, { 'calls.disposition': disposition });
    await store.getState().dialByPhone();
    phone.events!.onRinging();
    vi.advanceTimersByTime(11_999);
    expect(phone.call.hangUp).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(phone.call.hangUp).toHaveBeenCalled();
    phone.events!.onEnded({ by: 'local', cause: 'Canceled', answered: false });
    await vi.waitFor(() => expect(disposition).toHaveBeenCalled());
    expect(client.call).toHaveBeenCalledWith('phone.outcome', { leadId: 1, dialId: 41, number: '+12125550100', outcome: 'no-answer', cause: 'No answer after 2 rings' });
    expect(disposition).toHaveBeenCalledWith(expect.objectContaining({ code: 'no-answer', dialId: 41, reason: 'The network answered: No answer after 2 rings' }));
  });

  it('pre-selects Busy for a busy line, with the cause as the reason the key will log', async () => {
    const { store, phone } = await consoleWith({});
    await store.getState().dialByPhone();
    phone.events!.onEnded({ by: 'remote', status: 486, cause: '486 Busy Here', answered: false });
    await vi.waitFor(() => expect(store.getState().suggested).toEqual({ leadId: 1, code: 'busy', reason: 'The network answered: 486 Busy Here' }));
    expect(store.getState().notice?.text).toBe('The line is busy (486 Busy Here). Press 3 to log “Busy”.');
  });

  it('refuses a disposition, S, Z, U and C while the call is going, in a sentence, and moves on only once it ended', async () => {
    const disposition = vi.fn(() => ({ call: { id: 7, leadName: 'Ada Test', dispositionLabel: 'Busy' } as CallLog, queue: { ...snapshot, next: null } }));
    const skip = vi.fn(() => ({ ...snapshot, next: null }));
    const undo = vi.fn(() => snapshot);
    const { store, client, phone } = await consoleWith({}, { 'calls.disposition': disposition, 'queue.skip': skip, 'calls.undo': undo });
    store.setState({ lastCall: { id: 6, leadName: 'Earlier Lead', dispositionLabel: 'No answer' } as CallLog });
    await store.getState().dialByPhone();
    phone.events!.onRinging();
    phone.events!.onAnswered();
    const before = store.getState();
    const going = 'The call to Ada Test is still going: press H to hang up first.';
    for (const [key, press] of [
      ['3 (Busy)', () => store.getState().logDisposition('busy')],
      ['0 (Callback, which asks a time)', () => store.getState().logDisposition('callback')],
      ['S', () => store.getState().skip()],
      ['Z', () => store.getState().askSnooze()],
      ['U', () => store.getState().undoLast()],
      ['C', () => store.getState().dialByPhone()],
    ] as const) {
      store.setState({ notice: null });
      await press();
      expect(store.getState().notice?.text, key).toBe(going);
      expect(store.getState().snapshot, key).toBe(before.snapshot);
      expect(store.getState().askingTime, key).toBeNull();
    }
    expect(disposition).not.toHaveBeenCalled();
    expect(skip).not.toHaveBeenCalled();
    expect(undo).not.toHaveBeenCalled();
    expect(vi.mocked(client.call).mock.calls.filter(([method]) => method === 'calls.dial')).toHaveLength(1);
    expect(phone.softphone.call).toHaveBeenCalledTimes(1);
    expect(store.getState().phoneCall).toMatchObject({ stage: 'answered', leadId: 1 });

    // Hung up: the same key logs the call.
    store.getState().hangUp();
    phone.events!.onEnded({ by: 'local', cause: 'Terminated', answered: true });
    await vi.waitFor(() => expect(store.getState().phoneCall?.stage).toBe('ended'));
    await store.getState().logDisposition('busy');
    expect(disposition).toHaveBeenCalledWith(expect.objectContaining({ code: 'busy', dialId: 41 }));
  });

  it('names the number when the lead has no name', async () => {
    const nameless = { ...snapshot, next: { ...snapshot.next!, card: { ...lead, lead: { ...lead.lead, firstName: '', lastName: '' } } } } as QueueSnapshot;
    const { store } = await consoleWith({}, { 'queue.next': () => nameless });
    await store.getState().dialByPhone();
    store.getState().askSnooze();
    expect(store.getState().notice?.text).toBe('The call to +12125550100 is still going: press H to hang up first.');
  });
});
