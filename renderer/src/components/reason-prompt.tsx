import { useState } from 'react';

/** Asks the rep why, in a sentence; Enter records it with the call, Escape goes back. */
export function ReasonPrompt({ question, warning = null, onAnswer }: { question: string; warning?: string | null; onAnswer(reason: string | null): void }) {
  const [reason, setReason] = useState('');
  return (
    <form
      className="time-picker"
      role="dialog"
      aria-label="Reason"
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim()) onAnswer(reason);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onAnswer(null);
        }
      }}
    >
      {warning && <strong className="prompt-warning">{warning}</strong>}
      <label htmlFor="reason">{question}</label>
      <input id="reason" type="text" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={2000} autoFocus required />
      <button type="submit" className="primary" disabled={!reason.trim()}>
        Log the call <kbd>Enter</kbd>
      </button>
      <button type="button" onClick={() => onAnswer(null)}>
        Back <kbd>Esc</kbd>
      </button>
    </form>
  );
}
