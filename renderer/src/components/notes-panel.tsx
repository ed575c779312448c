import type { Ref } from 'react';
import type { CallLog } from '../../../shared/leads.ts';
import { shortDate } from '../local-time.ts';

interface NotesPanelProps {
  ref: Ref<HTMLTextAreaElement>;
  notes: string;
  onNotes(text: string): void;
  calls: CallLog[];
  /** While a call is being logged: what is typed then would belong to neither lead. */
  readOnly: boolean;
}

/** The rep's note for this call (kept as typed) and the lead's earlier calls. */
export function NotesPanel({ ref, notes, onNotes, calls, readOnly }: NotesPanelProps) {
  return (
    <section className="panel notes-panel" aria-label="Notes and history">
      <label htmlFor="notes">
        <h2>
          Notes <kbd>N</kbd>
        </h2>
      </label>
      <textarea
        id="notes"
        ref={ref}
        value={notes}
        readOnly={readOnly}
        onChange={(event) => onNotes(event.target.value)}
        placeholder="What did you learn? (Esc to leave the note)"
        rows={6}
      />
      <h2>Earlier calls</h2>
      {calls.length === 0 ? (
        <p className="muted">Never called.</p>
      ) : (
        <ol className="calls">
          {calls.map((call) => (
            <li key={call.id}>
              <span className="call-outcome">{call.dispositionLabel}</span>
              <span className="muted">{shortDate(call.startedAt)} UTC</span>
              {call.notes && <p className="call-notes">{call.notes}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
