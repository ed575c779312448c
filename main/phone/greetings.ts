import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../shared/api-error.ts';
import { AUDIO_TYPES, MAX_GREETING_BYTES, NOT_AUDIO_SENTENCE, tooLargeSentence, type AudioFile, type Greeting, type GreetingsView, type RecordingChoice, type RecordingSettings } from '../../shared/call-audio.ts';
import type { Clock } from '../clock.ts';
import type { PreferenceStore } from '../preferences/preferences.ts';
import type { Store } from '../store/seam/store.ts';
import { ensurePrivateFolder } from '../store/private-files.ts';
import { EXTENSIONS, sniffAudio, writeAudioFile } from './audio-files.ts';

export const GREETINGS_FOLDER = 'greetings';

const GONE_SENTENCE = 'That greeting is no longer there: it was deleted.';

/**
 * Where one rep's greetings are kept: as files beside a rep's own store, or in their account's
 * rows of the team database (`greetings`, PostgreSQL migration 13). The shelf only keeps: every
 * rule (names, the size limit, what is audio, which one V drops) is the library's, said once.
 */
export interface GreetingShelf {
  /** Every greeting kept, in any order. */
  list(): Promise<Greeting[]>;
  audio(greeting: Greeting): Promise<Uint8Array>;
  put(greeting: Greeting, bytes: Uint8Array): Promise<void>;
  rename(greeting: Greeting, name: string): Promise<void>;
  remove(greeting: Greeting): Promise<void>;
  /** The greeting the rep chose for V, if they chose one (it may have been deleted since). */
  chosenId(): Promise<string | null>;
  choose(id: string): Promise<void>;
  /** The consent announcement while calls are recorded: not to be deleted. Null where nothing is recorded. */
  consentId(): Promise<string | null>;
  /**
   * Another's greeting the rep may play: on a team, the consent announcement the team lead chose
   * (one of theirs), which every rep's console plays at answer. Null for any other id, and alone,
   * where every greeting is the rep's own.
   */
  announcement(id: string): Promise<AnnouncedGreeting | null>;
}

/** The team's announcement, another's greeting: with the name of the account it is kept with. */
export type AnnouncedGreeting = Greeting & { owner: string };

/**
 * What the preferences keep under `voice`: which greeting V drops, and the team's recording
 * choice. On a team `voice` is a setting the team shares (team-settings.ts), and only the
 * recording choice is read from it: V's greeting is each account's (`greetings.chosen`).
 */
interface VoiceChoices extends RecordingSettings {
  voicemailId: string | null;
}

function voiceChoices(prefs: PreferenceStore) {
  const section = prefs.section('voice');
  const read = (): VoiceChoices => {
    const raw = section.read();
    const value = raw && typeof raw === 'object' ? (raw as Partial<VoiceChoices>) : {};
    return {
      voicemailId: typeof value.voicemailId === 'string' ? value.voicemailId : null,
      recordCalls: value.recordCalls === true,
      consentGreetingId: typeof value.consentGreetingId === 'string' ? value.consentGreetingId : null,
    };
  };
  return { read, write: (patch: Partial<VoiceChoices>) => section.write({ ...read(), ...patch }) };
}

/** The consent announcement, while calls are recorded. */
function announcedWith(voice: ReturnType<typeof voiceChoices>): string | null {
  const { recordCalls, consentGreetingId } = voice.read();
  return recordCalls ? consentGreetingId : null;
}

/**
 * A rep's own computer: each greeting an audio file in greetings/ in the data folder, with its
 * name and type in a small JSON file beside it, so the file and what it is come and go together;
 * the choice of V's greeting in the preferences. Written by main only.
 */
