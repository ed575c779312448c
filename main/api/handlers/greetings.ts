import { accountGreetingShelf, folderGreetingShelf, greetingLibrary, recordingChoices } from '../../phone/greetings.ts';
import { accountRecordingShelf, folderRecordingShelf, recordingLibrary } from '../../phone/recordings.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

/**
 * The greetings are the caller's own: on the team server the signed-in account's rows of the team
 * database, alone files in the data folder. Recorded calls likewise: their audio in the team
 * database's rows, alone files beside the store. The rules are the same functions either way
 * (main/phone/greetings.ts, recordings.ts); only the shelf differs.
 */
export function greetingsHandlers({ core, rep }: HandlerContext): HandlersOf<'greetings' | 'recordings'> {
  const { store, dataDir, clock } = core;
  const solo = greetingLibrary(folderGreetingShelf(dataDir, core.prefs), clock);
  const soloRecordings = recordingLibrary(store, folderRecordingShelf(store, dataDir, () => core.prefs.read().repName), clock);
  const accountId = () => rep()?.id ?? null;
  const library = () => {
    const id = accountId();
    return id === null ? solo : greetingLibrary(accountGreetingShelf(store, id, core.prefs), clock);
  };
  const recordings = () => {
    const id = accountId();
    return id === null ? soloRecordings : recordingLibrary(store, accountRecordingShelf(store, id), clock);
  };
  const recording = () => recordingChoices(core.prefs, library());
  return {
    'greetings.list': () => library().list(),
    'greetings.add': (input) => library().add(input),
    'greetings.rename': (input) => library().rename(input),
    'greetings.delete': (input) => library().delete(input),
    'greetings.choose': (input) => library().choose(input),
    'greetings.audio': (input) => library().audio(input),
    'recordings.settings': () => recording().settings(),
    'recordings.saveSettings': (input) => recording().save(input, rep()?.name ?? null),
    'recordings.save': (input) => recordings().save(input),
    'recordings.ofLead': ({ leadId }) => recordings().ofLead(leadId),
    'recordings.audio': ({ id }) => recordings().audio(id),
    'recordings.list': (input) => recordings().list(input),
  };
}
