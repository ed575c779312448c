import type { Stage } from './stages.ts';

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
  badNumber?: boolean;
  /** The rep picks when to call back (in the lead's time); the queue offers the lead then. */
  needsCallbackTime?: boolean;
  /** With moveTo 'nurture': when marketing hands the lead back to the queue. */
  recycleAfterDays?: number;
}

const HOUR = 60;
const DAY = 24 * HOUR;

export const DEFAULT_DISPOSITIONS: readonly Disposition[] = [
  { code: 'no-answer', label: 'No answer', hotkey: '1', contact: false, countsAsAttempt: true, retryAfterMinutes: 4 * HOUR },
  { code: 'voicemail', label: 'Left voicemail', hotkey: '2', contact: false, countsAsAttempt: true, retryAfterMinutes: DAY },
  { code: 'busy', label: 'Busy', hotkey: '3', contact: false, countsAsAttempt: true, retryAfterMinutes: 30 },
  // Retry at once: the lead's next good number, if it has one.
  { code: 'bad-number', label: 'Bad number', hotkey: '4', contact: false, countsAsAttempt: true, badNumber: true, retryAfterMinutes: 0 },
  { code: 'wrong-person', label: 'Wrong person', hotkey: '5', contact: true, countsAsAttempt: true, retryAfterMinutes: 7 * DAY },
  { code: 'not-interested', label: 'Not interested', hotkey: '6', contact: true, countsAsAttempt: true, moveTo: 'nurture', recycleAfterDays: 90 },
  { code: 'interested-not-yet', label: 'Interested — not yet', hotkey: '7', contact: true, countsAsAttempt: true, moveTo: 'MQL', retryAfterMinutes: 7 * DAY },
  { code: 'qualified', label: 'Qualified', hotkey: '8', contact: true, countsAsAttempt: true, moveTo: 'SQL' },
  { code: 'do-not-call', label: 'Do not call', hotkey: '9', contact: true, countsAsAttempt: true, doNotCall: true },
  { code: 'callback', label: 'Callback', hotkey: '0', contact: true, countsAsAttempt: true, needsCallbackTime: true },
];

export function dispositionByCode(list: readonly Disposition[], code: string): Disposition | undefined {
  return list.find((d) => d.code === code);
}
