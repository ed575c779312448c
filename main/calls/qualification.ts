import { ApiError } from '../../shared/api-error.ts';
import type { ActivityType, Lead } from '../../shared/leads.ts';
import { checkAnswer, evaluateCriteria, recommendDisposition, type CriterionResult, type Recommendation } from '../../shared/scripts/script-engine.ts';
import { isAsk, type Answers } from '../../shared/scripts/script-schema.ts';
import type { ActiveScript } from '../scripts/script-store.ts';
import type { Queryable } from '../store/seam/store.ts';

export interface Judgement {
  /** The answers as stored: checked against their questions. */
  answers: Answers;
  met: CriterionResult[];
  recommended: Recommendation | null;
}

/**
 * The answers of a call held against the active script, the same way the console shows them
 * live: each answer checked against its question, the criteria evaluated, the disposition the
 * criteria recommend. An answer to no question, or one that does not fit, is refused.
 */
export async function judgeAnswers(q: Queryable, active: ActiveScript | null, lead: Lead, answers: Answers, now: number): Promise<Judgement> {
  if (!active) {
    if (Object.keys(answers).length > 0) throw new ApiError('invalid-input', 'There is no active script to answer.');
    return { answers: {}, met: [], recommended: null };
  }
  const { script } = active;
  const checked: Answers = {};
  for (const [id, value] of Object.entries(answers)) {
    const step = script.steps.find((s) => s.id === id);
    if (!step || !isAsk(step)) throw new ApiError('invalid-input', `The script "${script.name}" has no question "${id}".`);
    const result = checkAnswer(step, value);
    if (!result.ok) throw new ApiError('invalid-input', `"${step.ask}": ${result.message}.`, [{ path: `answers.${id}`, message: result.message }]);
    checked[id] = result.value;
  }
  const activities = await q.all<{ type: ActivityType; title: string }>('SELECT type, title FROM activities WHERE lead_id = ? ORDER BY occurred_at DESC, id DESC LIMIT 1', [lead.id]);
  const ctx = { lead, activities, now };
  const results = evaluateCriteria(script, checked, ctx);
  return { answers: checked, met: results.filter((r) => r.met), recommended: Object.keys(checked).length ? recommendDisposition(script, results) : null };
}
