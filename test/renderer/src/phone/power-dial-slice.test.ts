import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClient } from '../../../helpers/fake-api-client.ts';
import { createAppStore, type DraftStore } from '../../../../renderer/src/store/app-store.ts';
import type { CallEvents, CallOptions, LineEvents, PhoneCall, Softphone } from '../../../../renderer/src/phone/softphone.ts';
import { ApiError } from '../../../../shared/api-error.ts';
import { DEFAULT_DISPOSITIONS } from '../../../../shared/dispositions.ts';
import type { CallLog, LeadCard, QueueSnapshot } from '../../../../shared/leads.ts';
import type { PhoneAccount } from '../../../../shared/phone.ts';

const card = (id: number, firstName: string): LeadCard =>
  ({
    lead: { id, crmId: null, firstName, lastName: 'Test', email: null, company: null, title: null, owner: null, stage: 'IQL', source: null, timeZone: null, requestedCall: false, doNotCall: false, score: 0, attempts: 0, lastAttemptAt: null, lastDisposition: null, createdAt: '2026-11-01T00:00:00.000Z' },
    phones: [{ id: id * 10, raw: `+1212555010${id}`, e164: `+1212555010${id}`, type: 'work', bad: false }],
    activities: [],
    calls: [],
    stageHistory: [],
    draft: '',
  }) as unknown as LeadCard;
const LEADS = [card(1, 'Ada'), card(2, 'Bob'), card(3, 'Cy')];
const snapshotOf = (i: number): QueueSnapshot =>
  ({ now: '2026-11-23T15:00:00.000Z', next: LEADS[i] ? { card: LEADS[i], reasons: [], tier: 'never-called', number: `+1212555010${LEADS[i].lead.id}` } : null, due: 3 - i, dueCapped: 250, total: 3 }) as QueueSnapshot;
const drafts: DraftStore = { read: () => '', write: () => undefined, clear: () => undefined };
const account: PhoneAccount = { server: 'wss://pbx.example.com/ws', uri: 'sip:1001@pbx.example.com', authorizationUser: '1001', realm: 'pbx.example.com', ha1: '0'.repeat(32), displayName: '' };

/** A console on three leads, its softphone registered; main refuses the dials of the leads in `refuse`. */
async function powerConsole(refuse: number[] = []) {
  let at = 0;
  const calls: { number: string; events: CallEvents }[] = [];
  const invites: string[] = [];
  const handle: PhoneCall = { hangUp: vi.fn(), setMuted: vi.fn(), setHeld: vi.fn(), sendDigit: vi.fn(), play: vi.fn(async () => undefined), record: vi.fn(async () => ({ audio: new Blob(), durationMs: 0 })) };
  const softphone: Softphone = {
    start: vi.fn((_: PhoneAccount, events: LineEvents) => events.onLine('registered')),
    stop: vi.fn(),
    openMicrophone: vi.fn(async () => ({ getTracks: () => [{ stop: vi.fn() }] }) as unknown as MediaStream),
    call: vi.fn((number: string, options: CallOptions, events: CallEvents) => {
      calls.push({ number, events });
      // The INVITE leaves once main has the dial on record, as jssip-softphone.ts does.
      void (options.recorded ?? Promise.resolve(true)).then((go) => go && invites.push(number));
      return handle;
    }),
  };
  const client = fakeClient({
    'queue.next': () => snapshotOf(at),
    'queue.skip': () => snapshotOf(++at),
    'phone.settings': () => ({ mode: 'softphone', ringsBeforeNoAnswer: 5, outcomes: 'preselect', microphoneId: '', speakerId: '', powerDialSeconds: 3 }),
    'phone.account': () => account,
    'calls.dial': ({ leadId }: { leadId: number }) => {
      if (refuse.includes(leadId)) throw new ApiError('conflict', `Not dialled: ${LEADS[leadId - 1]!.lead.firstName} Test: the lead is on the do-not-call list.`);
      return { dialId: 40 + leadId, at: '2026-11-23T15:00:00.000Z' };
    },
    'calls.disposition': ({ leadId }: { leadId: number }) => ({ call: { id: leadId, leadName: 'x', dispositionLabel: 'No answer' } as CallLog, queue: snapshotOf(++at) }),
    'sessions.pauseDialing': () => null,
    'sessions.resumeDialing': () => null,
  });
  const store = createAppStore({ client, drafts, consoleId: 'console-power-1', softphone });
  store.setState({ dispositions: [...DEFAULT_DISPOSITIONS] });
  await store.getState().loadQueue();
  await store.getState().startPhone();
  return { store, client, calls, dialled: () => invites };
}

