import { z } from 'zod';
import { MAX_GREETING_BYTES, MAX_RECORDING_BYTES, type AudioFile, type GreetingsView, type Recording, type RecordingChoice, type RecordingsPage, RECORDINGS_PAGE } from '../call-audio.ts';
import { DAY_MS } from '../time-units.ts';
import { base64Up, leadId, none } from './common-inputs.ts';
import { method, SMALL_REQUEST } from './method-spec.ts';

const greetingId = z.uuid('not a greeting of this computer');
const greetingName = z.string().trim().min(1, 'give the greeting a name').max(80);

/** The rep's greetings (voicemail drop, the consent announcement) and the calls recorded where the team turned it on. */
export const greetingsApi = {
  'greetings.list': method<GreetingsView>()(none),
  /** A greeting recorded in Settings → Phone or chosen from a file: its kind is read from its bytes, and its size checked. */
  'greetings.add': method<GreetingsView>()(z.strictObject({ name: greetingName, data: z.base64().max(base64Up(MAX_GREETING_BYTES)) }), base64Up(MAX_GREETING_BYTES) + SMALL_REQUEST),
  'greetings.rename': method<GreetingsView>()(z.strictObject({ id: greetingId, name: greetingName })),
  'greetings.delete': method<GreetingsView>()(z.strictObject({ id: greetingId })),
  /** The greeting V drops on a voicemail. */
  'greetings.choose': method<GreetingsView>()(z.strictObject({ id: greetingId })),
  /** A greeting's audio, for the console to play into a call or back to the rep. */
  'greetings.audio': method<AudioFile>()(z.strictObject({ id: greetingId })),
} as const;

export const recordingsApi = {
  'recordings.settings': method<RecordingChoice>()(none),
  /** Turning recording on needs the consent announcement played at answer: one of the team lead's greetings, or the team's current one. */
  'recordings.saveSettings': method<RecordingChoice>()(z.strictObject({ recordCalls: z.boolean(), consentGreetingId: greetingId.nullable() })),
  /** A recorded call, both sides mixed, linked to its dial (and so to its call). */
  'recordings.save': method<Recording>()(
    z.strictObject({ leadId, dialId: z.int().positive(), durationMs: z.int().min(0).max(DAY_MS), data: z.base64().max(base64Up(MAX_RECORDING_BYTES)) }),
    base64Up(MAX_RECORDING_BYTES) + SMALL_REQUEST,
  ),
  'recordings.ofLead': method<Recording[]>()(z.strictObject({ leadId })),
  'recordings.audio': method<AudioFile>()(z.strictObject({ id: z.int().positive() })),
  /** The recordings newest first, a page at a time: a team lead's or an admin's every one, a rep's their own. */
  'recordings.list': method<RecordingsPage>()(
    z.strictObject({
      before: z.strictObject({ startedAt: z.iso.datetime(), id: z.int().positive() }).optional(),
      limit: z.int().min(1).max(200).default(RECORDINGS_PAGE),
    }),
  ),
} as const;
