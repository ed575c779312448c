import type { Headline } from '../../../shared/summary-figures.ts';

/** Headline figures as tiles: each its label, its number, and a note under it. The report's and the floor's. */
export function HeadlineTiles({ headlines, label, className }: { headlines: Headline[]; label: string; className: 'report' | 'floor' }) {
  return (
    <ul className={`${className}-tiles`} aria-label={label}>
      {headlines.map(({ label: name, value, note }) => (
        <li key={name} className={`${className}-tile`}>
          <span className="label">{name}</span>
          <strong className="value">{value}</strong>
          {note && <span className="note">{note}</span>}
        </li>
      ))}
    </ul>
  );
}
