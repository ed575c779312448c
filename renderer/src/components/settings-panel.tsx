import { useEffect, useRef, useState, type Ref } from 'react';
import type { Preferences } from '../../../shared/api.ts';
import { ReasonListsSettings } from './reason-lists-settings.tsx';
import { DIAL_SCHEMES } from '../../../shared/dial-link.ts';
import type { ListedDisposition } from '../../../shared/dispositions.ts';
import type { ScriptVersion } from '../../../shared/qualification.ts';
import { HOUR_MINUTES } from '../../../shared/time-units.ts';
import { saveFile } from '../file-transfer.ts';
import { messageOf } from '../store/error-message.ts';
import { useApi, useApp } from '../store/store-context.tsx';
import { useDialogFocus } from '../use-dialog-focus.ts';
import { useEscapeToClose } from '../use-hotkeys.ts';
import { BackupsSection } from './backups-section.tsx';
import { PhoneSettingsSection } from '../phone/phone-settings.tsx';
import { selectMay } from '../store/console-state.ts';
import { TeamSection } from './sign-in/team-membership.tsx';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const toTime = (minutes: number) => `${String(Math.floor(minutes / HOUR_MINUTES)).padStart(2, '0')}:${String(minutes % HOUR_MINUTES).padStart(2, '0')}`;
const toMinutes = (time: string) => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * HOUR_MINUTES + (m ?? 0);
};

/**
 * What a rep and a team lead set once: who is calling, how numbers are dialled, when leads may be
 * called and how often, the dispositions and the script. Files in and out for the last two.
 */
