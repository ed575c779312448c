import { z } from 'zod';
import { callListSchema, type CallList } from '../call-lists.ts';
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
} as const;
