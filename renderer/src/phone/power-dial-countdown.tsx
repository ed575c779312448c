import { useEffect, useState } from 'react';
import { SECOND_MS } from '../../../shared/time-units.ts';
import { useApp } from '../store/store-context.tsx';

/**
 * The wait before power dialing calls the lead on screen: the seconds left in large type, a bar
 * that empties, and the keys that change it (P pause, S skip, C call now).
 */
export function PowerDialCountdown({ leadId }: { leadId: number }) {
  const countdown = useApp((s) => (s.countdown?.leadId === leadId ? s.countdown : null));
  const togglePause = useApp((s) => s.toggleCountdownPause);
  const skip = useApp((s) => s.skip);
  const [now, setNow] = useState(() => Date.now());
  const running = countdown?.dialAt != null;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [running]);
  if (!countdown) return null;
  const leftMs = countdown.dialAt === null ? countdown.leftMs : Math.max(0, countdown.dialAt - now);
  const left = Math.ceil(leftMs / SECOND_MS);
  const share = countdown.seconds === 0 ? 0 : Math.min(1, leftMs / (countdown.seconds * SECOND_MS));
  const paused = countdown.dialAt === null;
  return (
    <div className={`call-progress power-dial${paused ? ' paused' : ''}`} data-testid="power-dial-countdown" data-state={paused ? 'paused' : 'running'}>
      <p className="power-dial-line" role="timer" aria-label="Power dialing" aria-live="polite">
        <span className="power-dial-seconds" aria-hidden="true">
          {left}
        </span>
        <span>{paused ? `Paused: ${countdown.number} is not called until you resume` : `Calling ${countdown.number} in ${left} s`}</span>
      </p>
      <div className="power-dial-bar" aria-hidden="true">
        <span style={{ width: `${share * 100}%` }} />
      </div>
      <div className="call-controls">
        <button type="button" onClick={togglePause} aria-pressed={paused} aria-keyshortcuts="p">
          {paused ? 'Resume' : 'Pause'} <kbd>P</kbd>
        </button>
        <button type="button" onClick={() => void skip()} aria-keyshortcuts="s">
          Skip this lead <kbd>S</kbd>
        </button>
      </div>
    </div>
  );
}

/** Power dialing on or off (G), beside the line's state in the top bar; only with the built-in softphone. */
export function PowerDialSwitch() {
  const mode = useApp((s) => s.phoneMode);
  const on = useApp((s) => s.powerDialing);
  const toggle = useApp((s) => s.togglePowerDialing);
  if (mode !== 'softphone') return null;
  return (
    <button type="button" className={`power-dial-switch${on ? ' on' : ''}`} aria-pressed={on} aria-keyshortcuts="g" title={`Power dialing ${on ? 'on' : 'off'}: after each disposition, the next lead is dialled after a countdown`} onClick={() => void toggle()}>
      <span className="light" aria-hidden="true" />
      Power dial <kbd>G</kbd>
    </button>
  );
}
