import { accountGreetingShelf, folderGreetingShelf, greetingLibrary, recordingChoices } from '../../phone/greetings.ts';
import { recordingAudio, recordingsOfLead, saveRecording } from '../../phone/recordings.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

/**
 * The greetings are the caller's own: on the team server the signed-in account's rows of the team
 * database, alone files in the data folder. The rules are the same functions either way
 * (main/phone/greetings.ts); only the shelf differs. Recordings are a rep's own store's only.
 */
export function greetingsHandlers({ core, rep }: HandlerContext): HandlersOf<'greetings' | 'recordings'> {
  const { db, dataDir, clock } = core;
  const solo = greetingLibrary(folderGreetingShelf(dataDir, core.prefs), clock);
  const library = () => {
    const accountId = rep()?.id ?? null;
    return accountId === null ? solo : greetingLibrary(accountGreetingShelf(core.store, accountId), clock);
  };
  const recording = recordingChoices(core.prefs, solo);
  return {
    'greetings.list': () => library().list(),
    'greetings.add': (input) => library().add(input),
    'greetings.rename': (input) => library().rename(input),
    'greetings.delete': (input) => library().delete(input),
    'greetings.choose': (input) => library().choose(input),
    'greetings.audio': (input) => library().audio(input),
    'recordings.settings': () => recording.settings(),
    'recordings.saveSettings': (input) => recording.save(input),
    'recordings.save': (input) => saveRecording(db, dataDir, clock, input),
    'recordings.ofLead': ({ leadId }) => recordingsOfLead(db, leadId),
    'recordings.audio': ({ id }) => recordingAudio(db, dataDir, id),
  };
}
