import { describe, expect, it, vi } from 'vitest';
import { fakeClient } from '../../../helpers/fake-api-client.ts';
import { createAppStore } from '../../../../renderer/src/store/app-store.ts';
import { card, snapshot } from '../../../helpers/queue-snapshots.ts';

const drafts = { read: () => '', write: () => undefined, clear: () => undefined };

describe('a console follows the store changes made elsewhere, not its own', () => {
  const setUp = () => {
    const client = fakeClient({});
    const store = createAppStore({ client, drafts, consoleId: 'console-a' });
    const listener = vi.fn();
    const stop = store.getState().onChangesElsewhere(listener);
    return { client, listener, stop };
  };

  it('asks again after an import, the CLI or another console', () => {
    const { client, listener } = setUp();
    client.emit('store.changed', { reason: 'import' });
    client.emit('store.changed', { reason: 'elsewhere' });
    client.emit('store.changed', { reason: 'disposition', byConsole: 'console-b' });
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('does not ask again after its own disposition or undo: their answers carried the new lead', () => {
    const { client, listener } = setUp();
    client.emit('store.changed', { reason: 'disposition', byConsole: 'console-a' });
    expect(listener).not.toHaveBeenCalled();
  });

  it('stops listening when told', () => {
    const { client, listener, stop } = setUp();
    stop();
    client.emit('store.changed', { reason: 'import' });
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('a console with nothing to call', () => {
  it('asks again when main said the next lead comes due, and shows it without a key or a reload', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-23T15:00:00Z') });
    try {
      // Main's clock is 10 s ahead of this window's: the wait is read on main's clock.
      const answers = [
        snapshot(null, { now: '2026-11-23T15:00:10.000Z', nextEligible: { at: '2026-11-23T15:04:10.000Z', reason: 'the first retry comes due' } }),
        snapshot(card(7, 'Ada'), { now: '2026-11-23T15:04:10.600Z' }),
      ];
      const client = fakeClient({ 'queue.next': () => answers.shift() });
      const store = createAppStore({ client, drafts, consoleId: 'console-a' });
      const stop = store.getState().followNextLead();
      await store.getState().loadQueue();
      await vi.advanceTimersByTimeAsync(4 * 60_000 - 100);
      expect(store.getState().snapshot?.next).toBeNull();
      await vi.advanceTimersByTimeAsync(700);
      expect(store.getState().snapshot?.next?.card.lead.id).toBe(7);
      expect(vi.mocked(client.call).mock.calls.map(([method]) => method)).toEqual(['queue.next', 'queue.next']);
      // A lead on screen: no more questions of its own.
      await vi.advanceTimersByTimeAsync(60 * 60_000);
      expect(client.call).toHaveBeenCalledTimes(2);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks nothing when main names no time, nor after it is stopped', async () => {
    vi.useFakeTimers();
    try {
      const client = fakeClient({ 'queue.next': () => snapshot(null, { nextEligible: { at: new Date(Date.now() + 60_000).toISOString(), reason: 'a callback is booked' } }) });
      const store = createAppStore({ client, drafts, consoleId: 'console-a' });
      const stop = store.getState().followNextLead();
      store.getState().showSnapshot(snapshot(null, { nextEligible: null }));
      await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
      expect(client.call).not.toHaveBeenCalled();
      await store.getState().loadQueue();
      stop();
      await vi.advanceTimersByTimeAsync(24 * 60 * 60_000);
      expect(client.call).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
