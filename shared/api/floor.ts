import { z } from 'zod';
import type { FloorView } from '../floor.ts';
import { name, timeZone } from './common-inputs.ts';
import { method } from './method-spec.ts';

/** The team lead's live floor: read only, read again whenever the store or a console changes. */
export const floorApi = {
  /** Today (from midnight in `timeZone`) on the floor; the list's figures for `listName`, else the console's working list. */
  'floor.view': method<FloorView>()(z.strictObject({ timeZone: timeZone.default('UTC'), listName: name.optional() })),
} as const;
