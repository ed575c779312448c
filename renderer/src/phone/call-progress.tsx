import { useEffect, useState } from 'react';
import { SECOND_MS } from '../../../shared/time-units.ts';
import { useApp } from '../store/store-context.tsx';
import { Keypad } from './keypad.tsx';
import type { PhoneCallView } from './phone-slice.ts';

const clock = (ms: number) => {
  const seconds = Math.max(0, Math.floor(ms / SECOND_MS));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

/** Where the call is, as the network says: dialling, ringing, talking (talk time from the answer), ended and why. */
export function callStageText(call: PhoneCallView, now: number): string {
  switch (call.stage) {
    case 'dialling':
      return `Dialling ${call.number} · ${clock(now - call.startedAt)}`;
    case 'ringing':
      return `Ringing ${call.number} · ${clock(now - (call.ringingAt ?? call.startedAt))}`;
    case 'answered':
      return `Talking · ${clock(now - (call.answeredAt ?? now))}${call.held ? ' · on hold' : ''}${call.muted ? ' · muted' : ''}`;
    case 'ended':
      return `Ended · ${call.answeredAt ? `talked ${clock((call.endedAt ?? now) - call.answeredAt)}` : 'not answered'} · ${call.cause ?? ''}`;
  }
}

/** The softphone's call on the lead on screen: its progress and timer, and its controls with their keys. */
export function CallProgress({ leadId }: { leadId: number }) {
  const call = useApp((s) => (s.phoneCall?.leadId === leadId ? s.phoneCall : null));
  const hangUp = useApp((s) => s.hangUp);
  const toggleMute = useApp((s) => s.toggleMute);
  const toggleHold = useApp((s) => s.toggleHold);
  const toggleKeypad = useApp((s) => s.toggleKeypad);
  const keypadOpen = useApp((s) => s.keypadOpen);
  const dropVoicemail = useApp((s) => s.dropVoicemail);
  const [now, setNow] = useState(() => Date.now());
  const live = call !== null && call.stage !== 'ended';
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [live]);
  if (!call) return null;
  const talking = call.stage === 'answered';
  return (
    <div className={`call-progress stage-${call.stage}`} data-testid="call-progress" data-stage={call.stage}>
      <p className="call-timer" role="timer" aria-label="Call progress" aria-live="polite">
        {callStageText(call, Math.max(now, call.startedAt))}
      </p>
      {live && (
        <div className="call-controls">
          <button type="button" className="danger" onClick={hangUp} aria-keyshortcuts="h">
            Hang up <kbd>H</kbd>
          </button>
          <button type="button" onClick={toggleMute} aria-pressed={call.muted} aria-keyshortcuts="m">
            {call.muted ? 'Unmute' : 'Mute'} <kbd>M</kbd>
          </button>
          <button type="button" onClick={toggleHold} disabled={!talking} aria-pressed={call.held} aria-keyshortcuts="p">
            {call.held ? 'Resume' : 'Hold'} <kbd>P</kbd>
          </button>
          <button type="button" onClick={toggleKeypad} disabled={!talking} aria-pressed={keypadOpen} aria-keyshortcuts="k">
            Keypad <kbd>K</kbd>
          </button>
          <button type="button" onClick={() => void dropVoicemail()} disabled={!talking} aria-keyshortcuts="v">
            Leave voicemail <kbd>V</kbd>
          </button>
        </div>
      )}
      {keypadOpen && talking && <Keypad />}
    </div>
  );
}
