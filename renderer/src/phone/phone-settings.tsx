import { useEffect, useState, type KeyboardEvent } from 'react';
import type { PhoneSettings } from '../../../shared/api/phone.ts';
import type { PhoneSettingsView } from '../../../shared/phone.ts';
import { messageOf } from '../store/error-message.ts';
import { selectMay } from '../store/console-state.ts';
import { useApi, useApp } from '../store/store-context.tsx';
import { GreetingsSettings } from './greetings-settings.tsx';

type Devices = { microphones: MediaDeviceInfo[]; speakers: MediaDeviceInfo[] };

const PROTECTION_WORDS = {
  'os-keychain': 'kept as a digest sealed by your system’s keychain',
  'private-key-file': 'kept as a digest sealed with a key in Nextcall’s private data folder',
  'team-server-key': 'kept by the team server as a digest sealed with its own key, for your account only',
} as const;

/**
 * Settings → Phone: how C dials (a link to the computer's softphone, or the built-in one), and the
 * built-in one's account, devices and network outcomes. The password goes to main once and never
 * comes back: the field stays empty, and says whether one is saved.
 */
export function PhoneSettingsSection() {
  const call = useApi();
  const startPhone = useApp((s) => s.startPhone);
  const showNotice = useApp((s) => s.showNotice);
  const line = useApp((s) => s.line);
  const testCall = useApp((s) => s.testCall);
  // Greetings are served alone and on the team server (each rep's own); a console leaves them out wherever they are not.
  const mayGreet = useApp(selectMay('greetings.list'));
  const [form, setForm] = useState<PhoneSettingsView | null>(null);
  const [password, setPassword] = useState('');
  const [devices, setDevices] = useState<Devices>({ microphones: [], speakers: [] });
  const [error, setError] = useState<string | null>(null);
  const [testing, setTesting] = useState(false);

  useEffect(() => {
    call('phone.settings', {}).then(setForm, (e: unknown) => setError(messageOf(e)));
    void navigator.mediaDevices
      ?.enumerateDevices()
      .then((all) => setDevices({ microphones: all.filter((d) => d.kind === 'audioinput'), speakers: all.filter((d) => d.kind === 'audiooutput') }))
      .catch(() => undefined);
  }, [call]);

  if (!form) return error ? <p role="alert">{error}</p> : null;
  const set = <K extends keyof PhoneSettings>(key: K, value: PhoneSettings[K]) => setForm({ ...form, [key]: value });
  const save = async (): Promise<boolean> => {
    setError(null);
    try {
      const { hasPassword: _saved, protection: _how, ...settings } = form;
      setForm(await call('phone.save', { ...settings, ...(password ? { password } : {}) }));
      setPassword('');
      await startPhone();
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    }
  };
  // Enter in these fields saves the phone, not the rest of Settings.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT') {
      event.preventDefault();
      void save().then((saved) => saved && showNotice({ kind: 'info', text: 'Phone settings saved.' }));
    }
  };
  const softphone = form.mode === 'softphone';

  return (
    <fieldset className="phone-settings" onKeyDown={onKeyDown}>
      <legend>Phone</legend>
      <div className="days" role="radiogroup" aria-label="How C dials">
        <label className="choice">
          <input type="radio" name="phone-mode" checked={!softphone} onChange={() => set('mode', 'link')} />
          Through a dial link to this computer’s softphone
        </label>
        <label className="choice">
          <input type="radio" name="phone-mode" checked={softphone} onChange={() => set('mode', 'softphone')} />
          Built-in softphone (SIP over WebSocket)
        </label>
      </div>
      {softphone && (
        <>
          <label>
            WebSocket server <input type="text" value={form.server} placeholder="wss://pbx.example.com:8089/ws" size={34} onChange={(e) => set('server', e.target.value)} />
          </label>
          <label>
            SIP user <input type="text" value={form.user} autoComplete="username" size={12} onChange={(e) => set('user', e.target.value)} />
          </label>
          <label>
            SIP domain <input type="text" value={form.domain} placeholder="pbx.example.com" size={20} onChange={(e) => set('domain', e.target.value)} />
          </label>
          <label>
            Password{' '}
            <input
              type="password"
              value={password}
              autoComplete="new-password"
              placeholder={form.hasPassword ? 'saved (type to replace)' : ''}
              size={22}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <label>
            Realm, if not the domain <input type="text" value={form.realm} size={14} onChange={(e) => set('realm', e.target.value)} />
          </label>
          <label>
            Authentication user, if not the SIP user <input type="text" value={form.authUser} size={12} onChange={(e) => set('authUser', e.target.value)} />
          </label>
          <label>
            Caller ID name <input type="text" value={form.callerId} maxLength={80} size={20} onChange={(e) => set('callerId', e.target.value)} />
          </label>
          <label>
            Microphone{' '}
            <select value={form.microphoneId} onChange={(e) => set('microphoneId', e.target.value)}>
              <option value="">System default</option>
              {devices.microphones.map((d, i) => (
                <option key={d.deviceId || i} value={d.deviceId}>
                  {d.label || `Microphone ${i + 1}`}
                </option>
              ))}
            </select>
          </label>
          <label>
            Speaker{' '}
            <select value={form.speakerId} onChange={(e) => set('speakerId', e.target.value)}>
              <option value="">System default</option>
              {devices.speakers.map((d, i) => (
                <option key={d.deviceId || i} value={d.deviceId}>
                  {d.label || `Speaker ${i + 1}`}
                </option>
              ))}
            </select>
          </label>
          <label>
            No answer after{' '}
            <input type="number" min={1} max={20} value={form.ringsBeforeNoAnswer} onChange={(e) => set('ringsBeforeNoAnswer', Number(e.target.value))} /> rings
          </label>
          <label>
            Test number (an echo service){' '}
            <input type="text" value={form.testNumber} placeholder="*43" size={10} onChange={(e) => set('testNumber', e.target.value)} />
          </label>
          <label>
            Busy, no answer or a bad number{' '}
            <select value={form.outcomes} onChange={(e) => set('outcomes', e.target.value as PhoneSettings['outcomes'])}>
              <option value="preselect">pre-selects the disposition</option>
              <option value="log">logs the disposition at once</option>
            </select>
          </label>
          <label>
            Power dialing: the next lead is dialled{' '}
            <input type="number" min={0} max={60} value={form.powerDialSeconds} onChange={(e) => set('powerDialSeconds', Number(e.target.value))} /> seconds after a disposition
          </label>
          <p className="muted" data-testid="password-state">
            {form.hasPassword ? `Password ${PROTECTION_WORDS[form.protection]}; it is never shown again.` : 'No password saved.'}
          </p>
        </>
      )}
      {softphone && mayGreet && <GreetingsSettings microphoneId={form.microphoneId} />}
      {error && <p role="alert">{error}</p>}
      {softphone && testCall && (
        <p role="status" data-testid="test-call">
          {TEST_CALL_WORDS[testCall.stage]}
          {testCall.cause ? ` (${testCall.cause})` : ''}
        </p>
      )}
      {testing && softphone && !error && (
        <p role="status" data-testid="line-test">
          {line.state === 'registered' ? 'The phone system accepted your SIP user and password: C calls.' : line.state === 'connecting' ? 'Connecting…' : line.sentence}
        </p>
      )}
      <div className="wizard-actions">
        <button type="button" onClick={() => void save().then((saved) => saved && showNotice({ kind: 'info', text: 'Phone settings saved.' }))}>
          Apply phone settings
        </button>
        {softphone && (
          <button
            type="button"
            onClick={() =>
              void save().then((saved) => {
                if (saved) setTesting(true);
              })
            }
          >
            Test the line
          </button>
        )}
        {softphone && form.testNumber && <TestCallButton save={save} />}
      </div>
    </fieldset>
  );
}

const TEST_CALL_WORDS = {
  dialling: 'Test call: dialling…',
  ringing: 'Test call: ringing…',
  answered: 'Test call: answered. Speak: you should hear the echo service (or whoever answered).',
  ended: 'Test call ended',
} as const;

/** Saves, then calls the test number; while the test call runs, the button ends it. */
function TestCallButton({ save }: { save(): Promise<boolean> }) {
  const testCall = useApp((s) => s.testCall);
  const startTestCall = useApp((s) => s.startTestCall);
  const endTestCall = useApp((s) => s.endTestCall);
  const running = testCall !== null && testCall.stage !== 'ended';
  return running ? (
    <button type="button" className="danger" onClick={endTestCall}>
      End the test call
    </button>
  ) : (
    <button type="button" onClick={() => void save().then((saved) => (saved ? startTestCall() : undefined))}>
      Test call
    </button>
  );
}
