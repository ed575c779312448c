import { z } from 'zod';
import { dispositionSchema, type ListedDisposition } from '../dispositions.ts';
import { reasonListSchema, type ReasonList } from '../lead-context.ts';
import { none, textFile } from './common-inputs.ts';
import { method } from './method-spec.ts';

/** The outcomes a rep can log, and the reasons each offers. */
export const dispositionsApi = {
  'dispositions.list': method<ListedDisposition[]>()(none),
  'dispositions.save': method<ListedDisposition[]>()(dispositionSchema),
  'dispositions.retire': method<ListedDisposition[]>()(z.strictObject({ code: z.string().max(40) })),
  'dispositions.import': method<ListedDisposition[]>()(z.strictObject(textFile)),
  'reasons.list': method<ReasonList[]>()(none),
  'reasons.save': method<ReasonList[]>()(reasonListSchema),
} as const;
