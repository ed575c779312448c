import { useApp } from '../store/store-context.tsx';
import { KEYPAD } from './softphone.ts';

/** A phone's keypad for IVRs and extensions: a click or the key sends the tone; Esc or K closes it. */
export function Keypad() {
  const sendDigit = useApp((s) => s.sendDigit);
  const tones = useApp((s) => s.phoneCall?.tones ?? '');
  return (
    <div className="keypad" role="group" aria-label="Keypad">
      <output className="keypad-sent" aria-label="Tones sent">
        {tones || 'Digits, * and # send tones'}
      </output>
      {KEYPAD.map((digit) => (
        <button key={digit} type="button" onClick={() => sendDigit(digit)}>
          {digit}
        </button>
      ))}
    </div>
  );
}
