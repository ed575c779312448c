import type { Disposition } from '../../../shared/dispositions.ts';

/**
 * A disposition that closes the lead for good (do-not-call, disqualified) waits for a second,
 * deliberate key: Enter logs it, Escape goes back. A digit hit in a hurry does nothing more.
 */
export function ConfirmPrompt({ disposition, leadName, onAnswer }: { disposition: Disposition; leadName: string; onAnswer(confirmed: boolean): void }) {
  return (
    <form
      className="time-picker confirm-prompt"
      role="alertdialog"
      aria-label={`Confirm ${disposition.label}`}
      aria-describedby="confirm-what"
      onSubmit={(event) => {
        event.preventDefault();
        onAnswer(true);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onAnswer(false);
        }
      }}
    >
      <span id="confirm-what">
        <strong>{disposition.label}</strong> closes {leadName || 'this lead'} for good: {disposition.doNotCall ? 'no one will call this lead again.' : 'the lead leaves the queue.'}
      </span>
      <button type="submit" className="primary danger" autoFocus>
        Log “{disposition.label}” <kbd>Enter</kbd>
      </button>
      <button type="button" onClick={() => onAnswer(false)}>
        Back <kbd>Esc</kbd>
      </button>
    </form>
  );
}
