import type { StateCreator } from 'zustand/vanilla';
import type { ActiveScriptView } from '../../../shared/qualification.ts';
import type { Answer, Answers } from '../../../shared/scripts/script-schema.ts';
import type { AppState, StoreDeps } from './app-store.ts';

/**
 * The active qualification script and the answers of the call on screen. The console walks the
 * script and evaluates the criteria live (selectScriptView in script-view.ts, over the
 * shared script engine); main checks the same answers again when the call is logged.
 */
export interface ScriptSlice {
  script: ActiveScriptView | null;
  /** Answers for the lead on screen, by question id. */
  answers: Answers;
  answersFor: number | null;
  loadScript(): Promise<void>;
  answer(questionId: string, value: Answer | undefined): void;
}

export const createScriptSlice =
  ({ client }: StoreDeps): StateCreator<AppState, [], [], ScriptSlice> =>
  (set, get) => ({
    script: null,
    answers: {},
    answersFor: null,
    async loadScript() {
      await get().withErrorNotice(async () => set({ script: await client.call('scripts.active', {}) }));
    },
    answer(questionId, value) {
      const leadId = get().snapshot?.next?.card.lead.id ?? null;
      const base = get().answersFor === leadId ? get().answers : {};
      const answers = { ...base };
      if (value === undefined || value === '') delete answers[questionId];
      else answers[questionId] = value;
      set({ answers, answersFor: leadId });
    },
  });
