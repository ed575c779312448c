import { z } from 'zod';
import { STAGES, type Stage } from './stages.ts';
import { DAY_MINUTES, HOUR_MINUTES } from './time-units.ts';

/**
 * A disposition is data, not code: what the rep says happened, and what that does to the
 * lead. The flags follow VICIdial's statuses so summaries can count contacts and conversations.
 */
export interface Disposition {
  code: string;
  label: string;
  /** The key that logs it from the call screen. */
  hotkey: string;
  /** The lead picked up (a person, not a machine or a tone). */
  contact: boolean;
  /** Counts toward the lead's attempts and the per-day caps. */
  countsAsAttempt: boolean;
  /** The stage the lead moves to; absent leaves the stage as it is. */
  moveTo?: Stage;
  /** Minutes before the queue offers the lead again; absent means no retry (closed or by stage). */
  retryAfterMinutes?: number;
  doNotCall?: boolean;
  /** The number is wrong or dead: the lead is unworkable on it. */
  badNumber?: boolean;
  /** A machine answered (VICIdial's "answering machine"): not a contact. */
  answeringMachine?: boolean;
  /** The rep picks when to call back (in the lead's time); the queue offers the lead then. */
  needsCallbackTime?: boolean;
  /** With moveTo 'nurture': when marketing hands the lead back to the queue. */
  recycleAfterDays?: number;
  /** Asks the rep why (a disqualification, say). */
  needsReason?: boolean;
}

export const DEFAULT_DISPOSITIONS: readonly Disposition[] = [
  { code: 'no-answer', label: 'No answer', hotkey: '1', contact: false, countsAsAttempt: true, retryAfterMinutes: 4 * HOUR_MINUTES },
  { code: 'voicemail', label: 'Left voicemail', hotkey: '2', contact: false, countsAsAttempt: true, retryAfterMinutes: DAY_MINUTES, answeringMachine: true },
  { code: 'busy', label: 'Busy', hotkey: '3', contact: false, countsAsAttempt: true, retryAfterMinutes: 30 },
  // Retry at once: the lead's next good number, if it has one.
  { code: 'bad-number', label: 'Bad number', hotkey: '4', contact: false, countsAsAttempt: true, badNumber: true, retryAfterMinutes: 0 },
  { code: 'wrong-person', label: 'Wrong person', hotkey: '5', contact: true, countsAsAttempt: true, retryAfterMinutes: 7 * DAY_MINUTES },
  { code: 'not-interested', label: 'Not interested', hotkey: '6', contact: true, countsAsAttempt: true, moveTo: 'nurture', recycleAfterDays: 90 },
  { code: 'interested-not-yet', label: 'Interested — not yet', hotkey: '7', contact: true, countsAsAttempt: true, moveTo: 'MQL', retryAfterMinutes: 7 * DAY_MINUTES },
  { code: 'qualified', label: 'Qualified', hotkey: '8', contact: true, countsAsAttempt: true, moveTo: 'SQL' },
  { code: 'do-not-call', label: 'Do not call', hotkey: '9', contact: true, countsAsAttempt: true, doNotCall: true },
  { code: 'callback', label: 'Callback', hotkey: '0', contact: true, countsAsAttempt: true, needsCallbackTime: true },
  { code: 'disqualified', label: 'Disqualified', hotkey: 'd', contact: true, countsAsAttempt: true, moveTo: 'disqualified', needsReason: true },
];

/** How long a logged call can be taken back (U), in main and on the console's "U to undo". */
export const UNDO_GRACE_MS = 30_000;

export function dispositionByCode(list: readonly Disposition[], code: string): Disposition | undefined {
  return list.find((d) => d.code === code);
}

/**
 * Keys the console keeps for itself, and what each does (or will do: H, M, P and V are held for the
 * softphone, / for search). A disposition may not take one, whether from a file or dispositions.save.
 */
export const RESERVED_KEYS: Readonly<Record<string, string>> = {
  q: 'the next leads',
  y: 'copy the number',
  c: 'call',
  a: 'answer the script',
  s: 'skip',
  z: 'snooze',
  u: 'undo',
  n: 'notes',
  '?': 'the list of keys',
  '/': 'search',
  f: 'the live floor',
  h: 'kept for the softphone: hang up',
  m: 'kept for the softphone: mute',
  p: 'kept for the softphone: hold',
  v: 'kept for the softphone: voicemail drop',
  k: 'the softphone’s keypad',
  g: 'power dialing on or off',
};

/** Why a key cannot log a disposition, in words; null when it can. */
export function reservedKeyProblem(key: string): string | null {
  const use = Object.hasOwn(RESERVED_KEYS, key) ? RESERVED_KEYS[key] : undefined;
  return use ? `${key.toUpperCase()} is the console's own key (${use}): pick a digit or another letter` : null;
}

/** A disposition that closes the lead for good: the console asks the rep to confirm it. */
export function closesForGood(d: Pick<Disposition, 'doNotCall' | 'moveTo'>): boolean {
  return d.doNotCall === true || d.moveTo === 'disqualified';
}

export const dispositionSchema = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes'),
  label: z.string().trim().min(1).max(60),
  // Keys are matched without regard to Shift or Caps Lock, so "D" in a file is the d key.
  hotkey: z
    .string()
    .trim()
    .toLowerCase()
    .superRefine((key, ctx) => {
      const reserved = reservedKeyProblem(key);
      if (reserved) ctx.addIssue({ code: 'custom', message: reserved });
      else if (!/^[0-9a-z]$/.test(key)) ctx.addIssue({ code: 'custom', message: 'one digit or one letter' });
    }),
  contact: z.boolean(),
  countsAsAttempt: z.boolean(),
  moveTo: z.enum(STAGES).optional(),
  retryAfterMinutes: z.int().min(0).max(365 * DAY_MINUTES).optional(),
  doNotCall: z.boolean().optional(),
  badNumber: z.boolean().optional(),
  answeringMachine: z.boolean().optional(),
  needsCallbackTime: z.boolean().optional(),
  recycleAfterDays: z.int().min(1).max(3650).optional(),
  /** Asks the rep why (a disqualification, an override of the recommendation). */
  needsReason: z.boolean().optional(),
});

/** A disposition as listed for the team lead: retired ones stay, so old calls keep their meaning. */
export type ListedDisposition = Disposition & { retired: boolean };
