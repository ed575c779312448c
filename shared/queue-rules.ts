import { z } from 'zod';
import { DAY_MINUTES, HOUR_MS, SECOND_MS } from './time-units.ts';

/**
 * The rules a team lead sets for a call list (or for every list): when its leads may be called,
 * how often, and how the queue treats skips, claims and fresh inbound leads. The law can only
 * narrow the window (see main/queue/calling-rules.ts).
 */
const minutes = z.int().min(0).max(DAY_MINUTES);

export const queueRulesSchema = z
  .strictObject({
    window: z
      .strictObject({
        /** ISO weekdays: 1 Monday … 7 Sunday. */
        days: z.array(z.int().min(1).max(7)).min(1),
        /** Minutes after local midnight; start inclusive, end exclusive. */
        start: minutes,
        end: minutes,
      })
      .refine((w) => w.start < w.end, 'the window must end after it starts'),
    allowUnknownZone: z.boolean(),
    countries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1),
    lifetimeAttemptCap: z.int().min(1).max(100),
    attemptsPer24h: z.int().min(1).max(50),
    skipMinutes: z.int().min(1).max(DAY_MINUTES),
    freshInboundHours: z.int().min(0).max(24 * 30),
    /**
     * Speed to lead: a request for a call younger than this comes before every older one
     * (the oldest of the fresh first); older requests follow, newest first. Defaults, so rules
     * saved before these existed still read.
     */
    handRaiserFreshMinutes: z.int().min(1).max(7 * DAY_MINUTES).default(60),
    /** A request older than this is stale: the lead waits with the never-called leads. */
    handRaiserMaxDays: z.int().min(1).max(365).default(30),
    /**
     * How long a console's claim on the lead it shows lasts without a heartbeat (the console
     * renews it while open, and lets it go when the page is hidden for good).
     */
    claimLeaseSeconds: z.int().min(15).max(HOUR_MS / SECOND_MS).default(90),
    /** Kept so rules saved by older versions still read; claims are leases now (claimLeaseSeconds). */
    claimMinutes: z.int().min(1).max(DAY_MINUTES).optional(),
  });

export type QueueRules = z.infer<typeof queueRulesSchema>;
export type CallingWindow = QueueRules['window'];

export const DEFAULT_QUEUE_RULES: QueueRules = {
  window: { days: [1, 2, 3, 4, 5], start: 8 * 60, end: 20 * 60 },
  allowUnknownZone: false,
  countries: ['US'],
  lifetimeAttemptCap: 6,
  attemptsPer24h: 3,
  skipMinutes: 10,
  freshInboundHours: 24,
  handRaiserFreshMinutes: 60,
  handRaiserMaxDays: 30,
  claimLeaseSeconds: 90,
};
