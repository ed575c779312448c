import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../shared/api-error.ts';
import { MAX_RECORDING_BYTES, NOT_AUDIO_SENTENCE, tooLargeSentence, type AudioFile, type AudioType, type ListedRecording, type Recording, type RecordingCursor, type RecordingsPage } from '../../shared/call-audio.ts';
import type { Clock } from '../clock.ts';
import { signedInRepAccount } from '../sessions/summary-access.ts';
import { checkLeadInReach } from '../queue/lead-reach.ts';
import { callerAccess } from '../queue/list-access.ts';
import type { Database } from '../store/database.ts';
import type { Store } from '../store/seam/store.ts';
import { ensurePrivateFolder } from '../store/private-files.ts';
import { EXTENSIONS, sniffAudio, writeAudioFile } from './audio-files.ts';

export const RECORDINGS_FOLDER = 'recordings';

const GONE_SENTENCE = 'That recording is no longer there: it was deleted with its lead.';

interface RecordingRow {
  id: number;
  lead_id: number;
  dial_id: number;
  call_id: number | null;
  started_at: number;
  duration_ms: number;
  bytes: number;
  type: AudioType;
  file: string | null;
}

const COLUMNS = 'r.id, r.lead_id, r.dial_id, d.call_id, r.started_at, r.duration_ms, r.bytes, r.type, r.file';
const FROM = 'FROM recordings r JOIN dials d ON d.id = r.dial_id';
const SELECT = `SELECT ${COLUMNS} ${FROM}`;

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

/** A recording's row as the library made it, before the shelf keeps it with its audio. */
export interface NewRecording {
  leadId: number;
  dialId: number;
  type: AudioType;
  bytes: number;
  durationMs: number;
  startedAt: number;
}

/**
 * Where recorded calls' audio is kept: files beside a rep's own store, or in the rows of the team
 * database (`recordings`, PostgreSQL migration 14). The shelf only keeps: every rule (the size
 * limit, what is audio, whose dial may be recorded, who may list and play) is the library's, said once.
 */
export interface RecordingShelf {
  /** The account that records on a team (only its own dials are its to record); null for a rep working alone. */
  accountId: number | null;
  /** Writes the row and keeps its audio, together or not at all: the new row's id. */
  keep(recording: NewRecording, bytes: Uint8Array): Promise<number>;
  /** The audio of a recording on record. */
  audio(id: number, file: string | null): Promise<Uint8Array>;
  /** Alone, who recorded every recording: the store's rep (the preferences' name; null if unset). On a team each row names its account. */
  storeRep(): string | null;
}

/**
 * A rep's own computer: the audio a file in recordings/ beside the store (never in it, never sent
 * anywhere). The file is written first and the row after; the row's delete (by any path: a
 * cascade from the lead included) queues the file for erasing (eraseDeletedRecordings).
 */
export function folderRecordingShelf(store: Store, dataDir: string, repName: () => string): RecordingShelf {
  const folder = join(dataDir, RECORDINGS_FOLDER);
  return {
    accountId: null,
    storeRep: () => repName() || null,
    async keep(r, bytes) {
      ensurePrivateFolder(folder);
      const file = `${r.leadId}-${r.dialId}-${randomUUID()}.${EXTENSIONS[r.type]}`;
      writeAudioFile(join(folder, file), bytes);
      try {
        const row = await store.one<{ id: number }>(
          'INSERT INTO recordings (lead_id, dial_id, file, type, bytes, duration_ms, started_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
          [r.leadId, r.dialId, file, r.type, r.bytes, r.durationMs, r.startedAt],
        );
        return row!.id;
      } catch (error) {
        rmSync(join(folder, file), { force: true });
        throw error;
      }
    },
    async audio(_id, file) {
      const path = join(folder, file ?? '');
      // A store restored from a backup may link a recording erased since (docs/PHONE.md).
      if (file === null || !existsSync(path)) throw new ApiError('not-found', 'This recording’s audio file is gone from the recordings folder (erased after the backup this store was restored from).');
      return readFileSync(path);
    },
  };
}

/**
 * A team: the audio in the recording's row of the team database (PostgreSQL migration 14, at most
 * 60 MB by a CHECK), with the account that recorded it; the row goes with its lead by the cascade,
 * the audio with it. Any server process plays it back.
 */
export function accountRecordingShelf(store: Store, accountId: number): RecordingShelf {
  return {
    accountId,
    storeRep: () => null,
    async keep(r, bytes) {
      const row = await store.one<{ id: number }>(
        `INSERT INTO recordings (lead_id, dial_id, account_id, audio, type, bytes, duration_ms, started_at) VALUES (?, ?, ?, decode(?, 'base64'), ?, ?, ?, ?) RETURNING id`,
        [r.leadId, r.dialId, accountId, Buffer.from(bytes).toString('base64'), r.type, r.bytes, r.durationMs, r.startedAt],
      );
      return row!.id;
    },
    async audio(id) {
      const row = await store.one<{ audio: Buffer | null }>('SELECT audio FROM recordings WHERE id = ?', [id]);
      if (!row?.audio) throw new ApiError('not-found', GONE_SENTENCE);
      return row.audio;
    },
  };
}

