/** Greetings and call recordings: the words and limits both sides share. */

/** The audio kinds Nextcall keeps, as their content types: what Chromium can decode and play. */
export const AUDIO_TYPES = ['audio/webm', 'audio/ogg', 'audio/wav', 'audio/mpeg', 'audio/mp4'] as const;
export type AudioType = (typeof AUDIO_TYPES)[number];

/** A greeting is a short message: 8 MB holds 80 s of CD-quality WAV, an hour of what the recorder makes here. */
export const MAX_GREETING_BYTES = 8 * 1024 * 1024;
/** A recorded call: at the recorder's 32 kbit/s, 60 MB is over four hours. */
export const MAX_RECORDING_BYTES = 60 * 1024 * 1024;

/** A greeting the rep recorded or chose: played into a call (voicemail drop, the consent announcement). */
export interface Greeting {
  id: string;
  name: string;
  type: AudioType;
  bytes: number;
  createdAt: string;
}

export interface GreetingsView {
  greetings: Greeting[];
  /** The greeting V drops on a voicemail; null when there is none. */
  voicemailId: string | null;
}

export interface RecordingSettings {
  /** Off unless the team turns it on. */
  recordCalls: boolean;
  /** The greeting played into the call at answer, before anything is said: the consent announcement. */
  consentGreetingId: string | null;
}

/**
 * The recording choice as read: with the announcement's name and, on a team, whose greeting it is
 * (another team lead's: the choice is the team's, and any team lead keeps it when saving).
 */
export interface RecordingChoice extends RecordingSettings {
  /** Null when none is chosen; `owner` null when it is the reader's own greeting (always, alone). */
  consent: { name: string; owner: string | null } | null;
}

/** A recorded call, linked to its dial and, once it is logged, its call. */
export interface Recording {
  id: number;
  leadId: number;
  dialId: number;
  /** The logged call it belongs to; null until the rep logs it (or after an undo). */
  callId: number | null;
  startedAt: string;
  durationMs: number;
  bytes: number;
  type: AudioType;
}

/** A recording in the team's list: its lead's name, and who recorded it. */
export interface ListedRecording extends Recording {
  leadName: string;
  /** The account that recorded it (on a rep's own store, the rep); null when that account was deleted since. */
  recordedBy: string | null;
}

/** Where a page of the list starts: after the last recording of the page before, newest first. */
export interface RecordingCursor {
  startedAt: string;
  id: number;
}

/** One page of the list, newest first; `next` is null at the oldest recording. */
export interface RecordingsPage {
  recordings: ListedRecording[];
  next: RecordingCursor | null;
}

/** A page: a screenful, read in one short query however many thousands the team keeps. */
export const RECORDINGS_PAGE = 50;

/** An audio file as it crosses the API: bytes as base64 (docs/ARCHITECTURE.md, "Why files travel as base64"). */
export interface AudioFile {
  type: AudioType;
  data: string;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The sentence for a file over the limit, said the same by the console (before sending) and the core. */
export function tooLargeSentence(what: 'greeting' | 'recording', bytes: number): string {
  const limit = what === 'greeting' ? MAX_GREETING_BYTES : MAX_RECORDING_BYTES;
  return `That ${what} is ${megabytes(bytes)}: the limit is ${megabytes(limit)}. ${what === 'greeting' ? 'Record a shorter one, or save it as WebM, Ogg or MP3.' : ''}`.trim();
}

export const NOT_AUDIO_SENTENCE = 'That file is not audio Nextcall can play: choose a WAV, WebM, Ogg, MP3 or M4A file.';
