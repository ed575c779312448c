import { hourLabel, hourSpan } from '../../../../shared/summary-figures.ts';

/** The tallest column, in pixels: the busiest hour. */
const TALLEST = 100;

/** Dials by hour of the day as columns: the working day, and any hour outside it that had a dial. */
export function HourBars({ callsByHour, timeZone }: { callsByHour: number[]; timeZone: string }) {
  const [first, last] = hourSpan(callsByHour);
  const most = Math.max(1, ...callsByHour);
  const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return (
    <figure className="hour-bars">
      <figcaption>Dials by hour ({timeZone})</figcaption>
      <ol>
        {hours.map((hour) => (
          <li key={hour} title={`${hourLabel(hour)}: ${callsByHour[hour]} dials`}>
            <span className="visually-hidden">
              {hourLabel(hour)}: {callsByHour[hour]} dials
            </span>
            <span className="count" aria-hidden="true">
              {callsByHour[hour] || ''}
            </span>
            <span className="bar" aria-hidden="true" style={{ height: `${Math.round(((callsByHour[hour] ?? 0) / most) * TALLEST)}px` }} />
            <span className="hour" aria-hidden="true">
              {String(hour).padStart(2, '0')}
            </span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
