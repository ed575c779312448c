import type { NetworkOutcome } from '../../../shared/phone.ts';
import type { CallEnd, LineState } from './softphone.ts';

/** The line's state in a sentence for the top bar's title and the notices; null when all is well. */
export function lineSentence(state: LineState, cause: string | undefined, server: string): string | null {
  switch (state) {
    case 'registered':
    case 'off':
      return null;
    case 'connecting':
      return `Connecting to ${server}…`;
    case 'disconnected':
      return `The phone system at ${server} cannot be reached: check the address in Settings → Phone and your network. Nextcall keeps trying.`;
    case 'failed':
      return /^40[13]\b/.test(cause ?? '') || cause === 'Authentication Error'
        ? `The phone system refused your SIP user or password (${cause}): enter them again in Settings → Phone.`
        : `The phone system refused the registration${cause ? ` (${cause})` : ''}: check Settings → Phone.`;
  }
}

const OUTCOME_WORDS: Record<NetworkOutcome, string> = {
  busy: 'The line is busy',
  'no-answer': 'No answer',
  unreachable: 'The number cannot be reached now',
  'invalid-number': 'The network says this number does not exist: it is flagged bad',
};

/** How a call ended, for the rep. */
export function callEndSentence(end: CallEnd, outcome: NetworkOutcome | null, cause: string): string | null {
  if (outcome) return `${OUTCOME_WORDS[outcome]} (${cause}).`;
  if (end.cause === 'User Denied Media Access') {
    return 'Not called: Nextcall may not use the microphone. Allow it (the browser’s site settings, or your system’s privacy settings for the desktop app) and press C again.';
  }
  if (end.cause === 'Authentication Error' || end.status === 401 || end.status === 407) return `The phone system refused the call for your credentials (${cause}): check Settings → Phone.`;
  if (end.by === 'local') return end.answered ? 'Call ended.' : 'Call cancelled before it was answered.';
  if (end.answered) return `Call ended by the other end (${cause}).`;
  return `The call did not go through (${cause}).`;
}
