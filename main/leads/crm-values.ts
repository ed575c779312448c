import type { ActivityType, LeadSource } from '../../shared/leads.ts';
import type { Stage } from '../../shared/stages.ts';
import { remembered } from './remembered-values.ts';

/** Reads the values CRMs write (lifecycle stages, sources, yes/no flags) as our own words. */


const STAGE_VALUES: Record<string, Stage> = {
  cold: 'cold',
  other: 'cold',
  opennotcontacted: 'cold',
  subscriber: 'IQL',
  lead: 'IQL',
  iql: 'IQL',
  workingcontacted: 'IQL',
  marketingqualifiedlead: 'MQL',
  mql: 'MQL',
  salesqualifiedlead: 'SQL',
  sql: 'SQL',
  opportunity: 'SQL',
  customer: 'SQL',
  closedconverted: 'SQL',
  nurture: 'nurture',
  disqualified: 'disqualified',
  unqualified: 'disqualified',
  closednotconverted: 'disqualified',
};

/** A stage from a CRM value; an empty or unknown value is a cold lead. */
export const stageFromCrm = remembered((value: string): Stage => STAGE_VALUES[value.toLowerCase().replace(/[^a-z]/g, '')] ?? 'cold');

const SOURCE_PATTERNS: readonly [RegExp, LeadSource][] = [
  [/referr/i, 'referral'],
  [/webinar/i, 'webinar'],
  [/event|trade ?show|conference|offline/i, 'event'],
  [/purchased|cold|list/i, 'cold-list'],
  [/content|ebook|e-book|guide|whitepaper/i, 'content'],
  [/organic|paid|direct|social|email|inbound|web|search|ads?\b/i, 'inbound'],
];

export const sourceFromCrm = remembered((value: string): LeadSource | null => {
  if (!value.trim()) return null;
  return SOURCE_PATTERNS.find(([pattern]) => pattern.test(value))?.[1] ?? null;
});

export function flagFromCrm(value: string): boolean {
  return /^(true|yes|y|1|x|opted out)$/i.test(value.trim());
}

const ACTIVITY_PATTERNS: readonly [RegExp, ActivityType][] = [
  [/contact (sales|us)|call ?back|request(ed)? a call|talk to sales/i, 'call-request'],
  [/demo/i, 'demo-request'],
  [/pricing|plans/i, 'pricing-visit'],
  [/webinar/i, 'webinar'],
  [/e-?book|guide|whitepaper|report|checklist|template/i, 'ebook-download'],
  [/product|features|tour/i, 'product-visit'],
];

const activityTypeByTitle = remembered((title: string): ActivityType | null => ACTIVITY_PATTERNS.find(([pattern]) => pattern.test(title))?.[1] ?? null);

export function activityTypeOf(title: string, fallback: ActivityType): ActivityType {
  return activityTypeByTitle(title) ?? fallback;
}

/** Conversions that mean the lead asked to be called. */
export function isHandRaise(type: ActivityType): boolean {
  return type === 'call-request' || type === 'demo-request';
}

/**
 * Milliseconds for an ISO-like date ("2026-11-20", "2026-11-20 14:03", full ISO), or null.
 * A time without an offset is read as UTC, so an import means the same on every machine.
 */
export function timeFromCrm(value: string): number | null {
  const match = CRM_TIME.exec(value.trim());
  if (!match) return null;
  const [, day, time, offset] = match as unknown as [string, string, string | undefined, string | undefined];
  // A file dates its rows on a few days, at a few thousand minutes: each is read once (the import
  // bench: ~0.1 s of 100,000 rows). In UTC a time is its day's midnight plus its time of day.
  const ms = !time ? dayStart(day) : offset === undefined || offset === 'Z' ? dayStart(day) + timeOfDay(time) : Date.parse(`${day}T${time}${offset}`);
  return Number.isNaN(ms) ? null : ms;
}

const CRM_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/;
const dayStart = remembered((day: string) => Date.parse(`${day}T00:00:00Z`));
const timeOfDay = remembered((time: string) => Date.parse(`1970-01-01T${time}Z`));
