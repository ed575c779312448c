import { describe, expect, it, vi } from 'vitest';
import { fakeClient } from '../../../helpers/fake-api-client.ts';
import { createAppStore, type DraftStore } from '../../../../renderer/src/store/app-store.ts';
import { ApiError } from '../../../../shared/api-error.ts';
import type { CallLog, LeadCard, QueueSnapshot } from '../../../../shared/leads.ts';

function card(id: number, firstName: string): LeadCard {
  return {
    lead: {
      id,
      crmId: null,
      firstName,
      lastName: 'Test',
      email: null,
      company: null,
      title: null,
      owner: null,
      stage: 'IQL',
      source: null,
      timeZone: null,
      requestedCall: false,
      doNotCall: false,
      score: 0,
      attempts: 0,
      lastAttemptAt: null,
      lastDisposition: null,
      createdAt: '2026-11-01T00:00:00.000Z',
    },
    phones: [],
    activities: [],
    calls: [],
    stageHistory: [],
    draft: '',
  };
}

const snapshot = (c: LeadCard | null): QueueSnapshot => ({
  now: '2026-11-23T15:00:00.000Z',
  next: c && { card: c, reasons: ['Never called'], tier: 'never-called', number: '+12125550100' },
  due: 2,
  dueCapped: 1000,
  total: 2,
});

function memoryDrafts(): DraftStore & { all: Map<number, string> } {
  const all = new Map<number, string>();
  return { all, read: (id) => all.get(id) ?? '', write: (id, text) => void all.set(id, text), clear: (id) => void all.delete(id) };
}


describe('the console store', () => {
  it('logs a disposition with the rep’s note, then shows the next lead with its own (empty) note', async () => {
    const ada = card(1, 'Ada');
    const bob = card(2, 'Bob');
    const drafts = memoryDrafts();
    const client = fakeClient({
      'queue.next': () => snapshot(ada),
      'calls.disposition': (input: { leadId: number; code: string; notes: string }) => ({
        call: { leadName: 'Ada Test', dispositionLabel: 'Busy', ...input } as unknown as CallLog,
        queue: snapshot(bob),
      }),
    });
    const store = createAppStore({ client, drafts, consoleId: 'console-test-1' });
    await store.getState().loadQueue();
    store.getState().setNotes('Call after 3pm');
    expect(drafts.all.get(1)).toBe('Call after 3pm');

    await store.getState().logDisposition('busy');
    expect(client.call).toHaveBeenCalledWith('calls.disposition', { leadId: 1, code: 'busy', notes: 'Call after 3pm', consoleId: 'console-test-1', number: '+12125550100' });
    expect(store.getState().snapshot?.next?.card.lead.firstName).toBe('Bob');
    expect(store.getState().notes).toBe('');
    expect(drafts.all.has(1)).toBe(false);
  });

  it('keeps the note on screen and in drafts when the disposition fails, and says why', async () => {
    const drafts = memoryDrafts();
    const client = fakeClient({
      'queue.next': () => snapshot(card(1, 'Ada')),
      'calls.disposition': () => {
        throw new ApiError('internal', 'Nextcall could not complete calls.disposition. The details are in the log.');
      },
    });
    const store = createAppStore({ client, drafts, consoleId: 'console-test-1' });
    await store.getState().loadQueue();
    store.getState().setNotes('Wants a quote');
    await store.getState().logDisposition('qualified');
    expect(store.getState().notes).toBe('Wants a quote');
    expect(drafts.all.get(1)).toBe('Wants a quote');
    expect(store.getState().notice).toMatchObject({ kind: 'error', text: 'Nextcall could not complete calls.disposition. The details are in the log.' });
    expect(store.getState().snapshot?.next?.card.lead.id).toBe(1);
  });

  it('brings back a note typed before a reload', async () => {
    const drafts = memoryDrafts();
    drafts.write(1, 'Half-typed note');
    const store = createAppStore({ client: fakeClient({ 'queue.next': () => snapshot(card(1, 'Ada')) }), drafts, consoleId: 'console-test-1' });
    await store.getState().loadQueue();
    expect(store.getState().notes).toBe('Half-typed note');
  });

  it('logs one call, not two, when the key is pressed twice quickly', async () => {
    let release!: () => void;
    const client = fakeClient({
      'queue.next': () => snapshot(card(1, 'Ada')),
      'calls.disposition': () =>
        new Promise((resolve) => {
          release = () => resolve({ call: { leadName: 'Ada', dispositionLabel: 'Busy' }, queue: snapshot(null) });
        }),
    });
    const store = createAppStore({ client, drafts: memoryDrafts(), consoleId: 'console-test-1' });
    await store.getState().loadQueue();
    const first = store.getState().logDisposition('busy');
    const second = store.getState().logDisposition('busy');
    release();
    await Promise.all([first, second]);
    expect(vi.mocked(client.call).mock.calls.filter(([method]) => method === 'calls.disposition')).toHaveLength(1);
  });
});

describe('notes as the rep types', () => {
  it('go to main a moment after the rep pauses, and come back from main when this window has none', async () => {
    vi.useFakeTimers();
    try {
      const saved: unknown[] = [];
      const withDraft = { ...card(1, 'Ada'), draft: 'From another window' };
      const client = fakeClient({
        'queue.next': () => snapshot(withDraft),
        'calls.saveDraft': (input: unknown) => {
          saved.push(input);
          return { saved: true };
        },
      });
      const store = createAppStore({ client, drafts: memoryDrafts(), consoleId: 'console-test-1' });
      await store.getState().loadQueue();
      expect(store.getState().notes).toBe('From another window');
      store.getState().setNotes('Wants');
      store.getState().setNotes('Wants a quote');
      expect(saved).toEqual([]);
      await vi.advanceTimersByTimeAsync(500);
      expect(saved).toEqual([{ leadId: 1, notes: 'Wants a quote' }]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the session strip’s exports', () => {
  it('offer a PDF only where the shell prints one (the desktop app), and ask main for the running session’s', async () => {
    for (const pdf of [true, false]) {
      const client = fakeClient({
        'sessions.current': () => ({ id: 7 }),
        'app.capabilities': () => ({ pdf }),
        'sessions.export': () => [],
      });
      const store = createAppStore({ client, drafts: memoryDrafts(), consoleId: 'console-test-1' });
      await store.getState().loadSession();
      await store.getState().loadCapabilities();
      expect(store.getState().canPrintPdf).toBe(pdf);
      await store.getState().downloadSessionReport('pdf');
      expect(client.call).toHaveBeenCalledWith('sessions.export', expect.objectContaining({ sessionId: 7, format: 'pdf' }));
    }
  });
});
