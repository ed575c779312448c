import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store.ts';

/**
 * rep-name: the rep's name, asked before a first session. search: finding any lead (its own dialog, so the call screen's keys stay off under it too).
 * lists: a team lead's lists and reps.
 */
export type Panel = 'reports' | 'settings' | 'rep-name' | 'search' | 'floor' | 'lists';

/** The screen open over the call screen, if any: while one is, the call screen's keys are its own no more. */
export interface PanelSlice {
  panel: Panel | null;
  openPanel(panel: Panel): void;
  closePanel(): void;
}

export const createPanelSlice: StateCreator<AppState, [], [], PanelSlice> = (set) => ({
  panel: null,
  openPanel: (panel) => set({ panel }),
  closePanel: () => set({ panel: null }),
});
