import { useRef } from 'react';
import type { NextUp } from '../../../shared/leads.ts';
import { useHotkeys } from '../use-hotkeys.ts';
import { useApp } from '../store/store-context.tsx';
import { ActivityPanel } from './activity-panel.tsx';
import { DispositionBar } from './disposition-bar.tsx';
import { LeadPanel } from './lead-panel.tsx';
import { NotesPanel } from './notes-panel.tsx';
import { TimePicker } from './time-picker.tsx';

/** The one screen a rep works in: the lead, why it is next, what it did, notes, dispositions. */
export function CallScreen({ next, nowMs }: { next: NextUp; nowMs: number }) {
  const dispositions = useApp((s) => s.dispositions);
  const dialScheme = useApp((s) => s.dialScheme);
  const loggingCall = useApp((s) => s.loggingCall);
  const logDisposition = useApp((s) => s.logDisposition);
  const notes = useApp((s) => s.notes);
  const setNotes = useApp((s) => s.setNotes);
  const askingTime = useApp((s) => s.askingTime);
  const answerTime = useApp((s) => s.answerTime);
  const skip = useApp((s) => s.skip);
  const askSnooze = useApp((s) => s.askSnooze);
  const notesField = useRef<HTMLTextAreaElement>(null);

  useHotkeys(
    askingTime
      ? {}
      : {
          ...Object.fromEntries(dispositions.map((d) => [d.hotkey, () => void logDisposition(d.code)])),
          n: () => notesField.current?.focus(),
          s: () => void skip(),
          z: () => askSnooze(),
        },
  );

  return (
    <main className="call-screen" data-lead-id={next.card.lead.id}>
      <LeadPanel card={next.card} nowMs={nowMs} dialScheme={dialScheme} />
      <ActivityPanel next={next} nowMs={nowMs} />
      <NotesPanel ref={notesField} notes={notes} onNotes={setNotes} calls={next.card.calls} readOnly={loggingCall} />
      {askingTime && (
        <TimePicker
          title={askingTime.purpose === 'callback' ? 'Call back at' : 'Snooze until'}
          zone={next.card.lead.timeZone}
          nowMs={nowMs}
          onAnswer={(at) => void answerTime(at)}
        />
      )}
      <DispositionBar dispositions={dispositions} disabled={loggingCall} onLog={(code) => void logDisposition(code)} />
    </main>
  );
}
