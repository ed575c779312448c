import type { Activity, Lead } from '../leads.ts';
import { isAsk, type Answer, type Answers, type AskStep, type Condition, type Script, type ScriptStep } from './script-schema.ts';
import { DAY_MS } from '../time-units.ts';

/**
 * Running a script, as pure functions both sides share: the console walks it live as the rep
 * answers, and main re-checks the same answers when the call is logged.
 */
export interface ScriptContext {
  lead: Pick<Lead, 'firstName' | 'lastName' | 'company' | 'title' | 'stage' | 'source' | 'score' | 'requestedCall'>;
  /** Newest first. */
  activities: readonly Pick<Activity, 'type' | 'title'>[];
  repName?: string;
  /** ms since the epoch: "within 90 days" counts from here. */
  now: number;
}


/**
 * Fills `{{lead.firstName}}`, `{{activity.latest.title}}`, `{{rep.name}}`… with the lead's data;
 * `{{lead.company|your team}}` falls back when the field is empty. The result is plain text:
 * the console shows it as text, so a value holding markup is shown, never run.
 */
export function renderText(template: string, ctx: ScriptContext): string {
  const latest = notableActivity(ctx.activities);
  // A Map, not an object: {{constructor}} or {{toString}} must not find Object's own methods.
  const fields = new Map<string, string | number | null | undefined>([
    ['lead.firstName', ctx.lead.firstName],
    ['lead.lastName', ctx.lead.lastName],
    ['lead.company', ctx.lead.company],
    ['lead.title', ctx.lead.title],
    ['lead.stage', ctx.lead.stage],
    ['lead.source', ctx.lead.source],
    ['activity.latest.title', latest?.title.replace(/^(ebook|e-book|webinar|report|checklist|template|guide)\s*:\s*/i, '')],
    ['activity.latest.type', latest?.type],
    ['rep.name', ctx.repName],
  ]);
  return template.replace(/\{\{\s*([\w.]+)\s*(?:\|([^}]*))?\}\}/g, (_, name: string, fallback?: string) => {
    const value = fields.get(name);
    return value === null || value === undefined || value === '' ? (fallback ?? '').trim() : String(value);
  });
}

/**
 * The activity a rep opens with: a request for a call or a demo, whatever the lead browsed
 * since; otherwise the latest thing the lead did.
 */
export function notableActivity<A extends Pick<Activity, 'type'>>(activities: readonly A[]): A | undefined {
  return activities.find((a) => a.type === 'call-request' || a.type === 'demo-request') ?? activities[0];
}

/** The first opener whose conditions match the lead's source, stage and notable activity. */
export function openerOf(script: Script, ctx: ScriptContext): string {
  const latest = notableActivity(ctx.activities)?.type;
  const opener =
    script.openers.find(({ when }) => {
      if (!when) return true;
      return (!when.source || when.source === ctx.lead.source) && (!when.stage || when.stage === ctx.lead.stage) && (!when.activity || when.activity === latest);
    }) ?? script.openers[script.openers.length - 1]!;
  return renderText(opener.say, ctx);
}

export interface ScriptWalk {
  /** The steps on the way so far, in order: what was said and what was answered. */
  path: ScriptStep[];
  /** The question to ask now; null when the script is done. */
  current: AskStep | null;
}

/** Follows the script from its first step through the answers given, to the first open question. */
export function walkScript(script: Script, answers: Answers): ScriptWalk {
  const byId = new Map(script.steps.map((s, i) => [s.id, i]));
  const path: ScriptStep[] = [];
  const seen = new Set<string>();
  let index: number | undefined = 0;
  while (index !== undefined && index < script.steps.length) {
    const step: ScriptStep = script.steps[index]!;
    if (seen.has(step.id)) break; // a loop: validation refuses them, this is belt and braces
    seen.add(step.id);
    path.push(step);
    if (isAsk(step)) {
      const answer: Answer | undefined = answerTo(answers, step.id);
      if (!isAnswered(answer)) return { path, current: step };
      const branch: string | undefined = step.branches && typeof answer !== 'object' ? ownValue(step.branches, String(answer)) : undefined;
      const target: string | undefined = branch ?? step.next;
      index = target ? byId.get(target) : index + 1;
    } else {
      index = step.next ? byId.get(step.next) : index + 1;
    }
  }
  return { path, current: null };
}

