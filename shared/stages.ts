/**
 * The lead lifecycle (DESIGN.md). Stages are ordered by how close a lead is to sales;
 * flags (do-not-call, bad number, requested a call) sit beside the stage, not in it.
 */
export const STAGES = ['cold', 'IQL', 'MQL', 'SQL', 'nurture', 'disqualified'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  cold: 'Cold',
  IQL: 'IQL',
  MQL: 'MQL',
  SQL: 'SQL',
  nurture: 'Nurture',
  disqualified: 'Disqualified',
};

/** Higher is closer to sales; the queue calls higher stages first among never-called leads. */
export const STAGE_RANK: Record<Stage, number> = {
  SQL: 4,
  MQL: 3,
  IQL: 2,
  cold: 1,
  nurture: 0,
  disqualified: 0,
};

/**
 * Stages a rep no longer calls: an SQL has been handed to sales, a disqualified lead is
 * not a fit, a nurtured lead is back with marketing until its recycle date.
 */
export const CLOSED_STAGES: ReadonlySet<Stage> = new Set<Stage>(['SQL', 'nurture', 'disqualified']);

/**
 * Which stage may follow which. A call can move a lead forward through the funnel, send it
 * back to marketing, or disqualify it; a handed-over SQL can still be disqualified or nurtured
 * by the rep who finds out it was a mistake. Nurtured leads come back as MQL or IQL when recycled.
 */
export const STAGE_TRANSITIONS: Record<Stage, readonly Stage[]> = {
  cold: ['IQL', 'MQL', 'SQL', 'nurture', 'disqualified'],
  IQL: ['MQL', 'SQL', 'nurture', 'disqualified'],
  MQL: ['SQL', 'nurture', 'disqualified'],
  SQL: ['nurture', 'disqualified'],
  nurture: ['IQL', 'MQL', 'SQL', 'disqualified'],
  disqualified: [],
};

export function isStage(value: string): value is Stage {
  return (STAGES as readonly string[]).includes(value);
}

export function canMove(from: Stage, to: Stage): boolean {
  return from === to || STAGE_TRANSITIONS[from].includes(to);
}
