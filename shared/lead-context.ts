import { z } from 'zod';
import { PHONE_TYPES, type Lead, type Phone } from './leads.ts';
import type { Stage } from './stages.ts';

/**
 * What a rep needs around a lead beyond the call screen: finding any lead (the prospect who
 * calls back), correcting it, the account it belongs to, the call list being worked, and the
 * reasons a team lead lists for closing a lead.
 */

/** One lead found by the console's search, with enough to recognise it at a glance. */
export interface LeadSearchHit {
  lead: Lead;
  phones: Phone[];
  /** What the query matched: the rep sees why this lead is in the list. */
  matched: 'number' | 'name' | 'company' | 'email';
  lastCall: { at: string; dispositionLabel: string; rep: string | null } | null;
}

export interface LeadSearchResult {
  query: string;
  /** How the query was read: as a number (its digits) or as words. */
  kind: 'number' | 'words';
  hits: LeadSearchHit[];
}

/** The fields a rep may correct on a lead; each one given replaces what is there. Bounds as an import's. */
export const leadEditSchema = z.strictObject({
  leadId: z.int().positive(),
  firstName: z.string().trim().max(256).optional(),
  lastName: z.string().trim().max(256).optional(),
  company: z.string().trim().max(256).nullable().optional(),
  title: z.string().trim().max(256).nullable().optional(),
  email: z.string().trim().max(254).nullable().optional(),
  /** An IANA zone (or a way a CRM writes one: "Eastern", "US/Pacific"); null: unknown. */
  timeZone: z.string().trim().max(64).nullable().optional(),
  /** The lead's numbers, in order, as the rep writes them; a number with an id is that number changed. */
  phones: z
    .array(z.strictObject({ id: z.int().positive().optional(), raw: z.string().trim().min(1, 'a number cannot be empty').max(100), type: z.enum(PHONE_TYPES) }))
    .max(10)
    .optional(),
});
export type LeadEditInput = z.infer<typeof leadEditSchema>;

/** One hand edit of a lead, as the history shows it. */
export interface LeadEdit {
  at: string;
  rep: string | null;
  changes: { field: string; before: string | null; after: string | null }[];
}

/** A lead and the other people at its company, with where each stands. */
export interface AccountView {
  company: string | null;
  members: {
    leadId: number;
    name: string;
    title: string | null;
    stage: Stage;
    doNotCall: boolean;
    lastCall: { at: string; dispositionLabel: string; rep: string | null } | null;
  }[];
  /** More people at the company than listed. */
  more: number;
}

/** A call list as the console's picker shows it: how many of its leads wait now. */
export interface WorkingList {
  /** null: every lead in the store. */
  name: string | null;
  leads: number;
  /** Due now in the list (capped like the top bar's count). */
  waiting: number;
  waitingCapped: number;
}

export interface WorkingLists {
  /** The list this console works (the preference), null for every lead. */
  current: string | null;
  lists: WorkingList[];
}

/** The reasons a team lead offers for a disposition; the rep may also write "Other: …". */
export interface ReasonList {
  code: string;
  label: string;
  reasons: string[];
}

export const reasonListSchema = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a disposition code'),
  reasons: z
    .array(z.string().trim().min(1, 'a reason cannot be empty').max(120))
    .max(20, 'up to 20 reasons (the rep picks them by key)')
    .refine((list) => new Set(list.map((r) => r.toLowerCase())).size === list.length, 'a reason is listed twice'),
});

/** How a free-text reason is written down, so the reports put it under "Other". */
export const OTHER_REASON_PREFIX = 'Other: ';

export function otherReason(text: string): string {
  return `${OTHER_REASON_PREFIX}${text.trim()}`;
}
