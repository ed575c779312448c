import { z } from 'zod';
import { LEAD_SOURCES } from './leads.ts';
import { queueRulesSchema, type QueueRules } from './queue-rules.ts';
import { STAGES } from './stages.ts';

/**
 * A call list is a saved filter over the store; a rep works one list at a time. Every condition
 * given must hold; an empty filter is every lead. Importing into a list adds the import's batch.
 */
export const callListFilterSchema = z.strictObject({
  /** Leads these imports brought or completed. */
  importBatchIds: z.array(z.int().positive()).optional(),
  stages: z.array(z.enum(STAGES)).optional(),
  sources: z.array(z.enum(LEAD_SOURCES)).optional(),
  owners: z.array(z.string().min(1).max(200)).optional(),
  /** IANA zones; '' is "unknown". */
  timeZones: z.array(z.string().max(64)).optional(),
  createdSince: z.iso.datetime({ offset: true }).optional(),
  requestedCall: z.boolean().optional(),
});
export type CallListFilter = z.infer<typeof callListFilterSchema>;

export interface CallList {
  name: string;
  filter: CallListFilter;
  /** The list's own calling rules; null: everyone's (the preferences). */
  rules: QueueRules | null;
  leads: number;
  /** Who may be offered its leads: everyone, or these reps (by name) only. */
  reps: 'everyone' | string[];
  /** A paused list offers none of its leads to anyone until it is resumed. */
  paused: boolean;
  /** For this many minutes from a lead's arrival or request, a lead another rep owns waits for its owner (0: no wait). */
  ownerWindowMinutes: number;
}

/** The longest owner window a team lead may set: a week. */
export const MAX_OWNER_WINDOW_MINUTES = 7 * 24 * 60;

export const callListSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  filter: callListFilterSchema,
  rules: queueRulesSchema.nullable().default(null),
});
