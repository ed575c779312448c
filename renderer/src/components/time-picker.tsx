import { useState } from 'react';
import { fromZonedInput, toZonedInput } from '../../../shared/zoned-time.ts';

interface TimePickerProps {
  title: string;
  /** The lead's zone; the rep's own is used when the lead's is unknown. */
  zone: string | null;
  nowMs: number;
  onAnswer(at: string | null): void;
}

const HOUR = 3_600_000;

/**
 * Picks a time in the lead's own clock (a callback at "10:00" means ten in the morning where the
 * lead is), with the rep's time beside it. Enter confirms, Escape cancels.
 */
export function TimePicker({ title, zone, nowMs, onAnswer }: TimePickerProps) {
  const repZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const leadZone = zone ?? repZone;
  const [value, setValue] = useState(() => toZonedInput(Math.ceil((nowMs + HOUR) / (15 * 60_000)) * 15 * 60_000, leadZone));
  const at = fromZonedInput(value, leadZone);
  const repTime = at === null ? '' : new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: 'numeric', minute: '2-digit', timeZone: repZone }).format(at);

  return (
    <form
      className="time-picker"
      role="dialog"
      aria-label={title}
      onSubmit={(event) => {
        event.preventDefault();
        if (at !== null) onAnswer(new Date(at).toISOString());
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onAnswer(null);
        }
      }}
    >
      <label htmlFor="picked-time">
        {title} <span className="muted">— the lead’s time{zone ? ` (${zone})` : ' unknown: your time'}</span>
      </label>
      <input id="picked-time" type="datetime-local" value={value} onChange={(event) => setValue(event.target.value)} autoFocus required />
      <span className="muted" data-testid="rep-time">
        {at !== null ? `Your time: ${repTime}` : 'Pick a date and time'}
      </span>
      <button type="submit" className="primary" disabled={at === null}>
        OK <kbd>Enter</kbd>
      </button>
      <button type="button" onClick={() => onAnswer(null)}>
        Cancel <kbd>Esc</kbd>
      </button>
    </form>
  );
}
