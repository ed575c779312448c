import { z } from 'zod';
import type { ExportedFile } from '../imports.ts';
import type { Handoff } from '../qualification.ts';
import type { CallLog, QueueSnapshot } from '../leads.ts';
import { consoleId, e164Number, leadId, queueScope } from './common-inputs.ts';
import { method } from './method-spec.ts';

/** A call from the dial to its disposition (and its undo), and the leads it handed to sales. */
export const callsApi = {
  'calls.disposition': method<{ call: CallLog; queue: QueueSnapshot }>()(
    z.strictObject({
      ...queueScope,
      leadId,
      code: z.string().min(1).max(64),
      notes: z.string().max(20_000).default(''),
      /** For a disposition that needs one: when to call back (an instant; the console picks it in the lead's time). */
      callbackAt: z.iso.datetime({ offset: true }).optional(),
      /** The script's answers, by question id (checked against the active script in main). */
      answers: z.record(z.string().max(40), z.union([z.string().max(5000), z.number(), z.boolean(), z.array(z.string().max(120)).max(20)])).optional(),
      /** Why: for a disposition that asks for a reason, or one other than the recommended. */
      reason: z.string().trim().max(2000).optional(),
      /** When the rep dialled (the call's start); the disposition is its end. */
      startedAt: z.iso.datetime({ offset: true }).optional(),
      /** The dial the console recorded when the rep dialled. */
      dialId: z.int().positive().optional(),
      /** The number the rep dialled (the one the console offered), E.164. */
      number: e164Number.optional(),
    }),
  ),
  /** Checked at the instant of the dial (do-not-call, bad number, calling hours, caps): a refusal says why. */
  'calls.dial': method<{ dialId: number; at: string }>()(z.strictObject({ ...queueScope, leadId, number: e164Number })),
  'calls.saveDraft': method<{ saved: true }>()(z.strictObject({ leadId, notes: z.string().max(20_000) })),
  'calls.undo': method<QueueSnapshot>()(z.strictObject({ callId: z.int().positive(), consoleId: consoleId.optional() })),
  'calls.recent': method<CallLog[]>()(z.strictObject({ limit: z.int().min(1).max(500).default(50) })),
  'handoffs.list': method<Handoff[]>()(z.strictObject({ limit: z.int().min(1).max(1000).default(100) })),
  'handoffs.export': method<ExportedFile>()(z.strictObject({ format: z.enum(['csv', 'json']).default('csv') })),
} as const;
