import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../shared/api-error.ts';
import { AUDIO_TYPES, MAX_GREETING_BYTES, NOT_AUDIO_SENTENCE, tooLargeSentence, type AudioFile, type Greeting, type GreetingsView, type RecordingSettings } from '../../shared/call-audio.ts';
import type { Clock } from '../clock.ts';
import type { PreferenceStore } from '../preferences/preferences.ts';
import { ensurePrivateFolder } from '../store/private-files.ts';
import { EXTENSIONS, sniffAudio, writeAudioFile } from './audio-files.ts';

export const GREETINGS_FOLDER = 'greetings';

/** What the preferences keep under `voice`: which greeting V drops, and the team's recording choice. */
interface VoiceChoices extends RecordingSettings {
  voicemailId: string | null;
}

/**
 * The rep's greetings: each an audio file in greetings/ in the data folder, with its name and
 * type in a small JSON file beside it, so the file and what it is come and go together. Written
 * by main only; the console gets them through the API (greetings.audio), never from its own storage.
 */
export function greetingLibrary(dataDir: string, prefs: PreferenceStore, clock: Clock) {
  const folder = join(dataDir, GREETINGS_FOLDER);
  const section = prefs.section('voice');
  const choices = (): VoiceChoices => {
    const raw = section.read();
    const value = raw && typeof raw === 'object' ? (raw as Partial<VoiceChoices>) : {};
    return {
      voicemailId: typeof value.voicemailId === 'string' ? value.voicemailId : null,
      recordCalls: value.recordCalls === true,
      consentGreetingId: typeof value.consentGreetingId === 'string' ? value.consentGreetingId : null,
    };
  };
  const greetings = (): Greeting[] => {
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .flatMap((name) => {
        try {
          const g = JSON.parse(readFileSync(join(folder, name), 'utf8')) as Greeting;
          return AUDIO_TYPES.includes(g.type) && existsSync(audioPath(g)) ? [g] : [];
        } catch {
          return [];
        }
      })
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name));
  };
  const audioPath = (g: Pick<Greeting, 'id' | 'type'>) => join(folder, `${g.id}.${EXTENSIONS[g.type]}`);
  const find = (id: string): Greeting => {
    const found = greetings().find((g) => g.id === id);
    if (!found) throw new ApiError('not-found', 'That greeting is no longer there: it was deleted.');
    return found;
  };
  const view = (): GreetingsView => {
    const all = greetings();
    const chosen = choices().voicemailId;
    // A greeting deleted by hand, or none chosen: the first one is V's.
    return { greetings: all, voicemailId: all.some((g) => g.id === chosen) ? chosen : (all[0]?.id ?? null) };
  };
  const writeMeta = (g: Greeting) => writeAudioFile(join(folder, `${g.id}.json`), Buffer.from(JSON.stringify(g)));
  const choose = (patch: Partial<VoiceChoices>) => section.write({ ...choices(), ...patch });

  return {
    list: view,
    /** A greeting recorded in Settings or chosen from a file: checked for size and kind before anything is written. */
    add({ name, data }: { name: string; data: string }): GreetingsView {
      const bytes = Buffer.from(data, 'base64');
      if (bytes.length > MAX_GREETING_BYTES) throw new ApiError('invalid-input', tooLargeSentence('greeting', bytes.length));
      const type = sniffAudio(bytes);
      if (!type) throw new ApiError('invalid-input', NOT_AUDIO_SENTENCE);
      ensurePrivateFolder(folder);
      const greeting: Greeting = { id: randomUUID(), name, type, bytes: bytes.length, createdAt: new Date(clock.now()).toISOString() };
      // The audio first: a greeting is listed by its JSON, which only names a file that exists.
      writeAudioFile(audioPath(greeting), bytes);
      writeMeta(greeting);
      return view();
    },
    rename({ id, name }: { id: string; name: string }): GreetingsView {
      writeMeta({ ...find(id), name });
      return view();
    },
    delete({ id }: { id: string }): GreetingsView {
      const greeting = find(id);
      const { recordCalls, consentGreetingId } = choices();
      if (recordCalls && consentGreetingId === id) {
        throw new ApiError('conflict', `“${greeting.name}” is the consent announcement played before calls are recorded: choose another, or turn recording off, first.`);
      }
      rmSync(join(folder, `${id}.json`), { force: true });
      rmSync(audioPath(greeting), { force: true });
      return view();
    },
    /** The greeting V drops on a voicemail. */
    choose({ id }: { id: string }): GreetingsView {
      find(id);
      choose({ voicemailId: id });
      return view();
    },
    audio({ id }: { id: string }): AudioFile {
      const greeting = find(id);
      return { type: greeting.type, data: readFileSync(audioPath(greeting)).toString('base64') };
    },
    recordingSettings(): RecordingSettings {
      const { recordCalls, consentGreetingId } = choices();
      const known = consentGreetingId !== null && greetings().some((g) => g.id === consentGreetingId);
      return { recordCalls: recordCalls && known, consentGreetingId: known ? consentGreetingId : null };
    },
    /** Recording is turned on only with a consent announcement to play: nobody is recorded unannounced. */
    saveRecordingSettings(settings: RecordingSettings): RecordingSettings {
      if (settings.consentGreetingId !== null) find(settings.consentGreetingId);
      if (settings.recordCalls && settings.consentGreetingId === null) {
        throw new ApiError('invalid-input', 'Choose the consent announcement played at answer before turning recording on: record one as a greeting first.');
      }
      choose(settings);
      return this.recordingSettings();
    },
  };
}
