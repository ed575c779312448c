import { useEffect, useState } from 'react';
import { otherReason } from '../../../shared/lead-context.ts';
import { useApp } from '../store/store-context.tsx';

/**
 * Asks the rep why, in a sentence; Enter records it with the call, Escape goes back. For a
 * disposition whose team lead listed reasons (disqualified, not interested), the list comes
 * first, each on a key, with "Other" for the rep's own words, so the reports can group them.
 */
export function ReasonPrompt({
  question,
  code,
  warning = null,
  onAnswer,
}: {
  question: string;
  code?: string;
  warning?: string | null;
  onAnswer(reason: string | null): void;
}) {
  const [reason, setReason] = useState('');
  const [other, setOther] = useState(false);
  const lists = useApp((s) => s.reasonLists);
  const loadReasonLists = useApp((s) => s.loadReasonLists);
  useEffect(() => {
    void loadReasonLists();
  }, [loadReasonLists]);
  const listed = (code ? lists.find((l) => l.code === code)?.reasons : undefined) ?? [];
  const typed = listed.length === 0 || other;

  return (
    <form
      className="time-picker reason-prompt"
      role="dialog"
      aria-label="Reason"
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim()) onAnswer(listed.length ? otherReason(reason) : reason);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          if (other) setOther(false);
          else onAnswer(null);
          return;
        }
        // Keys pick from the list while the rep is not typing their own words; a digit by its
        // key's place, so Shift, Caps Lock or an AZERTY keyboard pick the same reason.
        if (typed || event.ctrlKey || event.metaKey || event.altKey) return;
        const digit = /^(?:Digit|Numpad)(\d)$/.exec(event.code)?.[1] ?? (/^\d$/.test(event.key) ? event.key : null);
        if (digit === null) return;
        const index = digit === '0' ? listed.length : Number(digit) - 1;
        event.preventDefault();
        if (index < listed.length) onAnswer(listed[index]!);
        else if (index === listed.length) setOther(true);
      }}
    >
      {warning && <strong className="prompt-warning">{warning}</strong>}
      <label htmlFor={typed ? 'reason' : undefined}>{question}</label>
      {listed.length > 0 && (
        <div className="reason-choices" role="group" aria-label="Reasons">
          {listed.map((r, i) => (
            <button key={r} type="button" onClick={() => onAnswer(r)} autoFocus={i === 0 && !other}>
              {i < 9 && <kbd>{i + 1}</kbd>} {r}
            </button>
          ))}
          <button type="button" className={other ? 'selected' : ''} onClick={() => setOther(true)}>
            {listed.length < 9 ? <kbd>{listed.length + 1}</kbd> : <kbd>0</kbd>} Other…
          </button>
        </div>
      )}
      {typed && (
        <>
          <input
            id="reason"
            type="text"
            aria-label={listed.length ? 'Other reason' : undefined}
            placeholder={listed.length ? 'Other: in your words' : undefined}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            maxLength={listed.length ? 1900 : 2000}
            autoFocus
            required
          />
          <button type="submit" className="primary" disabled={!reason.trim()}>
            Log the call <kbd>Enter</kbd>
          </button>
        </>
      )}
      <button type="button" onClick={() => (other ? setOther(false) : onAnswer(null))}>
        Back <kbd>Esc</kbd>
      </button>
    </form>
  );
}
