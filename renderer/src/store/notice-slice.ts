import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store.ts';
import { messageOf } from './error-message.ts';

export interface Notice {
  kind: 'error' | 'info';
  text: string;
  /** How long it stays on screen; by default a few seconds (longer for an error). */
  ttlMs?: number;
}

/** A confirmation is read at a glance; an error says what went wrong and needs a little longer. */
export const NOTICE_MS = { info: 5_000, error: 10_000 } as const;

export interface NoticeSlice {
  /** The message on screen; `id` tells two alike apart, so each gets its full time. */
  notice: (Notice & { id: number }) | null;
  showNotice(notice: Notice): void;
  /** Takes this message away (or the one on screen): a later message is left alone. */
  clearNotice(id?: number): void;
  /** The error notice, in main's words (an ApiError carries the sentence). */
  showError(error: unknown): void;
  /**
   * Runs a call to main. If it fails, the error notice says why in main's words and the answer is
   * undefined; what the rep typed stays where it was. The store's one way to handle a failure.
   */
  withErrorNotice<T>(work: () => Promise<T>): Promise<T | undefined>;
}

export const createNoticeSlice: StateCreator<AppState, [], [], NoticeSlice> = (set, get) => {
  let lastId = 0;
  return {
    notice: null,
    showNotice: (notice) => set({ notice: { ...notice, id: ++lastId } }),
    showError: (error) => get().showNotice({ kind: 'error', text: messageOf(error) }),
    clearNotice: (id) => {
      if (id === undefined || get().notice?.id === id) set({ notice: null });
    },
    async withErrorNotice(work) {
      try {
        return await work();
      } catch (error) {
        get().showError(error);
        return undefined;
      }
    },
  };
};
