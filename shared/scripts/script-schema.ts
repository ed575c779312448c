import { z } from 'zod';
import { ACTIVITY_TYPES, LEAD_SOURCES } from '../leads.ts';
import { STAGES } from '../stages.ts';

/**
 * A qualification script: what the rep says, what they ask, where each answer leads, the
 * criteria marketing and sales agreed on, and the disposition they recommend. A team lead writes
 * it as YAML or JSON; Nextcall validates it and keeps every version.
 */
const id = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes, starting with a letter');

export const ANSWER_TYPES = ['yes-no', 'one-of', 'several-of', 'number', 'date', 'text'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

export interface Condition {
  /** An answer of this call. */
  answer?: string;
  /** A field of the lead. */
  lead?: 'stage' | 'source' | 'score' | 'requestedCall' | 'latestActivity';
  equals?: string | number | boolean;
  in?: (string | number)[];
  atLeast?: number;
  atMost?: number;
  /** For a date answer: no later than this many days after the call. */
  withinDays?: number;
  /** A text answer, or any answer, was given. */
  answered?: boolean;
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
}

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .strictObject({
      answer: id.optional(),
      lead: z.enum(['stage', 'source', 'score', 'requestedCall', 'latestActivity']).optional(),
      equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
      in: z.array(z.union([z.string(), z.number()])).min(1).optional(),
      atLeast: z.number().optional(),
      atMost: z.number().optional(),
      withinDays: z.int().min(0).optional(),
      answered: z.boolean().optional(),
      all: z.array(conditionSchema).min(1).optional(),
      any: z.array(conditionSchema).min(1).optional(),
      not: conditionSchema.optional(),
    })
    .refine((c) => [c.answer, c.lead, c.all, c.any, c.not].filter((x) => x !== undefined).length === 1, {
      message: 'a condition names exactly one of: answer, lead, all, any, not',
    }),
);

const stepBase = { id, next: id.optional() };

export const stepSchema = z.union([
  z.strictObject({ ...stepBase, say: z.string().min(1).max(2000) }),
  z.strictObject({
    ...stepBase,
    ask: z.string().min(1).max(2000),
    type: z.enum(ANSWER_TYPES),
    options: z.array(z.string().min(1).max(120)).min(2).max(20).optional(),
    /** Where an answer leads, when it is not `next`: answer value → step id. */
    branches: z.record(z.string(), id).optional(),
    required: z.boolean().default(true),
  }),
]);

export const openerSchema = z.strictObject({
  when: z
    .strictObject({
      source: z.enum(LEAD_SOURCES).optional(),
      activity: z.enum(ACTIVITY_TYPES).optional(),
      stage: z.enum(STAGES).optional(),
    })
    .optional(),
  say: z.string().min(1).max(2000),
});

export const scriptSchema = z.strictObject({
  id,
  name: z.string().min(1).max(120),
  description: z.string().max(2000).optional(),
  /** The first matching opener is the rep's first sentence; one without `when` matches all. */
  openers: z.array(openerSchema).min(1),
  steps: z.array(stepSchema).min(1).max(100),
  criteria: z
    .array(z.strictObject({ id, label: z.string().min(1).max(200), when: conditionSchema }))
    .max(50)
    .default([]),
  /** The first rule whose criteria hold names the disposition the console recommends. */
  recommend: z
    .array(
      z.strictObject({
        disposition: z.string().min(1).max(64),
        /** Criteria ids: all of them met (or `any` of them). */
        all: z.array(id).optional(),
        any: z.array(id).optional(),
        because: z.string().max(200).optional(),
      }),
    )
    .default([]),
});

export type Script = z.infer<typeof scriptSchema>;
export type ScriptStep = Script['steps'][number];
export type AskStep = Extract<ScriptStep, { ask: string }>;
export type Answer = string | number | boolean | string[];
export type Answers = Record<string, Answer>;

export function isAsk(step: ScriptStep): step is AskStep {
  return 'ask' in step;
}
