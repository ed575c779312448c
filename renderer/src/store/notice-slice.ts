import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store.ts';

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
}

export const createNoticeSlice: StateCreator<AppState, [], [], NoticeSlice> = (set, get) => {
  let lastId = 0;
  return {
    notice: null,
    showNotice: (notice) => set({ notice: { ...notice, id: ++lastId } }),
    clearNotice: (id) => {
      if (id === undefined || get().notice?.id === id) set({ notice: null });
    },
  };
};
