import type { StateCreator } from 'zustand/vanilla';
import { RECORDINGS_PAGE, type ListedRecording, type RecordingCursor } from '../../../shared/call-audio.ts';
import type { AppState, StoreDeps } from '../store/app-store.ts';
import { messageOf } from '../store/error-message.ts';

export interface RecordingList {
  /** The pages read so far, newest first. */
  recordings: ListedRecording[];
  /** Where the next page starts; null once the oldest is shown. */
  next: RecordingCursor | null;
  loading: boolean;
  /** Why the last read failed, in main's words; the pages already shown stay. */
  problem: string | null;
}

/**
 * The Recordings screen's list: a team lead's (or an admin's) every recording of the team, a rep's
 * their own (main decides: recordings.list), newest first, a page at a time. A team keeps many
 * thousands: the screen reads one page on opening and the next only when asked.
 */
export interface RecordingsSlice {
  recordingList: RecordingList | null;
  /** The newest page, read again (opening the screen): what was shown before is replaced. */
  loadRecordings(): Promise<void>;
  /** The page after the last one shown, added below it; nothing when a read is on its way or the oldest is shown. */
  loadMoreRecordings(): Promise<void>;
}

export const createRecordingsSlice =
  ({ client }: StoreDeps): StateCreator<AppState, [], [], RecordingsSlice> =>
  (set, get) => {
    // A page asked for before the list was read again is dropped when it comes: it would follow the old list.
    let reading = 0;
    const read = async (before: RecordingCursor | null) => {
      const mine = ++reading;
      const shown = before ? (get().recordingList?.recordings ?? []) : [];
      set({ recordingList: { recordings: shown, next: before, loading: true, problem: null } });
      try {
        const page = await client.call('recordings.list', before ? { before, limit: RECORDINGS_PAGE } : { limit: RECORDINGS_PAGE });
        if (mine !== reading) return;
        set({ recordingList: { recordings: [...shown, ...page.recordings], next: page.next, loading: false, problem: null } });
      } catch (error) {
        if (mine !== reading) return;
        set({ recordingList: { recordings: shown, next: before, loading: false, problem: messageOf(error) } });
      }
    };
    return {
      recordingList: null,
      loadRecordings: () => read(null),
      async loadMoreRecordings() {
        const list = get().recordingList;
        if (!list || list.loading || !list.next) return;
        await read(list.next);
      },
    };
  };
