import { greetingLibrary } from '../../phone/greetings.ts';
import { recordingAudio, recordingsOfLead, saveRecording } from '../../phone/recordings.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function greetingsHandlers({ core }: HandlerContext): HandlersOf<'greetings' | 'recordings'> {
  const { db, dataDir, clock } = core;
  const library = greetingLibrary(dataDir, core.prefs, clock);
  return {
    'greetings.list': () => library.list(),
    'greetings.add': (input) => library.add(input),
    'greetings.rename': (input) => library.rename(input),
    'greetings.delete': (input) => library.delete(input),
    'greetings.choose': (input) => library.choose(input),
    'greetings.audio': (input) => library.audio(input),
    'recordings.settings': () => library.recordingSettings(),
    'recordings.saveSettings': (input) => library.saveRecordingSettings(input),
    'recordings.save': (input) => saveRecording(db, dataDir, clock, input),
    'recordings.ofLead': ({ leadId }) => recordingsOfLead(db, leadId),
    'recordings.audio': ({ id }) => recordingAudio(db, dataDir, id),
  };
}
