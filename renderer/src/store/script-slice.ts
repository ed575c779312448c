import type { StateCreator } from 'zustand/vanilla';
import type { ActiveScriptView } from '../../../shared/qualification.ts';
import {
  evaluateCriteria,
  openerOf,
  recommendDisposition,
  renderText,
  walkScript,
  type CriterionResult,
  type Recommendation,
  type ScriptContext,
  type ScriptWalk,
} from '../../../shared/scripts/script-engine.ts';
import type { Answer, Answers } from '../../../shared/scripts/script-schema.ts';
import { messageOf, type AppState, type StoreDeps } from './app-store.ts';

/**
 * The active qualification script and the answers of the call on screen. The console walks the
 * script and evaluates the criteria live (shared/scripts/script-engine.ts); main checks the same
 * answers again when the call is logged.
 */
export interface ScriptSlice {
  script: ActiveScriptView | null;
  /** Answers for the lead on screen, by question id. */
  answers: Answers;
  answersFor: number | null;
  loadScript(): Promise<void>;
  answer(questionId: string, value: Answer | undefined): void;
  /** The script as it stands for the lead on screen: opener, the way so far, criteria, advice. */
  scriptView(): ScriptView | null;
  recommendation(): Recommendation | null;
}

export interface ScriptView {
  name: string;
  opener: string;
  walk: ScriptWalk;
  answers: Answers;
  criteria: CriterionResult[];
  recommendation: Recommendation | null;
  render(text: string): string;
}

export const createScriptSlice =
  ({ client }: StoreDeps): StateCreator<AppState, [], [], ScriptSlice> =>
  (set, get) => ({
    script: null,
    answers: {},
    answersFor: null,
    async loadScript() {
      try {
        set({ script: await client.call('scripts.active', {}) });
      } catch (error) {
        get().showNotice({ kind: 'error', text: messageOf(error) });
      }
    },
    scriptView() {
      const { script, snapshot, clockOffset } = get();
      const card = snapshot?.next?.card;
      if (!script || !card) return null;
      const answers = get().answersFor === card.lead.id ? get().answers : {};
      const ctx: ScriptContext = { lead: card.lead, activities: card.activities, now: Date.now() + clockOffset };
      const criteria = evaluateCriteria(script.script, answers, ctx);
      return {
        name: script.script.name,
        opener: openerOf(script.script, ctx),
        walk: walkScript(script.script, answers),
        answers,
        criteria,
        // Nothing is recommended before the rep has heard an answer.
        recommendation: Object.keys(answers).length ? recommendDisposition(script.script, criteria) : null,
        render: (text) => renderText(text, ctx),
      };
    },
    recommendation() {
      return get().scriptView()?.recommendation ?? null;
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
