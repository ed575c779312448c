import { useApp } from '../store/store-context.tsx';
import { KEYPAD } from './softphone.ts';

/**
 * What the call screen needs of the softphone: H, M, P and K while it is the way C dials, the
 * keypad's keys while the keypad is open (they take the digits from the dispositions), the dial
 * action for the call button, and the disposition the network's answer suggested for this lead.
 */
export function usePhoneKeys(leadId: number) {
  const mode = useApp((s) => s.phoneMode);
  const dialByPhone = useApp((s) => s.dialByPhone);
  const hangUp = useApp((s) => s.hangUp);
  const toggleMute = useApp((s) => s.toggleMute);
  const toggleHold = useApp((s) => s.toggleHold);
  const toggleKeypad = useApp((s) => s.toggleKeypad);
  const sendDigit = useApp((s) => s.sendDigit);
  const dropVoicemail = useApp((s) => s.dropVoicemail);
  const keypadOpen = useApp((s) => s.keypadOpen);
  const onThisLead = useApp((s) => s.phoneCall?.leadId === leadId);
  const suggested = useApp((s) => (s.suggested?.leadId === leadId ? s.suggested : null));
  // Power dialing: G turns it on or off; between calls P holds its countdown (during a call, the call).
  const togglePowerDialing = useApp((s) => s.togglePowerDialing);
  const toggleCountdownPause = useApp((s) => s.toggleCountdownPause);
  const countingDown = useApp((s) => s.countdown?.leadId === leadId);
  const softphone = mode === 'softphone';
  return {
    mode,
    onThisLead,
    suggested,
    countingDown,
    // The softphone rings itself once main has accepted the dial: no link for the page to follow.
    dial: (number: string) => dialByPhone(number).then(() => false),
    keys: (softphone ? { h: hangUp, m: toggleMute, p: countingDown ? toggleCountdownPause : toggleHold, k: toggleKeypad, g: () => void togglePowerDialing(), v: () => void dropVoicemail() } : {}) as Record<string, () => void>,
    keypadKeys:
      softphone && keypadOpen
        ? { ...Object.fromEntries(KEYPAD.map((digit) => [digit, () => sendDigit(digit)])), k: toggleKeypad, Escape: toggleKeypad, h: hangUp, m: toggleMute }
        : null,
  };
}