/**
 * Recorded calls, wherever the shelf keeps the audio, each linked to its dial: the dial's call is
 * the call once the rep logs it, so the recording follows the call through an undo and a second
 * log. A rep records only their own dial; a lead's recordings are listed and played to whoever
 * may reach the lead (leads.get's rule, lead-reach.ts): on a team a rep the leads their lists
 * offer them, a team lead or an admin every lead; a rep working alone every lead of their store.
 */
export function recordingLibrary(store: Store, shelf: RecordingShelf, clock: Clock) {
  const row = async (id: number): Promise<RecordingRow> => {
    const found = await store.one<RecordingRow>(`${SELECT} WHERE r.id = ?`, [id]);
    if (!found) throw new ApiError('not-found', GONE_SENTENCE);
    return found;
  };
  const reach = (leadId: number) => checkLeadInReach(store, leadId, undefined, clock.now());
  return {
    async save(input: RecordingInput): Promise<Recording> {
      const bytes = Buffer.from(input.data, 'base64');
      if (bytes.length > MAX_RECORDING_BYTES) throw new ApiError('invalid-input', tooLargeSentence('recording', bytes.length));
      const type = sniffAudio(bytes);
      if (!type) throw new ApiError('invalid-input', NOT_AUDIO_SENTENCE);
      // A team's dial names the account that placed it (PostgreSQL migration 10); a rep's own store has one rep.
      const byAccount = shelf.accountId !== null;
      const dial = await store.one<{ at: number; account_id?: number | null }>(`SELECT at${byAccount ? ', account_id' : ''} FROM dials WHERE id = ? AND lead_id = ?`, [input.dialId, input.leadId]);
      if (!dial) throw new ApiError('not-found', 'This call’s dial is no longer on record (its lead was deleted?): the recording was not kept.');
      if (byAccount && dial.account_id !== shelf.accountId) {
        throw new ApiError('forbidden', 'This call was dialled from another rep’s account: only the rep who placed a call records it.');
      }
      const durationMs = Math.round(input.durationMs);
      const id = await shelf.keep({ leadId: input.leadId, dialId: input.dialId, type, bytes: bytes.length, durationMs, startedAt: Math.max(dial.at, clock.now() - durationMs) }, bytes);
      return toRecording(await row(id));
    },
    /** A lead's recordings, newest first. */
    async ofLead(leadId: number): Promise<Recording[]> {
      await reach(leadId);
      return (await store.all<RecordingRow>(`${SELECT} WHERE r.lead_id = ? ORDER BY r.started_at DESC, r.id DESC`, [leadId])).map(toRecording);
    },
    /**
     * The recordings newest first, a page at a time, each with its lead's name and who recorded
     * it: a team lead's or an admin's every one; a rep's those their account recorded, of the leads
     * they may still reach (ofLead's rule: nothing listed that they could not open and play).
     */
    async list({ before, limit }: { before?: RecordingCursor | undefined; limit: number }): Promise<RecordingsPage> {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (before) {
        // One comparison of the pair, so the team's index (started_at, id) is read from that row on.
        where.push('(r.started_at, r.id) < (?, ?)');
        params.push(Date.parse(before.startedAt), before.id);
      }
      const rep = signedInRepAccount();
      if (rep) {
        where.push('r.account_id = ?');
        params.push(rep.id);
      }
      const access = await callerAccess(store, clock.now());
      if (access) {
        where.push(`(${access.where})`);
        params.push(...access.params);
      }
      const team = shelf.accountId !== null;
      const rows = await store.all<RecordingRow & { lead_name: string; recorded_by: string | null }>(
        `SELECT ${COLUMNS}, trim(leads.first_name || ' ' || leads.last_name) AS lead_name, ${team ? 'a.name' : 'NULL'} AS recorded_by
         ${FROM} JOIN leads ON leads.id = r.lead_id
         ${team ? 'LEFT JOIN accounts a ON a.id = r.account_id' : ''}
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY r.started_at DESC, r.id DESC LIMIT ?`,
        [...params, limit + 1],
      );
      // Alone, every recording is the store's rep's: their name read once for the page.
      const storeRep = team ? null : shelf.storeRep();
      const page = rows.slice(0, limit).map((r): ListedRecording => ({ ...toRecording(r), leadName: r.lead_name || `lead #${r.lead_id}`, recordedBy: team ? r.recorded_by : storeRep }));
      const last = page.at(-1);
      return { recordings: page, next: rows.length > limit && last ? { startedAt: last.startedAt, id: last.id } : null };
    },
    async audio(id: number): Promise<AudioFile> {
      const found = await row(id);
      await reach(found.lead_id);
      return { type: found.type, data: Buffer.from(await shelf.audio(found.id, found.file)).toString('base64') };
    },
  };
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
