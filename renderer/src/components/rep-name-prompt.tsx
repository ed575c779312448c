import { useRef, useState } from 'react';
import { messageOf } from '../store/error-message.ts';
import { useApi, useApp } from '../store/store-context.tsx';
import { useDialogFocus } from '../use-dialog-focus.ts';
import { useEscapeToClose } from '../use-hotkeys.ts';

/**
 * Start session, for the top bar: a session is a named rep's, so a console that does not know
 * the rep's name asks for it first (once: it is kept in the preferences). On the team server the
 * session is the signed-in account's, and nothing is asked.
 */
export function useStartSession(): () => Promise<void> {
  const call = useApi();
  const act = useApp((s) => s.sessionAction);
  const openPanel = useApp((s) => s.openPanel);
  const showNotice = useApp((s) => s.showNotice);
  const signedIn = useApp((s) => s.signInState?.person != null);
  return async () => {
    try {
      if (signedIn) return void (await act('start'));
      const { repName } = await call('prefs.get', {});
      if (repName.trim()) await act('start');
      else openPanel('rep-name');
    } catch (error) {
      showNotice({ kind: 'error', text: messageOf(error) });
    }
  };
}

/** Who is calling? Asked before a first session; the name goes on every call and in the team summary. */
export function RepNamePrompt({ onClose }: { onClose(): void }) {
  const call = useApi();
  const act = useApp((s) => s.sessionAction);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const card = useRef<HTMLFormElement>(null);
  useEscapeToClose(onClose);
  useDialogFocus(card);

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Your name">
      <form
        ref={card}
        className="overlay-card rep-name"
        onSubmit={(event) => {
          event.preventDefault();
          if (!name.trim()) return setError('Type your name: a session needs one.');
          void (async () => {
            try {
              await call('prefs.set', { repName: name.trim() });
              onClose();
              await act('start');
            } catch (e) {
              setError(messageOf(e));
            }
          })();
        }}
      >
        <h2>Who is calling?</h2>
        <label htmlFor="rep-name">Your name goes on every call you log, your session’s report and the team summary.</label>
        <input id="rep-name" type="text" value={name} maxLength={80} autoComplete="name" onChange={(event) => setName(event.target.value)} />
        {error && <p className="form-error" role="alert">{error}</p>}
        <div className="wizard-actions">
          <button type="submit" className="primary">
            Start session <kbd>Enter</kbd>
          </button>
          <button type="button" onClick={onClose}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
        <p className="muted">You can change it later in Settings.</p>
      </form>
    </div>
  );
}
