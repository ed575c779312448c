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
  if (end.cause === 'Authentication Error' || end.status === 401 || end.status === 407) return `The phone system refused the call for your credentials (${cause}): check Settings → Phone.`;
  if (end.by === 'local') return end.answered ? 'Call ended.' : 'Call cancelled before it was answered.';
  if (end.answered) return `Call ended by the other end (${cause}).`;
  return `The call did not go through (${cause}).`;
}

/** Why the microphone did not open, and what to do: the call was not placed and no attempt was recorded. */
export function microphoneSentence(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return 'Not dialled: Nextcall may not use the microphone. Allow it (in a browser: the icon left of the address, Microphone, Allow; in the desktop app: your system’s privacy settings, Microphone) and press C again.';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'Not dialled: the microphone chosen in Settings → Phone is not connected. Plug it in, or pick another there.';
  if (name === 'NotReadableError') return 'Not dialled: another program holds the microphone. Close it, or pick another microphone in Settings → Phone.';
  return `Not dialled: the microphone could not be opened (${error instanceof Error ? error.message : String(error)}).`;
}
