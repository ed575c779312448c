import { useEffect, useState } from 'react';
import { callbackChoices } from '../../../shared/callbacks.ts';
import type { CallingWindow } from '../../../shared/queue-rules.ts';
import { fromZonedInput, toZonedInput } from '../../../shared/zoned-time.ts';
import { useApi } from '../store/store-context.tsx';
import { hotkeyOf } from '../use-hotkeys.ts';
import { HOUR_MS, MINUTE_MS } from '../../../shared/time-units.ts';

interface TimePickerProps {
  title: string;
  leadId: number;
  /** The lead's zone; the rep's own is used when the lead's is unknown. */
  zone: string | null;
  nowMs: number;
  /** A callback asks, once, whether the console may notify the rep when it comes due. */
  purpose: 'callback' | 'snooze';
  onAnswer(at: string | null): void;
}


/**
 * Picks a time in the lead's own clock (a callback at "10:00" means ten in the morning where the
 * lead is), with the rep's time beside it: a quick choice (1–4), or a day and a time of its own.
 * Enter confirms, Escape cancels.
 */
export function TimePicker({ title, leadId, zone, nowMs, purpose, onAnswer }: TimePickerProps) {
  const repZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const leadZone = zone ?? repZone;
  const call = useApi();
  // The lead's calling hours: until main says, the choices are not moved into them.
  const [windows, setWindows] = useState<CallingWindow[]>([]);
  useEffect(() => {
    let live = true;
    call('queue.callingWindows', { leadId })
      .then((answer) => live && setWindows(answer.windows))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [call, leadId]);
  // The choices hold still while the picker is open (the clock ticks under it).
  const [openedAt] = useState(nowMs);
  const quick = callbackChoices(openedAt, leadZone, windows);

  // A day of its own keeps the time of "in 1 h" until the rep changes it.
  const [initial] = useState(() => toZonedInput(Math.round((nowMs + HOUR_MS) / (5 * MINUTE_MS)) * 5 * MINUTE_MS, leadZone));
  const [day, setDay] = useState(initial.slice(0, 10));
  const [time, setTime] = useState(initial.slice(11));
  const at = /^\d{4}-\d{2}-\d{2}$/.test(day) && /^\d{2}:\d{2}$/.test(time) ? fromZonedInput(`${day}T${time}`, leadZone) : null;
  const past = at !== null && at <= nowMs;
  const repTime = (instant: number) => new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: 'numeric', minute: '2-digit', timeZone: repZone }).format(instant);
  const leadTime = (instant: number) => new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: leadZone }).format(instant);

  const pick = (instant: number) => {
    if (purpose === 'callback') askToNotify();
    onAnswer(new Date(instant).toISOString());
  };

  return (
    <form
      className="time-picker"
      role="dialog"
      aria-label={title}
      onSubmit={(event) => {
        event.preventDefault();
        if (at !== null && !past) pick(at);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onAnswer(null);
          return;
        }
        // 1–4 take a quick choice, unless the rep is typing a day or a time.
        const target = event.target as HTMLElement;
        if (target.tagName === 'INPUT') return;
        const key = hotkeyOf(event.nativeEvent);
        const choice = key === null ? undefined : quick[Number(key) - 1];
        if (choice && /^[1-9]$/.test(key!)) {
          event.preventDefault();
          pick(choice.at);
        }
      }}
    >
      <span className="picker-title">
        {title} <span className="muted">— the lead’s time{zone ? ` (${zone})` : ' unknown: your time'}</span>
      </span>
      <ul className="quick-times" aria-label="Quick choices">
        {quick.map((choice, i) => (
          <li key={choice.id}>
            <button type="button" autoFocus={i === 0} onClick={() => pick(choice.at)} title={choice.moved ?? undefined} aria-describedby={`quick-${choice.id}-rep`}>
              <kbd>{i + 1}</kbd> {choice.label}
              <span className="quick-when">
                {leadTime(choice.at)}
                {choice.moved ? ' *' : ''}
              </span>
            </button>
            <span id={`quick-${choice.id}-rep`} className="muted quick-rep">
              your time {repTime(choice.at)}
            </span>
          </li>
        ))}
      </ul>
      {quick.some((c) => c.moved) && <span className="muted quick-note">* moved into the lead’s calling hours</span>}
      <span className="picker-own">
        <label>
          Day <input id="picked-day" type="date" value={day} onChange={(event) => setDay(event.target.value)} required />
        </label>
        <label>
          at <input id="picked-time" type="time" value={time} onChange={(event) => setTime(event.target.value)} required />
        </label>
        <span className="muted" data-testid="rep-time">
          {at === null ? 'Pick a day and a time' : past ? 'That time has passed' : `Your time: ${repTime(at)}`}
        </span>
        <button type="submit" className="primary" disabled={at === null || past}>
          OK <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={() => onAnswer(null)}>
          Cancel <kbd>Esc</kbd>
        </button>
      </span>
    </form>
  );
}

/**
 * The first callback a rep books is the moment a reminder makes sense: ask the browser (or the
 * desktop app) then, once, and never wait for the answer. Without permission the top bar still says it.
 */
function askToNotify(): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return;
  try {
    void Notification.requestPermission().catch(() => undefined);
  } catch {
    // An old engine without the promise form: the top bar is enough.
  }
}
