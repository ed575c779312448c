import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../../renderer/src/store/app-store.ts';
import type { ListedRecording, RecordingCursor, RecordingsPage } from '../../../../shared/call-audio.ts';
import { ApiError } from '../../../../shared/api-error.ts';
import { fakeClient } from '../../../helpers/fake-api-client.ts';

const drafts = { read: () => '', write: () => undefined, clear: () => undefined };

/** 120 recordings, a minute apart, newest first: main's answer, a page at a time from the cursor. */
const ALL: ListedRecording[] = Array.from({ length: 120 }, (_, i) => ({
  id: 120 - i,
  leadId: 1000 + i,
  dialId: 5000 + i,
  callId: null,
  startedAt: new Date(Date.parse('2026-11-23T15:00:00Z') - i * 60_000).toISOString(),
  durationMs: 65_000,
  bytes: 1000,
  type: 'audio/webm',
  leadName: `Lead ${i}`,
  recordedBy: i % 2 ? 'avery' : 'blake',
}));

function pageOf({ before, limit }: { before?: RecordingCursor; limit: number }): RecordingsPage {
  const from = before ? ALL.findIndex((r) => r.id === before.id) + 1 : 0;
  const recordings = ALL.slice(from, from + limit);
  const last = recordings.at(-1)!;
  return { recordings, next: from + limit < ALL.length ? { startedAt: last.startedAt, id: last.id } : null };
}

describe('the list of recordings', () => {
  it('shows the newest page on opening, the older ones below it when asked, and stops at the oldest', async () => {
    const asked: unknown[] = [];
    const client = fakeClient({ 'recordings.list': (input: { before?: RecordingCursor; limit: number }) => (asked.push(input), pageOf(input)) });
    const store = createAppStore({ client, drafts, consoleId: 'console-lead' });
    await store.getState().loadRecordings();
    expect(store.getState().recordingList).toMatchObject({ loading: false, problem: null, next: { id: 71 } });
    expect(store.getState().recordingList!.recordings.map((r) => r.leadName).slice(0, 2)).toEqual(['Lead 0', 'Lead 1']);
    await store.getState().loadMoreRecordings();
    await store.getState().loadMoreRecordings();
    const list = store.getState().recordingList!;
    expect(list.recordings.map((r) => r.id)).toEqual(ALL.map((r) => r.id));
    expect(list.next).toBeNull();
    // At the oldest, nothing more is asked.
    await store.getState().loadMoreRecordings();
    expect(asked).toEqual([{ limit: 50 }, { before: { startedAt: ALL[49]!.startedAt, id: 71 }, limit: 50 }, { before: { startedAt: ALL[99]!.startedAt, id: 21 }, limit: 50 }]);
  });

  it('asks for the next page once however often it is asked while the page is on its way', async () => {
    let calls = 0;
    const client = fakeClient({ 'recordings.list': (input: { before?: RecordingCursor; limit: number }) => (calls++, pageOf(input)) });
    const store = createAppStore({ client, drafts, consoleId: 'console-lead' });
    await store.getState().loadRecordings();
    await Promise.all([store.getState().loadMoreRecordings(), store.getState().loadMoreRecordings(), store.getState().loadMoreRecordings()]);
    expect(calls).toBe(2);
    expect(store.getState().recordingList!.recordings).toHaveLength(100);
  });

  it('keeps the pages shown and says why when a page cannot be read; opening again starts from the newest', async () => {
    let refuse = false;
    const client = fakeClient({
      'recordings.list': (input: { before?: RecordingCursor; limit: number }) => {
        if (refuse) throw new ApiError('unauthorized', 'Sign in first: your session has ended or you have not signed in.');
        return pageOf(input);
      },
    });
    const store = createAppStore({ client, drafts, consoleId: 'console-lead' });
    await store.getState().loadRecordings();
    refuse = true;
    await store.getState().loadMoreRecordings();
    expect(store.getState().recordingList).toMatchObject({ loading: false, problem: 'Sign in first: your session has ended or you have not signed in.', next: { id: 71 } });
    expect(store.getState().recordingList!.recordings).toHaveLength(50);
    refuse = false;
    await store.getState().loadMoreRecordings();
    await store.getState().loadRecordings();
    expect(store.getState().recordingList).toMatchObject({ problem: null, next: { id: 71 } });
    expect(store.getState().recordingList!.recordings).toHaveLength(50);
  });
});