export function SettingsPanel({ onClose }: { onClose(): void }) {
  const mayPhone = useApp(selectMay('phone.save'));
  const call = useApi();
  const reload = useApp((s) => s.loadSettings);
  const reloadScript = useApp((s) => s.loadScript);
  const showNotice = useApp((s) => s.showNotice);
  // On a team the calls are logged under the signed-in account's name, never a setting.
  const teamPerson = useApp((s) => (s.signInState?.signInRequired ? s.signInState.person : null));
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const [dispositions, setDispositions] = useState<ListedDisposition[]>([]);
  const [scripts, setScripts] = useState<ScriptVersion[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    void Promise.all([call('prefs.get', {}), call('dispositions.list', {}), call('scripts.list', {})]).then(
      ([p, d, s]) => {
        setPrefs(p);
        setDispositions(d);
        setScripts(s);
      },
      // Without the settings there is no form to show: the panel says why instead of staying blank.
      (e: unknown) => setLoadError(`The settings could not be read. ${messageOf(e)}`),
    );
  }, [call]);

  const card = useRef<HTMLFormElement>(null);
  useEscapeToClose(onClose);
  useDialogFocus(card, prefs !== null || loadError !== null);

  const attempt = async (work: () => Promise<void>, done: string) => {
    try {
      setError(null);
      await work();
      showNotice({ kind: 'info', text: done });
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const pickFile = (accept: string, handle: (file: File) => Promise<void>) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.onchange = () => {
      const file = input.files?.[0];
      if (file) void handle(file);
    };
    input.click();
  };

  if (!prefs) return loadError ? <SettingsUnreadable ref={card} sentence={loadError} onClose={onClose} /> : null;
  const rules = prefs.queueRules;
  const setRules = (patch: Partial<typeof rules>) => setPrefs({ ...prefs, queueRules: { ...rules, ...patch } });

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Settings">
      <form
        ref={card}
        className="overlay-card settings"
        onSubmit={(event) => {
          event.preventDefault();
          void attempt(async () => {
            setPrefs(await call('prefs.set', prefs));
            await reload();
          }, 'Settings saved.');
        }}
      >
        <h2>Settings</h2>
        <TeamSection />
        <fieldset>
          <legend>You</legend>
          {teamPerson ? (
            <p className="muted" data-testid="team-person">
              Signed in as <strong>{teamPerson.name}</strong>: the calls you log carry your account’s name. The settings below are the team’s, the same on every console; a team lead changes them.
            </p>
          ) : (
            <label>
              Your name (on the calls you log) <input type="text" value={prefs.repName} maxLength={80} onChange={(e) => setPrefs({ ...prefs, repName: e.target.value })} />
            </label>
          )}
          <label>
            Dial links{' '}
            <select value={prefs.dialScheme} onChange={(e) => setPrefs({ ...prefs, dialScheme: e.target.value as Preferences['dialScheme'] })}>
              {DIAL_SCHEMES.map((s) => (
                <option key={s} value={s}>
                  {s}:
                </option>
              ))}
            </select>
          </label>
          <label>
            Default country for numbers without +{' '}
            <input type="text" value={prefs.defaultCountry} maxLength={2} size={3} onChange={(e) => setPrefs({ ...prefs, defaultCountry: e.target.value.toUpperCase() })} />
          </label>
        </fieldset>
        <fieldset>
          <legend>Calling hours, in each lead’s own time (the law can only narrow them)</legend>
          <div className="days">
            {DAYS.map((day, i) => (
              <label key={day} className="choice">
                <input
                  type="checkbox"
                  checked={rules.window.days.includes(i + 1)}
                  onChange={(e) =>
                    setRules({ window: { ...rules.window, days: e.target.checked ? [...rules.window.days, i + 1].sort() : rules.window.days.filter((d) => d !== i + 1) } })
                  }
                />
                {day}
              </label>
            ))}
          </div>
          <label>
            From <input type="time" value={toTime(rules.window.start)} onChange={(e) => setRules({ window: { ...rules.window, start: toMinutes(e.target.value) } })} />
          </label>
          <label>
            until <input type="time" value={toTime(rules.window.end)} onChange={(e) => setRules({ window: { ...rules.window, end: toMinutes(e.target.value) } })} />
          </label>
          <label>
            Attempts per lead, in all{' '}
            <input type="number" min={1} max={100} value={rules.lifetimeAttemptCap} onChange={(e) => setRules({ lifetimeAttemptCap: Number(e.target.value) })} />
          </label>
          <label>
            Attempts per number in 24 hours{' '}
            <input type="number" min={1} max={50} value={rules.attemptsPer24h} onChange={(e) => setRules({ attemptsPer24h: Number(e.target.value) })} />
          </label>
          <label className="choice">
            <input type="checkbox" checked={rules.allowUnknownZone} onChange={(e) => setRules({ allowUnknownZone: e.target.checked })} />
            Call leads whose time zone is unknown (within every zone of {rules.countries.join(', ')})
          </label>
        </fieldset>
        {error && <p role="alert">{error}</p>}
        <div className="wizard-actions">
          <button type="submit" className="primary">
            Save
          </button>
          <button type="button" onClick={onClose}>
            Close <kbd>Esc</kbd>
          </button>
        </div>

        <fieldset>
          <legend>Dispositions</legend>
          <p className="muted">{dispositions.filter((d) => !d.retired).map((d) => `${d.hotkey} ${d.label}`).join(' · ')}</p>
          <div className="wizard-actions">
            <button
              type="button"
              onClick={() =>
                pickFile('.yaml,.yml,.json', (file) =>
                  attempt(async () => {
                    setDispositions(await call('dispositions.import', { fileName: file.name, text: await file.text() }));
                    await reload();
                  }, 'Dispositions replaced.'),
                )
              }
            >
              Replace from a file…
            </button>
            <button
              type="button"
              onClick={() =>
                saveFile({
                  fileName: 'nextcall-dispositions.json',
                  mimeType: 'application/json',
                  content: `${JSON.stringify(
                    dispositions.filter((d) => !d.retired).map(({ retired: _retired, ...d }) => d),
                    null,
                    2,
                  )}\n`,
                })
              }
            >
              Export
            </button>
          </div>
        </fieldset>
        {mayPhone ? (
          <PhoneSettingsSection />
        ) : (
          <fieldset>
            <legend>Phone</legend>
            <p className="muted">The built-in phone is not on the team server yet: C dials through the softphone on your computer (the dial links above).</p>
          </fieldset>
        )}
        <ReasonListsSettings />
        <fieldset>
          <legend>Scripts</legend>
          <ul className="script-versions">
            {scripts.map((s) => (
              <li key={`${s.id}@${s.version}`}>
                {s.active ? <strong>{s.name} (v{s.version}, in use)</strong> : `${s.name} (v${s.version})`}{' '}
                {!s.active && (
                  <button
                    type="button"
                    className="link"
                    onClick={() =>
                      void attempt(async () => {
                        setScripts(await call('scripts.activate', { id: s.id, version: s.version }));
                        await reloadScript();
                      }, `${s.name} is the script now.`)
                    }
                  >
                    Use
                  </button>
                )}
                <button type="button" className="link" onClick={() => void attempt(async () => saveFile(await call('scripts.export', { id: s.id, version: s.version })), 'Exported.')}>
                  Export
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            onClick={() =>
              pickFile('.yaml,.yml,.json', (file) =>
                attempt(async () => {
                  await call('scripts.import', { fileName: file.name, text: await file.text(), activate: true });
                  setScripts(await call('scripts.list', {}));
                  await reloadScript();
                }, 'Script imported and in use.'),
              )
            }
          >
            Import a script…
          </button>
        </fieldset>
        {/* A team store is backed up by pg_dump on its server (docs/TEAM.md), not from a console. */}
        {!teamPerson && <BackupsSection />}
      </form>
    </div>
  );
}

/** The panel when main could not give the settings: the reason in a sentence, and the way out. */
function SettingsUnreadable({ ref, sentence, onClose }: { ref: Ref<HTMLFormElement>; sentence: string; onClose(): void }) {
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Settings">
      <form ref={ref} className="overlay-card settings" onSubmit={(event) => event.preventDefault()}>
        <h2>Settings</h2>
        <p role="alert">{sentence}</p>
        {/* A team server that stopped answering must not keep the rep from working alone. */}
        <TeamSection />
        <div className="wizard-actions">
          <button type="button" onClick={onClose}>
            Close <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </div>
  );
}