export function folderGreetingShelf(dataDir: string, prefs: PreferenceStore): GreetingShelf {
  const folder = join(dataDir, GREETINGS_FOLDER);
  const voice = voiceChoices(prefs);
  const audioPath = (g: Pick<Greeting, 'id' | 'type'>) => join(folder, `${g.id}.${EXTENSIONS[g.type]}`);
  const writeMeta = (g: Greeting) => writeAudioFile(join(folder, `${g.id}.json`), Buffer.from(JSON.stringify(g)));
  return {
    async list() {
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
        });
    },
    audio: async (greeting) => readFileSync(audioPath(greeting)),
    async put(greeting, bytes) {
      ensurePrivateFolder(folder);
      // The audio first: a greeting is listed by its JSON, which only names a file that exists.
      writeAudioFile(audioPath(greeting), bytes);
      writeMeta(greeting);
    },
    rename: async (greeting, name) => writeMeta({ ...greeting, name }),
    async remove(greeting) {
      rmSync(join(folder, `${greeting.id}.json`), { force: true });
      rmSync(audioPath(greeting), { force: true });
    },
    chosenId: async () => voice.read().voicemailId,
    choose: async (id) => voice.write({ voicemailId: id }),
    consentId: async () => announcedWith(voice),
    announcement: async () => null,
  };
}

type GreetingRow = { id: string; name: string; type: Greeting['type']; bytes: number; created_at: number };
const GREETING_COLUMNS = 'SELECT id, name, type, octet_length(audio) AS bytes, created_at FROM greetings';
const toGreeting = (r: GreetingRow): Greeting => ({ id: r.id, name: r.name, type: r.type, bytes: r.bytes, createdAt: new Date(r.created_at).toISOString() });

/**
 * A team: the signed-in account's rows of `greetings` (PostgreSQL migration 13), the audio in
 * the row. Every statement names the account, so a rep finds, plays and changes only their own,
 * on any server process; another rep's greeting is not there for them, but for the one the team
 * plays before recording a call: the consent announcement a team lead chose, in the team's
 * settings (`voice`), which every rep plays and only its owner changes.
 */
export function accountGreetingShelf(store: Store, accountId: number, prefs: PreferenceStore): GreetingShelf {
  const voice = voiceChoices(prefs);
  return {
    list: async () => (await store.all<GreetingRow>(`${GREETING_COLUMNS} WHERE account_id = ?`, [accountId])).map(toGreeting),
    async audio(greeting) {
      // Found for this account first (its own, or the team's announcement): by its id alone.
      const row = await store.one<{ audio: Buffer }>('SELECT audio FROM greetings WHERE id = ?', [greeting.id]);
      if (!row) throw new ApiError('not-found', GONE_SENTENCE);
      return row.audio;
    },
    async put(greeting, bytes) {
      await store.run(`INSERT INTO greetings (id, account_id, name, type, audio, created_at) VALUES (?, ?, ?, ?, decode(?, 'base64'), ?)`, [
        greeting.id,
        accountId,
        greeting.name,
        greeting.type,
        Buffer.from(bytes).toString('base64'),
        Date.parse(greeting.createdAt),
      ]);
    },
    async rename(greeting, name) {
      await store.run('UPDATE greetings SET name = ? WHERE id = ? AND account_id = ?', [name, greeting.id, accountId]);
    },
    async remove(greeting) {
      await store.run('DELETE FROM greetings WHERE id = ? AND account_id = ?', [greeting.id, accountId]);
    },
    chosenId: async () => (await store.one<{ id: string }>('SELECT id FROM greetings WHERE account_id = ? AND chosen = 1', [accountId]))?.id ?? null,
    async choose(id) {
      // Two statements: the index allowing one chosen greeting per account is checked row by row.
      await store.transaction(async (tx) => {
        await tx.run('UPDATE greetings SET chosen = 0 WHERE account_id = ? AND chosen = 1', [accountId]);
        await tx.run('UPDATE greetings SET chosen = 1 WHERE id = ? AND account_id = ?', [id, accountId]);
      });
    },
    consentId: async () => announcedWith(voice),
    async announcement(id) {
      if (voice.read().consentGreetingId !== id) return null;
      const row = await store.one<GreetingRow & { owner: string }>(
        'SELECT g.id, g.name, g.type, octet_length(g.audio) AS bytes, g.created_at, a.name AS owner FROM greetings g JOIN accounts a ON a.id = g.account_id WHERE g.id = ?',
        [id],
      );
      return row ? { ...toGreeting(row), owner: row.owner } : null;
    },
  };
}


/**
 * The rep's greetings, wherever the shelf keeps them. The console gets them through the API
 * (greetings.audio), never from its own storage.
 */
