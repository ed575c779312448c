import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../../renderer/src/store/app-store.ts';
import { REASK_GAP_MS } from '../../../../renderer/src/store/inbound-slice.ts';
import { callRequestText } from '../../../../shared/call-request.ts';
import type { InboundArrival } from '../../../../shared/events.ts';
import type { QueueSnapshot } from '../../../../shared/leads.ts';
import { fakeClient } from '../../../helpers/fake-api-client.ts';
import { card, snapshot } from '../../../helpers/queue-snapshots.ts';

const ada = card(1, 'Ada');
const dana = card(9, 'Dana');
const NOW = Date.parse('2026-11-23T15:00:00.000Z');
const arrival = (leadId: number, name: string): InboundArrival => ({ leadId, name, company: 'Acme', requestedAt: NOW - 20_000 });
const drafts = { read: () => '', write: () => undefined, clear: () => undefined };

/** A console showing Ada, whose queue answers Dana once asked to reconsider; every question is kept. */
function consoleOnAda() {
  const asked: { reconsider?: boolean }[] = [];
  let open: (() => void)[] = [];
  const client = fakeClient({
    'queue.next': (input: { reconsider?: boolean }) => {
      asked.push(input);
      if (asked.length === 1) return snapshot(ada);
      // Held until the test lets the answer go: a burst arrives while one question is out.
      return new Promise<QueueSnapshot>((resolve) => open.push(() => resolve(input.reconsider ? snapshot(dana) : snapshot(ada, { total: 3 }))));
    },
    'calls.dial': () => ({ dialId: 41, at: '2026-11-23T15:00:00.000Z' }),
  });
  const store = createAppStore({ client, drafts, consoleId: 'console-1' });
  const answerAll = async () => {
    while (open.length) {
      const now = open;
      open = [];
      for (const release of now) release();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  return { client, store, asked, answerAll };
}

describe('a lead asking for a call, on a console', () => {
  it('between calls: announces it and shows the hand-raiser the queue offers on reconsidering', async () => {
    const { client, store, asked, answerAll } = consoleOnAda();
    await store.getState().loadQueue();
    store.getState().followInbound();
    client.emit('inbound.arrived', arrival(9, 'Dana Whitfield'));
    expect(store.getState().callRequests.map((r) => r.name)).toEqual(['Dana Whitfield']);
    await answerAll();
    expect(asked.at(-1)).toEqual({ consoleId: 'console-1', reconsider: true });
    expect(store.getState().snapshot?.next?.card.lead.id).toBe(9);
  });

  it('with a lead dialled: keeps it on screen and only refreshes the counts', async () => {
    const { client, store, asked, answerAll } = consoleOnAda();
    await store.getState().loadQueue();
    store.getState().followInbound();
    expect(await store.getState().markDialed()).toBe(true);
    client.emit('inbound.arrived', arrival(9, 'Dana Whitfield'));
    await answerAll();
    expect(asked.at(-1)).toEqual({ consoleId: 'console-1' });
    expect(store.getState().snapshot?.next?.card.lead.id).toBe(1);
    expect(store.getState().snapshot?.total).toBe(3);
    expect(store.getState().callRequests).toHaveLength(1);
  });

  it('a burst of fifty asks the queue twice, not fifty times, the second a second after the first, and lists the newest three', async () => {
    const { client, store, asked, answerAll } = consoleOnAda();
    await store.getState().loadQueue();
    store.getState().followInbound();
    for (let n = 0; n < 50; n++) client.emit('inbound.arrived', arrival(100 + n, `Lead ${n}`));
    // The first arrival is asked about at once; the rest wait for the gap, together.
    await answerAll();
    await new Promise((resolve) => setTimeout(resolve, REASK_GAP_MS / 2));
    expect(asked).toHaveLength(1 + 1);
    await new Promise((resolve) => setTimeout(resolve, REASK_GAP_MS / 2 + 50));
    await answerAll();
    expect(asked).toHaveLength(1 + 2);
    expect(store.getState().callRequests.map((r) => r.name)).toEqual(['Lead 49', 'Lead 48', 'Lead 47']);
    expect(store.getState().callRequestsMore).toBe(47);
    store.getState().dismissCallRequest(149);
    expect(store.getState().callRequests.map((r) => r.name)).toEqual(['Lead 48', 'Lead 47']);
  });

  it('says who asked, where from and how long ago, counted from the request', () => {
    expect(callRequestText(arrival(9, 'Dana Whitfield'), NOW)).toBe('New call request: Dana Whitfield, Acme — asked 20 s ago');
    expect(callRequestText({ name: 'Lee', company: null, requestedAt: NOW - 5 * 60_000 }, NOW)).toBe('New call request: Lee — asked 5 min ago');
  });
});
