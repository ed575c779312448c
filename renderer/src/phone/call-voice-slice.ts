import type { StateCreator } from 'zustand/vanilla';
import type { Greeting, GreetingsView, RecordingSettings } from '../../../shared/call-audio.ts';
import { base64ToBytes, fileToBase64 } from '../file-transfer.ts';
import type { AppState, StoreDeps } from '../store/app-store.ts';
import { selectMay } from '../store/console-state.ts';
import type { PhoneCall } from './softphone.ts';

/** The disposition a voicemail drop logs (a built-in; a team that retired it logs by hand). */
export const VOICEMAIL_CODE = 'voicemail';

interface LoadedGreeting {
  id: string;
  name: string;
  bytes: ArrayBuffer;
}

export interface CallVoiceSlice {
  /** The greeting V drops, and the recording choice with its announcement, as main last said. */
  voice: { voicemail: LoadedGreeting | null; recording: RecordingSettings; consent: LoadedGreeting | null };
  /** Reads the greetings and the recording choice, and fetches the audio V and the announcement play, so a key press plays at once. */
  loadCallVoice(): Promise<void>;
  /**
   * V on an answered call: the greeting plays into the call, the call is logged "Left voicemail"
   * and the next lead comes up at once; the call hangs up by itself when the greeting ends.
   */
  dropVoicemail(): Promise<void>;
  /** At answer, where the team records calls: the consent announcement, then the recorder until the call ends, then the file to main. */
  recordAnsweredCall(call: PhoneCall, dial: { leadId: number; dialId: number }): Promise<void>;
}

const NOT_RECORDED: RecordingSettings = { recordCalls: false, consentGreetingId: null };

export const createCallVoiceSlice =
  ({ client }: StoreDeps): StateCreator<AppState, [], [], CallVoiceSlice> =>
  (set, get) => {
    const fetchGreeting = async (greeting: Pick<Greeting, 'id' | 'name'> | undefined): Promise<LoadedGreeting | null> => {
      if (!greeting) return null;
      const audio = await client.call('greetings.audio', { id: greeting.id });
      return { id: greeting.id, name: greeting.name, bytes: base64ToBytes(audio.data).buffer };
    };
    const own = (view: GreetingsView, id: string | null) => view.greetings.find((g) => g.id === id);
    return {
      voice: { voicemail: null, recording: NOT_RECORDED, consent: null },
      async loadCallVoice() {
        // No greetings where they are not kept.
        if (!selectMay('greetings.list')(get())) return;
        const mayRecord = selectMay('recordings.settings')(get());
        // Quietly: a failure here is said where it matters, when V or the recorder finds nothing to play.
        try {
          const [greetings, recording] = await Promise.all([client.call('greetings.list', {}), mayRecord ? client.call('recordings.settings', {}) : NOT_RECORDED]);
          const consentId = recording.consentGreetingId;
          const [voicemail, consent] = await Promise.all([
            fetchGreeting(own(greetings, greetings.voicemailId)),
            // On a team the announcement is the team lead's, one of theirs, not among the rep's own greetings: played by its id.
            fetchGreeting(consentId === null ? undefined : (own(greetings, consentId) ?? { id: consentId, name: 'Consent announcement' })),
          ]);
          set({ voice: { voicemail, recording, consent } });
        } catch {
          // Kept as it was.
        }
      },
      async dropVoicemail() {
        const view = get().phoneCall;
        if (!view || view.stage !== 'answered') {
          if (view && view.stage !== 'ended') get().showNotice({ kind: 'info', text: 'V drops your greeting once the voicemail has answered.' });
          return;
        }
        const greeting = get().voice.voicemail;
        if (!greeting) {
          get().showNotice({ kind: 'error', text: 'No greeting to drop: record one in Settings → Phone → Greetings.' });
          return;
        }
        const call = get().releaseCall();
        if (!call) return;
        // The greeting plays out on its own, then the call ends; the rep is already on the next lead.
        void call.play(greeting.bytes).then(
          () => call.hangUp(),
          () => call.hangUp(),
        );
        const onScreen = get().snapshot?.next?.card.lead.id === view.leadId;
        if (onScreen && get().dispositions.some((d) => d.code === VOICEMAIL_CODE)) {
          await get().logDisposition(VOICEMAIL_CODE, undefined, `Voicemail drop: “${greeting.name}” played`);
        } else {
          get().showNotice({ kind: 'info', text: `“${greeting.name}” is playing on the voicemail; the call ends with it. Log the call yourself: there is no “Left voicemail” disposition.` });
        }
      },
      async recordAnsweredCall(call, dial) {
        const { recording, consent } = get().voice;
        if (!recording.recordCalls) return;
        // Nobody is recorded unannounced: without the announcement's audio, no recording.
        if (!consent) {
          get().showNotice({ kind: 'error', text: 'This call is not recorded: the consent announcement could not be loaded. Choose it again in Settings → Phone.' });
          return;
        }
        // The recorder starts first, so the announcement itself is in the recording.
        const recorded = call.record();
        void call.play(consent.bytes);
        const { audio, durationMs } = await recorded;
        if (audio.size === 0) return;
        const data = await fileToBase64(audio);
        await get().withErrorNotice(() => client.call('recordings.save', { leadId: dial.leadId, dialId: dial.dialId, durationMs, data }));
      },
    };
  };