export function greetingLibrary(shelf: GreetingShelf, clock: Clock) {
  const greetings = async () => (await shelf.list()).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name));
  const find = async (id: string): Promise<Greeting> => {
    const found = (await greetings()).find((g) => g.id === id);
    if (!found) throw new ApiError('not-found', GONE_SENTENCE);
    return found;
  };
  /** A greeting the rep may play: their own (no owner said), or the team's consent announcement (its owner's name). */
  const playable = async (id: string): Promise<Greeting & { owner?: string }> => {
    const found = (await greetings()).find((g) => g.id === id) ?? (await shelf.announcement(id));
    if (!found) throw new ApiError('not-found', GONE_SENTENCE);
    return found;
  };
  const view = async (): Promise<GreetingsView> => {
    const all = await greetings();
    const chosen = await shelf.chosenId();
    // A greeting deleted by hand, or none chosen: the first one is V's.
    return { greetings: all, voicemailId: all.some((g) => g.id === chosen) ? chosen : (all[0]?.id ?? null) };
  };

  return {
    list: view,
    find,
    playable,
    /** A greeting recorded in Settings or chosen from a file: checked for size and kind before anything is written. */
    async add({ name, data }: { name: string; data: string }): Promise<GreetingsView> {
      const bytes = Buffer.from(data, 'base64');
      if (bytes.length > MAX_GREETING_BYTES) throw new ApiError('invalid-input', tooLargeSentence('greeting', bytes.length));
      const type = sniffAudio(bytes);
      if (!type) throw new ApiError('invalid-input', NOT_AUDIO_SENTENCE);
      await shelf.put({ id: randomUUID(), name, type, bytes: bytes.length, createdAt: new Date(clock.now()).toISOString() }, bytes);
      return view();
    },
    async rename({ id, name }: { id: string; name: string }): Promise<GreetingsView> {
      await shelf.rename(await find(id), name);
      return view();
    },
    async delete({ id }: { id: string }): Promise<GreetingsView> {
      const greeting = await find(id);
      if ((await shelf.consentId()) === id) {
        throw new ApiError('conflict', `“${greeting.name}” is the consent announcement played before calls are recorded: choose another, or turn recording off, first.`);
      }
      await shelf.remove(greeting);
      return view();
    },
    /** The greeting V drops on a voicemail. */
    async choose({ id }: { id: string }): Promise<GreetingsView> {
      await find(id);
      await shelf.choose(id);
      return view();
    },
    async audio({ id }: { id: string }): Promise<AudioFile> {
      const greeting = await playable(id);
      return { type: greeting.type, data: Buffer.from(await shelf.audio(greeting)).toString('base64') };
    },
  };
}

export type GreetingLibrary = ReturnType<typeof greetingLibrary>;

/**
 * Whether calls are recorded, and the consent announcement played first: the preferences of a
 * rep's own computer, or on a team the team's settings (`voice`, the same in every process), which
 * a team lead sets with one of their own greetings and every rep reads.
 */
export function recordingChoices(prefs: PreferenceStore, library: GreetingLibrary) {
  const voice = voiceChoices(prefs);
  const settings = async (): Promise<RecordingChoice> => {
    const { recordCalls, consentGreetingId } = voice.read();
    // An announcement deleted since (its owner's account too): nothing is recorded.
    const found = consentGreetingId === null ? null : await library.playable(consentGreetingId).catch(() => null);
    if (!found) return { recordCalls: false, consentGreetingId: null, consent: null };
    return { recordCalls, consentGreetingId: found.id, consent: { name: found.name, owner: found.owner ?? null } };
  };
  return {
    settings,
    /**
     * Recording is turned on only with a consent announcement to play: nobody is recorded
     * unannounced. The announcement is one of the saver's own greetings, or the team's current one
     * (another team lead's), kept until a team lead picks another.
     */
    async save(next: RecordingSettings, changedBy: string | null): Promise<RecordingChoice> {
      if (next.consentGreetingId !== null) await library.playable(next.consentGreetingId);
      if (next.recordCalls && next.consentGreetingId === null) {
        throw new ApiError('invalid-input', 'Choose the consent announcement played at answer before turning recording on: record one as a greeting first.');
      }
      voice.write(next);
      await prefs.saved(changedBy);
      return settings();
    },
  };
}
