import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { isAsk, scriptSchema, type Script } from '../../shared/scripts/script-schema.ts';

/**
 * A script file (YAML or JSON, which is YAML too) read and checked: its syntax, its fields, and
 * that it hangs together (steps exist, branches fit their question, criteria and recommended
 * dispositions exist, no step leads back to itself). Every problem names its line and field.
 */
export interface ScriptProblem {
  line: number | null;
  field: string;
  message: string;
}

export type ParsedScript = { ok: true; script: Script } | { ok: false; problems: ScriptProblem[] };

export function parseScript(text: string, dispositionCodes: readonly string[]): ParsedScript {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({ line: e.linePos?.[0]?.line ?? null, field: '(syntax)', message: e.message.split('\n')[0]! })),
    };
  }
  const lineOf = (path: readonly PropertyKey[]): number | null => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as (string | number)[], true);
      // A field's own line is where its key stands; an item of a list, where the item starts.
      const range = keyRange(doc, path.slice(0, depth)) ?? (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) return lineCounter.linePos(range[0]).line;
    }
    return null;
  };

  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // Well-formed YAML can still fail to build: an alias to an anchor that is not there, or
    // aliases multiplied past yaml's limit (a "billion laughs" file). A problem in the file, not in Nextcall.
    return { ok: false, problems: [{ line: null, field: '(syntax)', message: (error as Error).message.split('\n')[0]! }] };
  }
  const parsed = scriptSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.flatMap(closestIssues).map((issue) => ({
        line: lineOf(issue.path),
        field: issue.path.join('.') || '(document)',
        message: issue.message,
      })),
    };
  }
  const problems = consistencyProblems(parsed.data, dispositionCodes).map(({ path, message }) => ({ line: lineOf(path), field: path.join('.'), message }));
  return problems.length ? { ok: false, problems } : { ok: true, script: parsed.data };
}

interface Issue {
  path: PropertyKey[];
  message: string;
  code?: string;
  errors?: Issue[][];
}

/**
 * A step is a "say" or an "ask"; when it fits neither, zod reports both attempts. The team lead
 * wants the problems of the kind they meant: the attempt with the fewest problems.
 */
function closestIssues(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union' || !issue.errors?.length) return [issue];
  const best = [...issue.errors].sort((a, b) => a.length - b.length)[0]!;
  return best.flatMap((inner) => closestIssues({ ...inner, path: [...issue.path, ...inner.path] }));
}

function keyRange(doc: Document, path: readonly PropertyKey[]): [number, number, number] | undefined {
  if (path.length === 0) return undefined;
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1) as (string | number)[], true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]);
  return (pair?.key as { range?: [number, number, number] } | undefined)?.range;
}

function consistencyProblems(script: Script, dispositionCodes: readonly string[]): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const ids = new Map<string, number>();
  script.steps.forEach((step, i) => {
    if (ids.has(step.id)) problems.push({ path: ['steps', i, 'id'], message: `step "${step.id}" is already the id of step ${ids.get(step.id)! + 1}` });
    ids.set(step.id, i);
  });
  const target = (path: (string | number)[], id: string) => {
    if (!ids.has(id)) problems.push({ path, message: `there is no step "${id}"` });
  };
  script.steps.forEach((step, i) => {
    if (step.next) target(['steps', i, 'next'], step.next);
    if (!isAsk(step)) return;
    if ((step.type === 'one-of' || step.type === 'several-of') && !step.options) {
      problems.push({ path: ['steps', i, 'options'], message: `a ${step.type} question needs options` });
    }
    for (const [answer, to] of Object.entries(step.branches ?? {})) {
      target(['steps', i, 'branches', answer], to);
      const allowed = step.type === 'yes-no' ? ['yes', 'no'] : step.type === 'one-of' ? (step.options ?? []) : null;
      if (!allowed) problems.push({ path: ['steps', i, 'branches'], message: `a ${step.type} question cannot branch on its answer` });
      else if (!allowed.includes(answer)) problems.push({ path: ['steps', i, 'branches', answer], message: `"${answer}" is not an answer to this question (${allowed.join(', ')})` });
    }
  });

  const asks = new Set(script.steps.filter(isAsk).map((s) => s.id));
  const checkCondition = (condition: unknown, path: (string | number)[]) => {
    const c = condition as { answer?: string; all?: unknown[]; any?: unknown[]; not?: unknown };
    if (c.answer !== undefined && !asks.has(c.answer)) problems.push({ path: [...path, 'answer'], message: `there is no question "${c.answer}"` });
    c.all?.forEach((x, j) => checkCondition(x, [...path, 'all', j]));
    c.any?.forEach((x, j) => checkCondition(x, [...path, 'any', j]));
    if (c.not) checkCondition(c.not, [...path, 'not']);
  };
  script.criteria.forEach((c, i) => checkCondition(c.when, ['criteria', i, 'when']));
  const criteria = new Set(script.criteria.map((c) => c.id));
  script.recommend.forEach((rule, i) => {
    if (!dispositionCodes.includes(rule.disposition)) {
      problems.push({ path: ['recommend', i, 'disposition'], message: `there is no disposition "${rule.disposition}" (known: ${dispositionCodes.join(', ')})` });
    }
    for (const key of ['all', 'any'] as const) {
      rule[key]?.forEach((id, j) => {
        if (!criteria.has(id)) problems.push({ path: ['recommend', i, key, j], message: `there is no criterion "${id}"` });
      });
    }
  });

  // A step that can lead back to itself would trap the rep in a loop.
  const edges = (i: number): number[] => {
    const step = script.steps[i]!;
    const out = new Set<string | undefined>([step.next ?? script.steps[i + 1]?.id]);
    if (isAsk(step)) for (const to of Object.values(step.branches ?? {})) out.add(to);
    return [...out].flatMap((id) => (id !== undefined && ids.has(id) ? [ids.get(id)!] : []));
  };
  const state = new Map<number, 'open' | 'done'>();
  const visit = (i: number): boolean => {
    if (state.get(i) === 'open') return true;
    if (state.get(i) === 'done') return false;
    state.set(i, 'open');
    const loops = edges(i).some(visit);
    state.set(i, 'done');
    return loops;
  };
  if (problems.length === 0 && visit(0)) problems.push({ path: ['steps'], message: 'the steps form a loop: a question leads back to an earlier one' });
  return problems;
}
