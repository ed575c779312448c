import { closesForGood, type Disposition } from '../../../shared/dispositions.ts';
import { PHONE_KEYS } from '../phone/phone-keys.ts';
import { useApp } from '../store/store-context.tsx';

/** Every key of the call screen, in one place: ? opens it, Escape or ? closes it. */
export function KeyboardHelp({ dispositions, onClose }: { dispositions: Disposition[]; onClose(): void }) {
  // The call keys work only in the built-in softphone; a dial link hands the call to another app.
  const softphone = useApp((s) => s.phoneMode === 'softphone');
  const keys: [string, string][] = [
    ...dispositions.map((d): [string, string] => [d.hotkey.toUpperCase(), `Log “${d.label}”${closesForGood(d) ? (d.needsReason ? ' (closes the lead: asks why)' : ' (closes the lead: Enter confirms)') : ''}`]),
    ['C', softphone ? 'Call the number the queue offers (built-in softphone)' : 'Call the number the queue offers (your softphone)'],
    ...(softphone ? PHONE_KEYS : []),
    ['Y', 'Copy that number'],
    ['A', 'Answer the script: a choice’s number key, or type and Enter; focus stays in the script until Esc'],
    ['N', 'Write in the notes (Esc to leave them)'],
    ['S', 'Skip: back into the queue for a few minutes'],
    ['Z', 'Snooze until a time you pick'],
    ['U', 'Undo the last disposition (for 30 seconds)'],
    ['Q', 'Show or hide the next leads'],
    ['F', 'The live floor: every rep and the team’s day (Esc comes back)'],
    ['?', 'Show or hide these keys'],
  ];
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" onClick={onClose}>
      <div className="overlay-card" onClick={(event) => event.stopPropagation()}>
        <h2>Keys</h2>
        <p className="muted">Letters work with Shift or Caps Lock on, digits from either row.</p>
        <dl className="keys">
          {keys.map(([key, what]) => (
            <div key={key + what}>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <button type="button" onClick={onClose} autoFocus>
          Close <kbd>Esc</kbd>
        </button>
      </div>
    </div>
  );
}