/**
 * Answers and branches are keyed by what a team lead wrote (a question id, an option): only the
 * record's own keys count, so a question named "constructor" or an option "toString" is text,
 * never a method of Object that would answer it or end the script.
 */
function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The answer given to a question, if any. */
export function answerTo(answers: Answers, questionId: string): Answer | undefined {
  return ownValue(answers, questionId);
}

export function isAnswered(answer: Answer | undefined): boolean {
  if (answer === undefined || answer === '') return false;
  return !Array.isArray(answer) || answer.length > 0;
}

export interface CriterionResult {
  id: string;
  label: string;
  met: boolean;
}

export function evaluateCriteria(script: Script, answers: Answers, ctx: ScriptContext): CriterionResult[] {
  return script.criteria.map((c) => ({ id: c.id, label: c.label, met: holds(c.when, answers, ctx) }));
}

export interface Recommendation {
  disposition: string;
  because: string;
}

/** The disposition the agreed criteria point to, or null when none of the rules holds yet. */
export function recommendDisposition(script: Script, results: readonly CriterionResult[]): Recommendation | null {
  const met = new Set(results.filter((r) => r.met).map((r) => r.id));
  const label = (ids: readonly string[]) => ids.map((id) => results.find((r) => r.id === id)?.label ?? id).join(', ');
  for (const rule of script.recommend) {
    const all = rule.all ?? [];
    const any = rule.any ?? [];
    if (all.every((id) => met.has(id)) && (any.length === 0 || any.some((id) => met.has(id)))) {
      return { disposition: rule.disposition, because: rule.because ?? (all.length ? `Met: ${label(all)}` : `Met one of: ${label(any)}`) };
    }
  }
  return null;
}

function holds(c: Condition, answers: Answers, ctx: ScriptContext): boolean {
  if (c.all) return c.all.every((x) => holds(x, answers, ctx));
  if (c.any) return c.any.some((x) => holds(x, answers, ctx));
  if (c.not) return !holds(c.not, answers, ctx);
  const value: Answer | string | number | boolean | null | undefined = c.answer !== undefined ? answerTo(answers, c.answer) : leadValue(c.lead!, ctx);
  if (c.answered !== undefined) return isAnswered(value as Answer | undefined) === c.answered;
  if (value === undefined || value === null || value === '') return false;
  if (c.equals !== undefined) return Array.isArray(value) ? value.includes(String(c.equals)) : value === c.equals;
  if (c.in) return Array.isArray(value) ? value.some((v) => c.in!.includes(v)) : c.in.includes(value as string | number);
  if (c.withinDays !== undefined) {
    const at = Date.parse(`${String(value)}T23:59:59Z`);
    return !Number.isNaN(at) && at - ctx.now <= c.withinDays * DAY_MS;
  }
  if (typeof value !== 'number') return false;
  return (c.atLeast === undefined || value >= c.atLeast) && (c.atMost === undefined || value <= c.atMost);
}

function leadValue(field: NonNullable<Condition['lead']>, ctx: ScriptContext): string | number | boolean | null {
  if (field === 'latestActivity') return notableActivity(ctx.activities)?.type ?? null;
  return ctx.lead[field];
}

/** The answer as the script stores it, or why it does not fit the question. */
export function checkAnswer(step: AskStep, value: unknown): { ok: true; value: Answer } | { ok: false; message: string } {
  const fail = (message: string) => ({ ok: false as const, message });
  switch (step.type) {
    case 'yes-no':
      return value === 'yes' || value === 'no' ? { ok: true, value } : fail('answer yes or no');
    case 'one-of':
      return typeof value === 'string' && step.options?.includes(value) ? { ok: true, value } : fail(`answer one of: ${step.options?.join(', ')}`);
    case 'several-of':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && step.options?.includes(v))
        ? { ok: true, value: value as string[] }
        : fail(`answer any of: ${step.options?.join(', ')}`);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? { ok: true, value } : fail('answer a number');
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? { ok: true, value } : fail('answer a date (YYYY-MM-DD)');
    case 'text':
      return typeof value === 'string' && value.length <= 5000 ? { ok: true, value } : fail('answer in words (5,000 characters at most)');
  }
}
