import type { NetworkOutcome } from '../../../shared/phone.ts';
import type { CallEnd } from './softphone.ts';

/**
 * What the network's answer means for the call list. Only an unanswered call has one; a call the
 * rep hung up before it was answered, or one refused for the rep's own credentials, has none
 * (the rep decides). The SIP codes are RFC 3261's (and RFC 3398's mapping from the phone network).
 */
export function networkOutcome(end: CallEnd, endedForNoAnswer: boolean): NetworkOutcome | null {
  if (end.answered) return null;
  if (endedForNoAnswer) return 'no-answer';
  const status = end.status;
  if (status === 486 || status === 600 || status === 603) return 'busy';
  // Not Found, Gone, Address Incomplete, Ambiguous, Does Not Exist Anywhere: no such number.
  if (status === 404 || status === 410 || status === 484 || status === 485 || status === 604) return 'invalid-number';
  // Temporarily Unavailable, Request Timeout, and the network's own failures (5xx).
  if (status === 480 || status === 408 || (status !== undefined && status >= 500 && status < 600)) return 'unreachable';
  if (end.by === 'system' && (end.cause === 'Request Timeout' || end.cause === 'Connection Error')) return 'unreachable';
  return null;
}
