import { z } from 'zod';
import { callListSchema, MAX_OWNER_WINDOW_MINUTES, type CallList } from '../call-lists.ts';
import type { WorkingLists } from '../lead-context.ts';
import { name, none } from './common-inputs.ts';
import { method } from './method-spec.ts';

/** Call lists: their filters and rules, and the one this console works. */
export const listsApi = {
  'lists.list': method<CallList[]>()(none),
  'lists.save': method<CallList>()(callListSchema),
  /** The call lists with how many leads wait in each, and the one this console works. */
  'lists.working': method<WorkingLists>()(none),
  /** Works this list from now on (null: every lead). */
  'lists.work': method<WorkingLists>()(z.strictObject({ listName: name.nullable() })),
  /** A team lead's: who works a list (everyone, or these reps only), whether it runs, how long a lead waits for its owner. */
  'lists.assign': method<CallList>()(z.strictObject({ listName: name, reps: z.union([z.literal('everyone'), z.array(name).min(1, 'name at least one rep, or assign the list to everyone').max(500)]) })),
  'lists.moveRep': method<CallList[]>()(z.strictObject({ rep: name, from: name, to: name })),
  'lists.pause': method<CallList>()(z.strictObject({ listName: name, paused: z.boolean() })),
  'lists.ownerWindow': method<CallList>()(
    z.strictObject({ listName: name, minutes: z.int('whole minutes').min(0, 'no fewer than 0 minutes').max(MAX_OWNER_WINDOW_MINUTES, 'a week (10,080 minutes) at most') }),
  ),
} as const;
