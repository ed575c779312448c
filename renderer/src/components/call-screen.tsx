import { useRef, useState } from 'react';
import { closesForGood } from '../../../shared/dispositions.ts';
import { fullName, type NextUp } from '../../../shared/leads.ts';
import { useHotkeys } from '../use-hotkeys.ts';
import { useShallow } from 'zustand/react/shallow';
import { selectScriptView } from '../store/script-view.ts';
import { useApp } from '../store/store-context.tsx';
import { LeadWithAccount } from './account-panel.tsx';
import { ActivityPanel } from './activity-panel.tsx';
import { ConfirmPrompt } from './confirm-prompt.tsx';
import { DispositionBar } from './disposition-bar.tsx';
import { LeadPanel } from './lead-panel.tsx';
import { NotesPanel } from './notes-panel.tsx';
import { KeyboardHelp } from './keyboard-help.tsx';
import { QueueDrawer } from './queue-drawer.tsx';
import { ReasonPrompt } from './reason-prompt.tsx';
import { ScriptPanel } from './script-panel.tsx';
import { TimePicker } from './time-picker.tsx';
import { CallProgress } from '../phone/call-progress.tsx';
import { PowerDialCountdown } from '../phone/power-dial-countdown.tsx';
import { usePhoneKeys } from '../phone/use-phone-keys.ts';

