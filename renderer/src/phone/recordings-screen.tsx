import { useEffect, useRef } from 'react';
import { hasRole } from '../../../shared/method-roles.ts';
import { selectMay } from '../store/console-state.ts';
import { useApp } from '../store/store-context.tsx';
import { useDialogFocus } from '../use-dialog-focus.ts';
import { useEscapeToClose } from '../use-hotkeys.ts';
import { RecordingPlayer, recordingLength } from './call-recording.tsx';

// One formatter for every row and render (a page is 50 rows, and the list grows a page at a time).
const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const when = (iso: string) => WHEN.format(new Date(iso));

/**
 * The recorded calls, newest first: a team lead's (or an admin's) every one of the team, with the
 * lead, who recorded it, when and how long, each played here; a rep's their own. A page at a
 * time (a team keeps thousands): "Show older" reads the next. Without it a team lead would open
 * each lead's card to hear its calls.
 */
export function RecordingsScreen({ onClose }: { onClose(): void }) {
  const list = useApp((s) => s.recordingList);
  const loadRecordings = useApp((s) => s.loadRecordings);
  const loadMore = useApp((s) => s.loadMoreRecordings);
  const person = useApp((s) => s.signInState?.person ?? null);
  const everyone = person === null || hasRole(person, 'team-lead');
  useEffect(() => void loadRecordings(), [loadRecordings]);

  const card = useRef<HTMLDivElement>(null);
  const rows = useRef<HTMLTableSectionElement>(null);
  useEscapeToClose(onClose);
  useDialogFocus(card, list !== null);
  // The keyboard goes on to the page it asked for: its first row's Play (the button goes once the oldest is shown).
  const showOlder = async () => {
    const from = list?.recordings.length ?? 0;
    await loadMore();
    rows.current?.rows[from]?.querySelector('button')?.focus();
  };

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="recordings-title">
      <div ref={card} className="overlay-card recordings" data-testid="recordings">
        <header className="list-reps-head">
          <h2 id="recordings-title">{person && everyone ? 'The team’s recordings' : 'Your recordings'}</h2>
          <span className="spacer" />
          <button type="button" className="secondary" onClick={onClose}>
            Close <kbd>Esc</kbd>
          </button>
        </header>
        <p className="muted">
          {person && everyone
            ? 'Every recorded call of the team, newest first. A recording is deleted with its lead.'
            : person
              ? 'The calls you recorded, of the leads on your lists, newest first.'
              : 'The calls recorded on this computer, newest first. A recording is deleted with its lead.'}
        </p>
        {list && list.recordings.length === 0 && !list.loading && !list.problem && <p>No call has been recorded yet: recording is turned on in Settings → Phone → Greetings.</p>}
        {list && list.recordings.length > 0 && (
          <table className="report-table" aria-label="Recordings">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Lead</th>
                <th scope="col">Recorded by</th>
                <th scope="col" className="num">
                  Length
                </th>
                <th scope="col">
                  <span className="visually-hidden">Play</span>
                </th>
              </tr>
            </thead>
            <tbody ref={rows}>
              {list.recordings.map((r) => (
                <tr key={r.id}>
                  <td>{when(r.startedAt)}</td>
                  <th scope="row">{r.leadName}</th>
                  <td>{r.recordedBy ?? (person ? <span className="muted">a deleted account</span> : 'You')}</td>
                  <td className="num">{recordingLength(r.durationMs)}</td>
                  <td>
                    <RecordingPlayer recording={r} label={`Play ${r.leadName}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {list?.problem && <p role="alert">The recordings could not be read. {list.problem}</p>}
        {list?.loading && <p role="status">Reading the recordings…</p>}
        {list?.next && (
          // Kept while the page is read (a button taken away takes the focus with it); the slice asks once.
          <button type="button" className="secondary" aria-disabled={list.loading} onClick={() => void showOlder()}>
            Show older recordings
          </button>
        )}
      </div>
    </div>
  );
}

/** The top bar's way in, wherever recordings are listed (a rep's own computer, any account on a team). */
export function RecordingsButton() {
  const mayList = useApp(selectMay('recordings.list'));
  const panel = useApp((s) => s.panel);
  const openPanel = useApp((s) => s.openPanel);
  const closePanel = useApp((s) => s.closePanel);
  if (!mayList) return null;
  return (
    <>
      <button type="button" className="secondary" onClick={() => openPanel('recordings')} title="The recorded calls, newest first, each played here">
        Recordings
      </button>
      {panel === 'recordings' && <RecordingsScreen onClose={closePanel} />}
    </>
  );
}
