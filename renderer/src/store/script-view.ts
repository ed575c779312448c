import {
  evaluateCriteria,
  openerOf,
  recommendDisposition,
  renderText,
  type CriterionResult,
  type Recommendation,
  type ScriptContext,
  type ScriptWalk,
  walkScript,
} from '../../../shared/scripts/script-engine.ts';
import type { Answers } from '../../../shared/scripts/script-schema.ts';
import type { AppState } from './app-store.ts';

/** The script as it stands for the lead on screen: opener, the way so far, criteria, advice. */
export interface ScriptView {
  name: string;
  opener: string;
  walk: ScriptWalk;
  answers: Answers;
  criteria: CriterionResult[];
  recommendation: Recommendation | null;
  render(text: string): string;
}

/** What the script's view is derived from: a component subscribes to these, then derives. */
export type ScriptViewInputs = Pick<AppState, 'script' | 'snapshot' | 'answers' | 'answersFor'>;

/**
 * Derived, never stored: the script walked with the answers of the lead on screen and its
 * criteria evaluated at `now` (main's clock, ms). Pure, so a test asks it at any instant.
 */
export function selectScriptView(state: ScriptViewInputs, now: number): ScriptView | null {
  const { script, snapshot } = state;
  const card = snapshot?.next?.card;
  if (!script || !card) return null;
  const answers = state.answersFor === card.lead.id ? state.answers : {};
  const ctx: ScriptContext = { lead: card.lead, activities: card.activities, now };
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
}

/** The disposition the criteria recommend for the lead on screen at `now`, if any. */
export function selectRecommendation(state: ScriptViewInputs, now: number): Recommendation | null {
  return selectScriptView(state, now)?.recommendation ?? null;
}

/** Main's clock now, as this window best knows it (ms). */
export function selectMainNow(state: Pick<AppState, 'clockOffset'>): number {
  return Date.now() + state.clockOffset;
}
