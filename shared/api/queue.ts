import { z } from 'zod';
import type { LeadCallingWindows, UpcomingCallback } from '../callbacks.ts';
import type { QueuePreview, QueueSnapshot, WhyNot } from '../leads.ts';
import { consoleId, leadId, name, none, queueScope } from './common-inputs.ts';
import { method } from './method-spec.ts';

/** The next lead (claimed by the console that shows it), and why the others wait. */
export const queueApi = {
  /**
   * `reconsider`: the console is between calls (nothing dialled), so the lead it holds need not
   * stay first: a lead that came first since (a new hand-raiser) is offered instead. A lead with
   * a call running stays whatever is asked.
   */
  'queue.next': method<QueueSnapshot>()(z.strictObject({ ...queueScope, reconsider: z.boolean().optional() })),
  'queue.preview': method<QueuePreview>()(z.strictObject({ listName: name.optional(), limit: z.int().min(1).max(200).default(20) })),
  'queue.whyNot': method<WhyNot>()(z.strictObject({ leadId, listName: name.optional() })),
  'queue.skip': method<QueueSnapshot>()(z.strictObject({ ...queueScope, leadId })),
  'queue.snooze': method<QueueSnapshot>()(z.strictObject({ ...queueScope, leadId, until: z.iso.datetime({ offset: true }) })),
  'queue.release': method<{ released: true }>()(z.strictObject({ consoleId })),
  /** The hours a lead may be called (the list's, narrowed by the law), for the callback picker's quick choices. */
  'queue.callingWindows': method<LeadCallingWindows>()(z.strictObject({ leadId, listName: name.optional() })),
  /** The console is still open and shows this lead: its claim (a short lease) is renewed. */
  'queue.heartbeat': method<{ held: boolean; leaseSeconds: number }>()(z.strictObject({ consoleId, leadId, listName: name.optional() })),
  /** Callbacks not made yet that come due within a day (or are due), soonest first: the console announces each. */
  'callbacks.upcoming': method<UpcomingCallback[]>()(none),
} as const;
