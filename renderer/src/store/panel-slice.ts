import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store.ts';
import { isBetweenCalls, isStandingBy } from './console-state.ts';

/**
 * rep-name: the rep's name, asked before a first session. search: finding any lead (its own dialog, so the call screen's keys stay off under it too).
 * lists: a team lead's lists and reps. recordings: the recorded calls, newest first (a team lead's every one, a rep's their own).
 */
export type Panel = 'reports' | 'settings' | 'rep-name' | 'search' | 'floor' | 'lists' | 'recordings';

/**
 * The screen open over the call screen, if any: while one is, the call screen's keys are its own no more.
 * The floor is a screen a team lead leaves open, on a wall or beside their own work: opened between
 * calls, the console lets its lead go and takes none while it stays open (a lead who just asked for
 * a call goes to a rep who will call them, not to a wall screen); closed, the queue is asked again.
 */
export interface PanelSlice {
  panel: Panel | null;
  openPanel(panel: Panel): void;
  closePanel(): void;
}

export const createPanelSlice: StateCreator<AppState, [], [], PanelSlice> = (set, get) => ({
  panel: null,
  openPanel: (panel) => {
    set({ panel });
    if (panel === 'floor' && isBetweenCalls(get())) get().letLeadGo();
  },
  closePanel: () => {
    const standingBy = isStandingBy(get());
    set({ panel: null });
    if (standingBy) void get().loadQueue();
  },
});