afterEach(() => vi.useRealTimers());

describe('power dialing', () => {
  it('dials the lead on screen when the countdown ends, and the next lead after its disposition, never before', async () => {
    vi.useFakeTimers();
    const { store, dialled, calls } = await powerConsole();
    await store.getState().togglePowerDialing();
    expect(store.getState().countdown).toMatchObject({ leadId: 1, number: '+12125550101', seconds: 3 });
    await vi.advanceTimersByTimeAsync(2_999);
    expect(dialled()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(dialled()).toEqual(['+12125550101']);
    // The call ends: the lead stays on screen for its disposition, and nothing else is dialled meanwhile.
    calls[0]!.events.onEnded({ by: 'remote', cause: 'Terminated', answered: true });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(dialled()).toEqual(['+12125550101']);
    expect(store.getState().countdown).toBeNull();
    await store.getState().logDisposition('no-answer');
    expect(store.getState().countdown).toMatchObject({ leadId: 2 });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(dialled()).toEqual(['+12125550101', '+12125550102']);
  });

  it('P holds the countdown as a pause between calls in the session, and lets it run on', async () => {
    vi.useFakeTimers();
    const { store, client, dialled } = await powerConsole();
    await store.getState().togglePowerDialing();
    await vi.advanceTimersByTimeAsync(1_000);
    store.getState().toggleCountdownPause();
    expect(client.call).toHaveBeenCalledWith('sessions.pauseDialing', { consoleId: 'console-power-1' });
    expect(store.getState().countdown).toMatchObject({ dialAt: null, leftMs: 2_000 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(dialled()).toEqual([]);
    store.getState().toggleCountdownPause();
    expect(client.call).toHaveBeenCalledWith('sessions.resumeDialing', { consoleId: 'console-power-1' });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(dialled()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(dialled()).toEqual(['+12125550101']);
  });

  it('skipping (S) while paused ends the pause, and counts down for the next lead', async () => {
    vi.useFakeTimers();
    const { store, client, dialled } = await powerConsole();
    await store.getState().togglePowerDialing();
    store.getState().toggleCountdownPause();
    await store.getState().skip();
    expect(client.call).toHaveBeenCalledWith('sessions.resumeDialing', { consoleId: 'console-power-1' });
    expect(store.getState().countdown).toMatchObject({ leadId: 2 });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(dialled()).toEqual(['+12125550102']);
  });

  it('skips a lead main refuses at the instant of the dial, with a sentence, and never rings it', async () => {
    vi.useFakeTimers();
    const { store, dialled } = await powerConsole([1]);
    await store.getState().togglePowerDialing();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(dialled()).toEqual([]);
    expect(store.getState().notice?.text).toBe('Power dialing skipped Ada Test: never dialled. Not dialled: Ada Test: the lead is on the do-not-call list.');
    expect(store.getState().snapshot?.next?.card.lead.id).toBe(2);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(dialled()).toEqual(['+12125550102']);
  });

  it('G turns it off: the countdown goes, nothing is dialled', async () => {
    vi.useFakeTimers();
    const { store, dialled } = await powerConsole();
    await store.getState().togglePowerDialing();
    await store.getState().togglePowerDialing();
    expect(store.getState().countdown).toBeNull();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(dialled()).toEqual([]);
  });
});