/** The one screen a rep works in: the lead, why it is next, what it did, notes, dispositions. */
export function CallScreen({ next, nowMs }: { next: NextUp; nowMs: number }) {
  const dispositions = useApp((s) => s.dispositions);
  const dialScheme = useApp((s) => s.dialScheme);
  const loggingCall = useApp((s) => s.loggingCall);
  const logDisposition = useApp((s) => s.logDisposition);
  const notes = useApp((s) => s.notes);
  const setNotes = useApp((s) => s.setNotes);
  const askingTime = useApp((s) => s.askingTime);
  const askingReason = useApp((s) => s.askingReason);
  const answerReason = useApp((s) => s.answerReason);
  const markDialed = useApp((s) => s.markDialed);
  const dialedAt = useApp((s) => s.dialedAt);
  const clockOffset = useApp((s) => s.clockOffset);
  const showNotice = useApp((s) => s.showNotice);
  const [overlay, setOverlay] = useState<'keys' | 'queue' | null>(null);
  const toggle = (which: 'keys' | 'queue') => setOverlay((open) => (open === which ? null : which));
  const copyNumber = () => {
    void navigator.clipboard
      .writeText(next.number)
      .then(() => showNotice({ kind: 'info', text: `Copied ${next.number}` }))
      .catch(() => showNotice({ kind: 'error', text: 'This window may not write to the clipboard.' }));
  };
  const answer = useApp((s) => s.answer);
  // The script's view derives from the answers, the lead and the script: subscribe to those, so
  // that a new answer re-renders the screen, then derive at main's clock (nowMs).
  const scriptInputs = useApp(useShallow((s) => ({ script: s.script, snapshot: s.snapshot, answers: s.answers, answersFor: s.answersFor })));
  const view = selectScriptView(scriptInputs, nowMs);
  const callButton = useRef<HTMLAnchorElement>(null);
  const answerForm = useRef<HTMLFormElement>(null);
  const recommendedLabel = dispositions.find((d) => d.code === view?.recommendation?.disposition)?.label ?? null;
  const answerTime = useApp((s) => s.answerTime);
  const skip = useApp((s) => s.skip);
  const askSnooze = useApp((s) => s.askSnooze);
  const notesField = useRef<HTMLTextAreaElement>(null);
  // A disposition that closes the lead for good waits here for the rep's Enter. It belongs to the
  // lead it was pressed on: if another lead comes on screen (an undo), it is dropped.
  const [confirming, setConfirming] = useState<{ code: string; leadId: number } | null>(null);
  const leadId = next.card.lead.id;
  const confirmingNow = confirming?.leadId === leadId ? dispositions.find((d) => d.code === confirming.code) : undefined;
  const phone = usePhoneKeys(leadId);
  const refuseWhileCalling = useApp((s) => s.refuseWhileCalling);
  const choose = (code: string) => {
    // Before any prompt opens: a call still going is hung up first (logDisposition refuses it too).
    if (refuseWhileCalling()) return;
    // The disposition the network's answer suggested is logged with that answer as its reason.
    if (phone.suggested?.code === code) return void logDisposition(code, undefined, phone.suggested.reason);
    const disposition = dispositions.find((d) => d.code === code);
    // One that asks why is confirmed by the reason the rep types; the others by Enter.
    if (disposition && closesForGood(disposition) && !disposition.needsReason) setConfirming({ code, leadId });
    else void logDisposition(code);
  };
  const closingReason = askingReason ? dispositions.find((d) => d.code === askingReason.code) : undefined;

  // While a picker, a prompt, the import wizard, Reports or Settings is open, keys belong to it, not to the lead behind.
  const wizardOpen = useApp((s) => s.wizard !== null);
  const panelOpen = useApp((s) => s.panel !== null);
  useHotkeys(
    askingTime || askingReason || confirmingNow || wizardOpen || panelOpen
      ? {}
      : overlay === 'keys'
        ? { '?': () => setOverlay(null), Escape: () => setOverlay(null) }
        : phone.keypadKeys ?? {
          // The console's own keys come last, so they win over a disposition given one of them before they were reserved.
          ...Object.fromEntries(dispositions.map((d) => [d.hotkey, () => choose(d.code)])),
          '?': () => toggle('keys'),
          q: () => toggle('queue'),
          y: copyNumber,
          n: () => notesField.current?.focus(),
          a: () => answerForm.current?.querySelector<HTMLElement>('[data-answer-field]')?.focus(),
          s: () => void skip(),
          z: () => askSnooze(),
          // C dials the number the queue offers, through the same link a click would follow
          // (during a call the button gives way to the call's controls: C says to hang up first).
          c: () => void (refuseWhileCalling() || callButton.current?.click()),
          ...phone.keys,
        },
  );

  return (
    <main className="call-screen" data-lead-id={next.card.lead.id}>
      <LeadWithAccount lead={next.card.lead}>
        <LeadPanel
          card={next.card}
          nowMs={nowMs}
          dialScheme={dialScheme}
          onDial={phone.mode === 'softphone' ? phone.dial : markDialed}
          dialedAt={dialedAt?.leadId === next.card.lead.id ? dialedAt.at : null}
          dialedNumber={dialedAt?.leadId === next.card.lead.id ? dialedAt.number : null}
          clockOffset={clockOffset}
          offered={next.number}
          callButton={callButton}
          callStatus={phone.mode === 'softphone' && phone.onThisLead ? <CallProgress leadId={leadId} /> : phone.countingDown ? <PowerDialCountdown leadId={leadId} /> : undefined}
        />
      </LeadWithAccount>
      <ActivityPanel next={next} nowMs={nowMs} opener={view?.opener ?? null}>
        {view && <ScriptPanel key={leadId} view={view} onAnswer={answer} answerField={answerForm} recommendedLabel={recommendedLabel} />}
      </ActivityPanel>
      <NotesPanel ref={notesField} notes={notes} onNotes={setNotes} calls={next.card.calls} stageHistory={next.card.stageHistory} readOnly={loggingCall} />
      {overlay === 'keys' && <KeyboardHelp dispositions={dispositions} onClose={() => setOverlay(null)} />}
      {overlay === 'queue' && <QueueDrawer onClose={() => setOverlay(null)} />}
      {confirmingNow && (
        <ConfirmPrompt
          disposition={confirmingNow}
          leadName={fullName(next.card.lead)}
          onAnswer={(confirmed) => {
            setConfirming(null);
            if (confirmed) void logDisposition(confirmingNow.code);
          }}
        />
      )}
      {askingReason && (
        <ReasonPrompt
          question={askingReason.why}
          code={askingReason.code}
          warning={closingReason && closesForGood(closingReason) ? `${closingReason.label} closes ${fullName(next.card.lead) || 'this lead'} for good.` : null}
          onAnswer={(reason) => void answerReason(reason)}
        />
      )}
      {askingTime && (
        <TimePicker
          title={askingTime.purpose === 'callback' ? 'Call back at' : 'Snooze until'}
          purpose={askingTime.purpose}
          leadId={leadId}
          zone={next.card.lead.timeZone}
          nowMs={nowMs}
          onAnswer={(at) => void answerTime(at)}
        />
      )}
      <DispositionBar
        dispositions={dispositions}
        disabled={loggingCall}
        recommended={phone.suggested?.code ?? view?.recommendation?.disposition ?? null}
        onLog={choose}
      />
    </main>
  );
}
