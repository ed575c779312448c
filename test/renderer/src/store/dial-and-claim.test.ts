import { describe, expect, it, vi } from 'vitest';
import { fakeClient } from '../../../helpers/fake-api-client.ts';
import { createAppStore, type DraftStore } from '../../../../renderer/src/store/app-store.ts';
import { ApiError } from '../../../../shared/api-error.ts';
import type { CallLog } from '../../../../shared/leads.ts';
import { card, snapshot } from '../../../helpers/queue-snapshots.ts';
import type { CallingSession } from '../../../../shared/sessions.ts';

const drafts = (): DraftStore => ({ read: () => '', write: () => undefined, clear: () => undefined });


const ada = card(1, 'Ada');
const bob = card(2, 'Bob');
const logged = (input: { leadId: number; number?: string }) => ({
  call: { id: 7, leadName: 'Ada Test', dispositionLabel: 'Bad number', phoneE164: input.number ?? null } as unknown as CallLog,
  queue: snapshot(bob),
});

describe('the number clicked is the number dialled and logged', () => {
  it('dials the lead’s second number and logs the call (and a bad number) to it, not to the offered one', async () => {
    const client = fakeClient({
      'queue.next': () => snapshot(ada),
      'calls.dial': () => ({ dialId: 41, at: '2026-11-23T15:00:00.000Z' }),
      'calls.disposition': logged,
    });
    const store = createAppStore({ client, drafts: drafts(), consoleId: 'console-test-1' });
    await store.getState().loadQueue();
    expect(await store.getState().markDialed('+12125550199')).toBe(true);
    expect(client.call).toHaveBeenCalledWith('calls.dial', { leadId: 1, number: '+12125550199', consoleId: 'console-test-1' });
    await store.getState().logDisposition('bad-number');
    expect(client.call).toHaveBeenCalledWith('calls.disposition', expect.objectContaining({ leadId: 1, code: 'bad-number', number: '+12125550199', dialId: 41 }));
  });
});

describe('a lead that may no longer be called', () => {
  it('is refused at the dial, in main’s words, and the phone does not ring', async () => {
    const client = fakeClient({
      'queue.next': () => snapshot(ada),
      'calls.dial': () => {
        throw new ApiError('conflict', 'Not dialled: Ada Test: the lead is on the do-not-call list.');
      },
    });
    const store = createAppStore({ client, drafts: drafts(), consoleId: 'console-test-1' });
    await store.getState().loadQueue();
    expect(await store.getState().markDialed()).toBe(false);
    expect(store.getState().dialedAt).toBeNull();
    expect(store.getState().notice).toMatchObject({ kind: 'error', text: 'Not dialled: Ada Test: the lead is on the do-not-call list.' });
  });

  it('on screen and marked do-not-call elsewhere: the console says so at once and offers the next lead', async () => {
    let marked = false;
    const client = fakeClient({
      'queue.next': () => (marked ? snapshot(bob, { released: { leadId: 1, name: 'Ada Test', reasons: ['On the do-not-call list'] } }) : snapshot(ada)),
    });
    const store = createAppStore({ client, drafts: drafts(), consoleId: 'console-test-1' });
    await store.getState().loadQueue();
    marked = true;
    await store.getState().refreshQueue();
    expect(store.getState().snapshot?.next?.card.lead.firstName).toBe('Bob');
    expect(store.getState().notice).toMatchObject({ kind: 'error', text: 'Ada Test may no longer be called: on the do-not-call list. Next: Bob Test.' });
  });
});

describe('a reload or a closed page', () => {
  it('finds the call running on the lead again: its number, its dial and its start', async () => {
    const openDial = { dialId: 41, number: '+12125550199', at: '2026-11-23T14:57:00.000Z' };
    const client = fakeClient({ 'queue.next': () => snapshot(ada, {}, { openDial }), 'calls.disposition': logged });
    const store = createAppStore({ client, drafts: drafts(), consoleId: 'console-test-1' });
    await store.getState().loadQueue();
    expect(store.getState().dialedAt).toEqual({ leadId: 1, ...openDial });
    await store.getState().logDisposition('voicemail');
    expect(client.call).toHaveBeenCalledWith('calls.disposition', expect.objectContaining({ dialId: 41, number: '+12125550199' }));
  });

  it('renews the claim while open, and lets it go when the page is closed (not while a call runs)', async () => {
    vi.useFakeTimers();
    try {
      const client = fakeClient({
        'queue.next': () => snapshot(ada),
        'queue.heartbeat': () => ({ held: true, leaseSeconds: 30 }),
        'queue.release': () => ({ released: true }),
        'calls.dial': () => ({ dialId: 41, at: '2026-11-23T15:00:00.000Z' }),
      });
      const store = createAppStore({ client, drafts: drafts(), consoleId: 'console-test-1' });
      await store.getState().loadQueue();
      const page = new EventTarget();
      const stop = store.getState().keepClaim(page as unknown as Window);
      await vi.advanceTimersByTimeAsync(20_000);
      await vi.advanceTimersByTimeAsync(10_000);
      const beats = vi.mocked(client.call).mock.calls.filter(([m]) => m === 'queue.heartbeat');
      expect(beats).toEqual([
        ['queue.heartbeat', { consoleId: 'console-test-1', leadId: 1 }],
        ['queue.heartbeat', { consoleId: 'console-test-1', leadId: 1 }],
      ]);
      page.dispatchEvent(new Event('pagehide'));
      expect(client.call).toHaveBeenCalledWith('queue.release', { consoleId: 'console-test-1' });

      vi.mocked(client.call).mockClear();
      await store.getState().markDialed();
      page.dispatchEvent(new Event('pagehide'));
      expect(vi.mocked(client.call).mock.calls.some(([m]) => m === 'queue.release')).toBe(false);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('live figures after an undo', () => {
  it('ask main again, so the undone call leaves the dial count at once', async () => {
    const session = (dials: number): CallingSession => ({
      ...{ id: 1, rep: null, listName: null, startedAt: '2026-11-23T14:00:00.000Z', endedAt: null, pausedAt: null, activeSeconds: 3600, pausesBetweenCalls: { count: 0, seconds: 0, going: false } },
      stats: { dials, contacts: 0, conversations: 0, qualified: 0, contactRate: null, dialsPerHour: null, talkSeconds: 0 },
    });
    let dials = 1;
    const client = fakeClient({
      'queue.next': () => snapshot(ada),
      'sessions.current': () => session(dials),
      'calls.disposition': logged,
      'calls.undo': () => {
        dials = 0;
        return snapshot(ada);
      },
    });
    const store = createAppStore({ client, drafts: drafts(), consoleId: 'console-test-1' });
    await store.getState().loadQueue();
    await store.getState().loadSession();
    await store.getState().logDisposition('no-answer');
    await store.getState().undoLast();
    await vi.waitFor(() => expect(store.getState().session?.stats.dials).toBe(0));
  });
});
