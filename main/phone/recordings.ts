import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../shared/api-error.ts';
import { MAX_RECORDING_BYTES, NOT_AUDIO_SENTENCE, tooLargeSentence, type AudioFile, type AudioType, type Recording } from '../../shared/call-audio.ts';
import type { Clock } from '../clock.ts';
import { transaction, type Database } from '../store/database.ts';
import { ensurePrivateFolder } from '../store/private-files.ts';
import { EXTENSIONS, sniffAudio, writeAudioFile } from './audio-files.ts';

export const RECORDINGS_FOLDER = 'recordings';

interface RecordingRow {
  id: number;
  lead_id: number;
  dial_id: number;
  call_id: number | null;
  started_at: number;
  duration_ms: number;
  bytes: number;
  type: AudioType;
  file: string;
}

const SELECT = `SELECT r.id, r.lead_id, r.dial_id, d.call_id, r.started_at, r.duration_ms, r.bytes, r.type, r.file
  FROM recordings r JOIN dials d ON d.id = r.dial_id`;

const toRecording = (r: RecordingRow): Recording => ({
  id: r.id,
  leadId: r.lead_id,
  dialId: r.dial_id,
  callId: r.call_id,
  startedAt: new Date(r.started_at).toISOString(),
  durationMs: r.duration_ms,
  bytes: r.bytes,
  type: r.type,
});

export interface RecordingInput {
  leadId: number;
  dialId: number;
  data: string;
  durationMs: number;
}

/**
 * A recorded call, kept beside the store in recordings/ (never in it, never sent anywhere) and
 * linked to its dial: the dial's call is the call once the rep logs it, so the recording follows
 * the call through an undo and a second log. The file is written first and the row after; the
 * row's delete (by any path: a cascade from the lead included) queues the file for erasing.
 */
export function saveRecording(db: Database, dataDir: string, clock: Clock, input: RecordingInput): Recording {
  const bytes = Buffer.from(input.data, 'base64');
  if (bytes.length > MAX_RECORDING_BYTES) throw new ApiError('invalid-input', tooLargeSentence('recording', bytes.length));
  const type = sniffAudio(bytes);
  if (!type) throw new ApiError('invalid-input', NOT_AUDIO_SENTENCE);
  const dial = db.prepare('SELECT at FROM dials WHERE id = ? AND lead_id = ?').get(input.dialId, input.leadId) as { at: number } | undefined;
  if (!dial) throw new ApiError('not-found', 'This call’s dial is no longer on record (its lead was deleted?): the recording was not kept.');
  const folder = join(dataDir, RECORDINGS_FOLDER);
  ensurePrivateFolder(folder);
  const file = `${input.leadId}-${input.dialId}-${randomUUID()}.${EXTENSIONS[type]}`;
  writeAudioFile(join(folder, file), bytes);
  try {
    const id = transaction(db, () => {
      const row = db
        .prepare('INSERT INTO recordings (lead_id, dial_id, file, type, bytes, duration_ms, started_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id')
        .get(input.leadId, input.dialId, file, type, bytes.length, Math.round(input.durationMs), Math.max(dial.at, clock.now() - Math.round(input.durationMs))) as { id: number };
      return row.id;
    });
    return recordingById(db, id);
  } catch (error) {
    rmSync(join(folder, file), { force: true });
    throw error;
  }
}

function recordingRow(db: Database, id: number): RecordingRow {
  const row = db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as RecordingRow | undefined;
  if (!row) throw new ApiError('not-found', 'That recording is no longer there: it was deleted with its lead.');
  return row;
}

export const recordingById = (db: Database, id: number): Recording => toRecording(recordingRow(db, id));

/** A lead's recordings, newest first. */
export function recordingsOfLead(db: Database, leadId: number): Recording[] {
  return (db.prepare(`${SELECT} WHERE r.lead_id = ? ORDER BY r.started_at DESC, r.id DESC`).all(leadId) as unknown as RecordingRow[]).map(toRecording);
}

export function recordingAudio(db: Database, dataDir: string, id: number): AudioFile {
  const row = recordingRow(db, id);
  const path = join(dataDir, RECORDINGS_FOLDER, row.file);
  // A store restored from a backup may link a recording erased since (docs/PHONE.md).
  if (!existsSync(path)) throw new ApiError('not-found', 'This recording’s audio file is gone from the recordings folder (erased after the backup this store was restored from).');
  return { type: row.type, data: readFileSync(path).toString('base64') };
}

/**
 * Erases the files whose rows were deleted: after the commit that deleted them (so a rolled-back
 * delete keeps its file), and at every start (so a crash between the two erases them then).
 */
export function eraseDeletedRecordings(db: Database, dataDir: string): number {
  const files = db.prepare('SELECT file FROM recording_files_to_erase').all() as { file: string }[];
  for (const { file } of files) {
    // Only a name this module made: never a path out of the folder, whatever the table holds.
    if (/^[\w.-]+$/.test(file)) rmSync(join(dataDir, RECORDINGS_FOLDER, file), { force: true });
    db.prepare('DELETE FROM recording_files_to_erase WHERE file = ?').run(file);
  }
  return files.length;
}
