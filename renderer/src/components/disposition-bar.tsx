import { closesForGood, type Disposition } from '../../../shared/dispositions.ts';

/** Every disposition as a button with its key; one press logs the call and brings the next lead. */
export function DispositionBar({
  dispositions,
  disabled,
  recommended,
  onLog,
}: {
  dispositions: Disposition[];
  disabled: boolean;
  /** The disposition the agreed criteria recommend, marked on the bar. */
  recommended: string | null;
  onLog(code: string): void;
}) {
  return (
    <nav className="disposition-bar" aria-label="Dispositions">
      {dispositions.map((d) => (
        <button key={d.code} type="button" disabled={disabled} onClick={() => onLog(d.code)} className={`disposition ${dispositionTone(d)}${d.code === recommended ? ' recommended' : ''}`} aria-keyshortcuts={d.hotkey} title={closesForGood(d) ? 'Closes the lead for good: asks you to confirm' : undefined}>
          <kbd>{d.hotkey.toUpperCase()}</kbd>
          <span>{d.label}</span>
        </button>
      ))}
    </nav>
  );
}

function dispositionTone(d: Disposition): string {
  if (d.moveTo === 'SQL') return 'good';
  if (d.doNotCall || d.badNumber) return 'stop';
  return d.contact ? 'contact' : 'plain';
}
