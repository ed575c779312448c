import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store.ts';

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export interface NoticeSlice {
  notice: Notice | null;
  showNotice(notice: Notice): void;
  clearNotice(): void;
}

export const createNoticeSlice: StateCreator<AppState, [], [], NoticeSlice> = (set) => ({
  notice: null,
  showNotice: (notice) => set({ notice }),
  clearNotice: () => set({ notice: null }),
});
