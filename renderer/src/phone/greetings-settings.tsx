import { useEffect, useRef, useState } from 'react';
import { MAX_GREETING_BYTES, tooLargeSentence, type GreetingsView, type RecordingChoice as RecordingView, type RecordingSettings } from '../../../shared/call-audio.ts';
import { base64ToBytes, fileToBase64 } from '../file-transfer.ts';
import { selectMay } from '../store/console-state.ts';
import { messageOf } from '../store/error-message.ts';
import { useApi, useApp } from '../store/store-context.tsx';
import { playToRep, recordGreeting, type GreetingTake } from './greeting-recorder.ts';

/**
 * Settings → Phone → Greetings: the rep records greetings from the chosen microphone (or picks an
 * audio file), names them, plays them back, deletes them, and chooses the one V drops on a
 * voicemail. Below, the team's recording choice and its consent announcement.
 */
export function GreetingsSettings({ microphoneId }: { microphoneId: string }) {
  const call = useApi();
  const loadCallVoice = useApp((s) => s.loadCallVoice);
  // Wherever recordings are not served, the recording choice is left out.
  const mayRecord = useApp(selectMay('recordings.settings'));
  const [view, setView] = useState<GreetingsView | null>(null);
  const [recording, setRecording] = useState<RecordingView | null>(null);
  const [name, setName] = useState('');
  const [take, setTake] = useState<GreetingTake | null>(null);
  const [playing, setPlaying] = useState<{ id: string; stop(): void } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    Promise.all([call('greetings.list', {}), mayRecord ? call('recordings.settings', {}) : null]).then(([greetings, settings]) => {
      setView(greetings);
      setRecording(settings);
    }, (e: unknown) => setError(messageOf(e)));
  }, [call, mayRecord]);

  // Every change reaches main first; the console's copy (what V and the recorder play) follows.
  const act = async (work: () => Promise<GreetingsView | void>, done?: string) => {
    setError(null);
    setStatus(null);
    try {
      const next = await work();
      if (next) setView(next);
      if (done) setStatus(done);
      await loadCallVoice();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  // The radio shows the choice at once (a controlled radio would otherwise spring back until main answers).
  const choose = (id: string) => {
    const before = view?.voicemailId ?? null;
    setView((v) => v && { ...v, voicemailId: id });
    void act(async () => {
      try {
        return await call('greetings.choose', { id });
      } catch (e) {
        setView((v) => v && { ...v, voicemailId: before });
        throw e;
      }
    });
  };
  const nextName = () => name.trim() || `Greeting ${(view?.greetings.length ?? 0) + 1}`;
  const upload = (audio: Blob, greetingName: string) =>
    act(async () => {
      if (audio.size > MAX_GREETING_BYTES) throw new Error(tooLargeSentence('greeting', audio.size));
      const saved = await call('greetings.add', { name: greetingName, data: await fileToBase64(audio) });
      setName('');
      return saved;
    }, `“${greetingName}” saved.`);

  const startOrStop = async () => {
    if (take) {
      setTake(null);
      await upload(await take.stop(), nextName());
      return;
    }
    setError(null);
    try {
      setTake(await recordGreeting(microphoneId));
      setStatus('Recording… speak your greeting, then press Stop.');
    } catch (e) {
      setError(`The microphone could not be opened (${messageOf(e)}): allow it for Nextcall, or choose another in the Microphone list above.`);
    }
  };
  const play = async (id: string) => {
    playing?.stop();
    if (playing?.id === id) return setPlaying(null);
    try {
      const audio = await call('greetings.audio', { id });
      const stop = await playToRep(base64ToBytes(audio.data).buffer, () => setPlaying((p) => (p?.id === id ? null : p)));
      setPlaying({ id, stop });
    } catch (e) {
      setError(messageOf(e));
    }
  };

  if (!view || (mayRecord && !recording)) return error ? <p role="alert">{error}</p> : null;
  return (
    <section className="greetings" aria-label="Greetings">
      <h3>Greetings</h3>
      <p className="muted">V plays the chosen greeting into a call that reached a voicemail, hangs up when it ends and logs “Left voicemail”.</p>
      {view.greetings.length === 0 ? (
        <p className="muted">No greeting yet.</p>
      ) : (
        <ul className="greeting-list" aria-label="Your greetings">
          {view.greetings.map((g) => (
            <li key={g.id}>
              <label className="choice">
                <input type="radio" name="voicemail-greeting" checked={view.voicemailId === g.id} onChange={() => choose(g.id)} />
                <input
                  type="text"
                  aria-label="Greeting name"
                  defaultValue={g.name}
                  maxLength={80}
                  size={22}
                  onBlur={(e) => e.target.value.trim() && e.target.value.trim() !== g.name && void act(() => call('greetings.rename', { id: g.id, name: e.target.value }))}
                />
              </label>
              <span className="muted">{view.voicemailId === g.id ? 'V drops this one' : ''}</span>
              <button type="button" className="secondary" onClick={() => void play(g.id)}>
                {playing?.id === g.id ? 'Stop' : 'Play'}
              </button>
              <button type="button" className="secondary danger" onClick={() => void act(() => call('greetings.delete', { id: g.id }), `“${g.name}” deleted.`)}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="greeting-new">
        <label>
          New greeting’s name <input type="text" value={name} maxLength={80} size={20} placeholder={nextName()} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="button" className={take ? 'danger' : ''} onClick={() => void startOrStop()}>
          {take ? 'Stop and save' : 'Record a greeting'}
        </button>
        <button type="button" className="secondary" onClick={() => fileInput.current?.click()}>
          Choose an audio file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="audio/*"
          hidden
          aria-label="Greeting file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void upload(file, name.trim() || file.name.replace(/\.[^.]+$/, '').slice(0, 80) || nextName());
          }}
        />
      </div>
      {recording && <RecordingChoice view={view} settings={recording} onSaved={(next) => void act(async () => setRecording(next), next.recordCalls ? 'Calls are recorded from now on, after the announcement.' : 'Calls are not recorded.')} onError={setError} />}
      {status && !error && (
        <p role="status" data-testid="greetings-status">
          {status}
        </p>
      )}
      {error && (
        <p role="alert" data-testid="greetings-error">
          {error}
        </p>
      )}
    </section>
  );
}

/** The team's choice: record calls or not, and the announcement played at answer before anything is said. */
function RecordingChoice({ view, settings, onSaved, onError }: { view: GreetingsView; settings: RecordingView; onSaved(s: RecordingView): void; onError(e: string): void }) {
  const call = useApi();
  // On a team the choice is the team's, a team lead's to make (shared/method-roles.ts): a rep reads it.
  const maySave = useApp(selectMay('recordings.saveSettings'));
  const onTeam = useApp((s) => s.signInState?.signInRequired === true);
  const chosen = (s: RecordingSettings): RecordingSettings => ({ recordCalls: s.recordCalls, consentGreetingId: s.consentGreetingId });
  const [form, setForm] = useState(chosen(settings));
  const save = (next: RecordingSettings) => {
    setForm(next);
    call('recordings.saveSettings', chosen(next)).then(onSaved, (e: unknown) => {
      setForm(chosen(settings));
      onError(messageOf(e));
    });
  };
  // Another team lead's announcement is the team's until someone picks another: listed, and kept by a save.
  const others = settings.consent?.owner && !view.greetings.some((g) => g.id === settings.consentGreetingId) ? { id: settings.consentGreetingId!, ...settings.consent } : null;
  return (
    <div className="recording-choice">
      <h3>Recording</h3>
      {maySave ? (
        <>
          <label className="choice">
            <input type="checkbox" checked={form.recordCalls} onChange={(e) => save({ ...form, recordCalls: e.target.checked })} />
            Record calls (where the team has decided to)
          </label>
          <label>
            Consent announcement played at answer{' '}
            <select value={form.consentGreetingId ?? ''} onChange={(e) => save({ ...form, consentGreetingId: e.target.value || null })}>
              <option value="">None chosen</option>
              {others && (
                <option value={others.id}>
                  {others.name} ({others.owner}’s, the team’s announcement now)
                </option>
              )}
              {view.greetings.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
        </>
      ) : (
        <p data-testid="recording-decided">
          {settings.recordCalls ? 'Your calls are recorded: the team’s consent announcement plays at answer, before anything is said.' : 'Your calls are not recorded.'} Your team lead
          decides.
        </p>
      )}
      <p className="muted">
        {onTeam
          ? 'Recordings are kept by the team server with their lead, and deleted with it; a rep hears those of the leads they may open. On a team the announcement is one of the team lead’s greetings, played by every rep’s console.'
          : 'Recordings stay on this computer, beside the lead store, and are deleted with their lead.'}{' '}
        Whether a call may be recorded, and how consent must be asked, differs by country and state: the team decides, and records the announcement to match.
      </p>
    </div>
  );
}
