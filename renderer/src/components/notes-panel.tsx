import type { Ref } from 'react';
import type { CallLog, StageChange } from '../../../shared/leads.ts';
import { STAGE_LABELS } from '../../../shared/stages.ts';
import { shortDate } from '../local-time.ts';
import { VirtualList } from './virtual-list.tsx';
import { RecordingPlayer, useRecordingsOf } from '../phone/call-recording.tsx';

interface NotesPanelProps {
  stageHistory: StageChange[];
  ref: Ref<HTMLTextAreaElement>;
  notes: string;
  onNotes(text: string): void;
  calls: CallLog[];
  /** While a call is being logged: what is typed then would belong to neither lead. */
  readOnly: boolean;
}

/** The rep's note for this call (kept as typed) and the lead's earlier calls. */
export function NotesPanel({ ref, notes, onNotes, calls, readOnly, stageHistory }: NotesPanelProps) {
  const recordings = useRecordingsOf(calls[0]?.leadId);
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
      {stageHistory.length > 0 && (
        <>
          <h2>Stage history</h2>
          <ol className="calls" data-testid="stage-history">
            {stageHistory.map((change, i) => (
              <li key={`${change.at}-${i}`}>
                <span className="call-outcome">
                  {change.from ? `${STAGE_LABELS[change.from]} → ` : ''}
                  {STAGE_LABELS[change.to]}
                </span>
                <span className="muted">
                  {shortDate(change.at)} UTC{change.rep ? ` · ${change.rep}` : ''}
                </span>
                <p className="call-notes">{change.reason}</p>
              </li>
            ))}
          </ol>
        </>
      )}
      <h2>Earlier calls</h2>
      {calls.length === 0 ? (
        <p className="muted">Never called.</p>
      ) : (
        <VirtualList
          items={calls}
          estimate={48}
          itemKey={(call) => call.id}
          label="Earlier calls, newest first"
          className="calls"
          render={(call) => (
            <div className="call-row">
              <span className="call-outcome">{call.dispositionLabel}</span>
              <span className="muted">
                {shortDate(call.startedAt)} UTC{call.rep ? ` · ${call.rep}` : ''}
              </span>
              {call.reason && <p className="call-notes">Why: {call.reason}</p>}
              {Object.keys(call.answers).length > 0 && (
                <dl className="call-answers">
                  {Object.entries(call.answers).map(([question, answer]) => (
                    <div key={question}>
                      <dt>{question}</dt>
                      <dd>{Array.isArray(answer) ? answer.join(', ') : String(answer)}</dd>
                    </div>
                  ))}
                </dl>
              )}
              {call.notes && <p className="call-notes">{call.notes}</p>}
              {recordings.has(call.id) && <RecordingPlayer recording={recordings.get(call.id)!} />}
            </div>
          )}
        />
      )}
    </section>
  );
}
