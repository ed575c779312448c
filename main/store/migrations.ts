import type { DatabaseSync } from 'node:sqlite';

/**
 * Numbered schema migrations. The version lives in PRAGMA user_version; each migration runs
 * in its own transaction and is never edited once shipped: a change is a new migration.
 * test/main/store/migration-snapshots.test.ts holds each one to the schema it shipped with; a
 * new migration, appended at the end, needs only its own snapshot (the test says how).
 */
export interface Migration {
  version: number;
  name: string;
  up(db: DatabaseSync): void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'leads, phones, activities, import batches, calls, stage history',
    up(db) {
      db.exec(`
        CREATE TABLE import_batches (
          id INTEGER PRIMARY KEY,
          file_name TEXT NOT NULL,
          imported_at INTEGER NOT NULL,
          rows_read INTEGER NOT NULL DEFAULT 0,
          created INTEGER NOT NULL DEFAULT 0,
          updated INTEGER NOT NULL DEFAULT 0,
          rejected INTEGER NOT NULL DEFAULT 0
        ) STRICT;

        CREATE TABLE leads (
          id INTEGER PRIMARY KEY,
          crm_id TEXT UNIQUE,
          first_name TEXT NOT NULL DEFAULT '',
          last_name TEXT NOT NULL DEFAULT '',
          email TEXT,
          company TEXT,
          title TEXT,
          stage TEXT NOT NULL CHECK (stage IN ('cold', 'IQL', 'MQL', 'SQL', 'nurture', 'disqualified')),
          source TEXT,
          time_zone TEXT,
          requested_call INTEGER NOT NULL DEFAULT 0 CHECK (requested_call IN (0, 1)),
          do_not_call INTEGER NOT NULL DEFAULT 0 CHECK (do_not_call IN (0, 1)),
          score INTEGER NOT NULL DEFAULT 0,
          attempts INTEGER NOT NULL DEFAULT 0,
          last_attempt_at INTEGER,
          last_disposition TEXT,
          last_activity_at INTEGER,
          created_at INTEGER NOT NULL,
          import_batch_id INTEGER REFERENCES import_batches (id),
          -- Kept by the application in the same transaction as any change to stage, flags or
          -- numbers, so the queue picks from an index instead of re-deriving them per lead.
          callable INTEGER NOT NULL DEFAULT 1 CHECK (callable IN (0, 1)),
          stage_rank INTEGER NOT NULL DEFAULT 0,
          retry_at INTEGER
        ) STRICT;
        CREATE INDEX leads_email ON leads (email) WHERE email IS NOT NULL;
        CREATE INDEX leads_hand_raisers ON leads (created_at) WHERE callable = 1 AND attempts = 0 AND requested_call = 1;
        CREATE INDEX leads_retries ON leads (retry_at) WHERE callable = 1 AND attempts > 0;
        CREATE INDEX leads_never_called ON leads (stage_rank DESC, score DESC, last_activity_at DESC)
          WHERE callable = 1 AND attempts = 0;

        CREATE TABLE phones (
          id INTEGER PRIMARY KEY,
          lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
          position INTEGER NOT NULL,
          raw TEXT NOT NULL,
          e164 TEXT,
          type TEXT NOT NULL CHECK (type IN ('mobile', 'work', 'home', 'other')),
          bad INTEGER NOT NULL DEFAULT 0 CHECK (bad IN (0, 1))
        ) STRICT;
        CREATE INDEX phones_lead ON phones (lead_id, position);
        CREATE INDEX phones_e164 ON phones (e164) WHERE e164 IS NOT NULL;

        CREATE TABLE activities (
          id INTEGER PRIMARY KEY,
          lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
          type TEXT NOT NULL,
          title TEXT NOT NULL,
          url TEXT,
          occurred_at INTEGER NOT NULL,
          UNIQUE (lead_id, type, title, occurred_at)
        ) STRICT;

        CREATE TABLE calls (
          id INTEGER PRIMARY KEY,
          lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
          phone_id INTEGER REFERENCES phones (id) ON DELETE SET NULL,
          phone_e164 TEXT,
          disposition_code TEXT NOT NULL,
          disposition_label TEXT NOT NULL,
          notes TEXT NOT NULL DEFAULT '',
          started_at INTEGER NOT NULL,
          ended_at INTEGER NOT NULL,
          stage_before TEXT NOT NULL,
          stage_after TEXT NOT NULL
        ) STRICT;
        CREATE INDEX calls_lead ON calls (lead_id, started_at DESC);
        CREATE INDEX calls_started ON calls (started_at DESC);

        CREATE TABLE stage_history (
          id INTEGER PRIMARY KEY,
          lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
          from_stage TEXT,
          to_stage TEXT NOT NULL,
          reason TEXT NOT NULL,
          call_id INTEGER REFERENCES calls (id) ON DELETE SET NULL,
          at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX stage_history_lead ON stage_history (lead_id, at);
      `);
    },
  },
  {
    version: 2,
    name: 'call lists, where leads are, import undo log and rejections, saved column mappings',
    up(db) {
      db.exec(`
        ALTER TABLE leads ADD COLUMN region TEXT;
        ALTER TABLE leads ADD COLUMN country TEXT;
        ALTER TABLE activities ADD COLUMN details TEXT;
        -- Which import added a number or an activity to a lead that was already there, so
        -- undoing that import can take them away again.
        ALTER TABLE phones ADD COLUMN import_batch_id INTEGER REFERENCES import_batches (id);
        ALTER TABLE activities ADD COLUMN import_batch_id INTEGER REFERENCES import_batches (id);
        ALTER TABLE import_batches ADD COLUMN merged INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE import_batches ADD COLUMN undone_at INTEGER;
        -- The file's header row (as CSV), for the downloadable file of rejected rows.
        ALTER TABLE import_batches ADD COLUMN header TEXT;
        CREATE INDEX leads_import_batch ON leads (import_batch_id);
        CREATE INDEX phones_import_batch ON phones (import_batch_id) WHERE import_batch_id IS NOT NULL;
        CREATE INDEX activities_import_batch ON activities (import_batch_id) WHERE import_batch_id IS NOT NULL;

        CREATE TABLE call_lists (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE COLLATE NOCASE,
          -- A saved filter over the store (JSON); an import into a list adds its batch to it.
          filter TEXT NOT NULL DEFAULT '{}',
          created_at INTEGER NOT NULL
        ) STRICT;
        ALTER TABLE import_batches ADD COLUMN call_list_id INTEGER REFERENCES call_lists (id);

        -- The fields an import changed on a lead it found already in the store, as they were.
        CREATE TABLE import_changes (
          batch_id INTEGER NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
          lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
          before TEXT NOT NULL,
          -- As the import left them: an undo restores only what nobody has changed since.
          after TEXT,
          PRIMARY KEY (batch_id, lead_id)
        ) STRICT;

        CREATE TABLE import_rejections (
          batch_id INTEGER NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
          line INTEGER NOT NULL,
          reason TEXT NOT NULL,
          -- The row as it was in the file, so a team lead can fix it and import it again.
          raw TEXT NOT NULL,
          PRIMARY KEY (batch_id, line)
        ) STRICT;

        CREATE TABLE column_mappings (
          name TEXT PRIMARY KEY COLLATE NOCASE,
          mapping TEXT NOT NULL,
          saved_at INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 3,
    name: 'the full queue: callbacks, claims, skip and snooze, hand-raise time, recycle dates, zone-first indexes',
    up(db) {
      db.exec(`
        -- When the lead asked for a call; cleared once a rep has spoken to them.
        ALTER TABLE leads ADD COLUMN hand_raised_at INTEGER;
        -- Skipped or snoozed: not offered before this instant.
        ALTER TABLE leads ADD COLUMN not_before INTEGER;
        ALTER TABLE leads ADD COLUMN owner TEXT;
        ALTER TABLE calls ADD COLUMN counts_as_attempt INTEGER NOT NULL DEFAULT 1 CHECK (counts_as_attempt IN (0, 1));
        UPDATE leads SET hand_raised_at = created_at WHERE requested_call = 1 AND attempts = 0;

        CREATE TABLE callbacks (
          id INTEGER PRIMARY KEY,
          lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
          due_at INTEGER NOT NULL,
          set_by_call_id INTEGER REFERENCES calls (id) ON DELETE SET NULL,
          done_by_call_id INTEGER REFERENCES calls (id) ON DELETE SET NULL
        ) STRICT;
        CREATE INDEX callbacks_open ON callbacks (due_at) WHERE done_by_call_id IS NULL;
        CREATE INDEX callbacks_lead ON callbacks (lead_id);

        -- The lead a console is showing: no other console is offered it.
        CREATE TABLE claims (
          lead_id INTEGER PRIMARY KEY REFERENCES leads (id) ON DELETE CASCADE,
          console_id TEXT NOT NULL,
          claimed_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX claims_console ON claims (console_id);

        -- Every zone a lead has ever had ('' for unknown), so the queue asks each open zone's index.
        CREATE TABLE queue_zones (time_zone TEXT PRIMARY KEY) STRICT;
        INSERT OR IGNORE INTO queue_zones SELECT DISTINCT coalesce(time_zone, '') FROM leads;

        ALTER TABLE call_lists ADD COLUMN rules TEXT;

        DROP INDEX leads_hand_raisers;
        DROP INDEX leads_retries;
        DROP INDEX leads_never_called;
        -- Hand-raisers not yet called, by when they asked; and those called without an answer, by
        -- when their wait ends, so the ones still waiting never sit in front of the ones due.
        CREATE INDEX queue_hand_raisers ON leads (coalesce(time_zone, ''), hand_raised_at) WHERE callable = 1 AND hand_raised_at IS NOT NULL AND attempts = 0;
        CREATE INDEX queue_hand_raisers_again ON leads (coalesce(time_zone, ''), retry_at) WHERE callable = 1 AND hand_raised_at IS NOT NULL AND attempts > 0;
        CREATE INDEX queue_fresh_inbound ON leads (coalesce(time_zone, ''), created_at) WHERE callable = 1 AND attempts = 0 AND source = 'inbound';
        CREATE INDEX queue_retries ON leads (coalesce(time_zone, ''), retry_at) WHERE callable = 1 AND attempts > 0 AND retry_at IS NOT NULL;
        CREATE INDEX queue_never_called ON leads (coalesce(time_zone, ''), stage_rank DESC, score DESC, last_activity_at DESC) WHERE callable = 1 AND attempts = 0;
        CREATE INDEX queue_rest ON leads (coalesce(time_zone, ''), last_attempt_at) WHERE callable = 1 AND attempts > 0 AND retry_at IS NULL;
        CREATE INDEX calls_number ON calls (phone_e164, started_at) WHERE phone_e164 IS NOT NULL;
      `);
    },
  },
  {
    version: 4,
    name: 'qualification: dispositions as data, versioned scripts, answers and handoffs, undo of a disposition',
    up(db) {
      db.exec(`
        CREATE TABLE dispositions (
          code TEXT PRIMARY KEY,
          position INTEGER NOT NULL,
          -- The whole definition (label, key, flags, effects) as JSON, validated on the way in.
          definition TEXT NOT NULL,
          hotkey TEXT,
          retired_at INTEGER
        ) STRICT;
        CREATE UNIQUE INDEX dispositions_hotkey ON dispositions (hotkey) WHERE retired_at IS NULL AND hotkey IS NOT NULL;

        CREATE TABLE scripts (
          id TEXT NOT NULL,
          version INTEGER NOT NULL,
          name TEXT NOT NULL,
          -- The file as the team lead wrote it, and as validated (JSON) when it was imported.
          document TEXT NOT NULL,
          definition TEXT NOT NULL,
          imported_at INTEGER NOT NULL,
          active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
          PRIMARY KEY (id, version)
        ) STRICT;
        CREATE UNIQUE INDEX scripts_one_active ON scripts (active) WHERE active = 1;

        ALTER TABLE calls ADD COLUMN rep TEXT;
        ALTER TABLE calls ADD COLUMN script_id TEXT;
        ALTER TABLE calls ADD COLUMN script_version INTEGER;
        ALTER TABLE calls ADD COLUMN answers TEXT;
        ALTER TABLE calls ADD COLUMN criteria_met TEXT;
        ALTER TABLE calls ADD COLUMN recommended TEXT;
        ALTER TABLE calls ADD COLUMN override_reason TEXT;
        ALTER TABLE stage_history ADD COLUMN rep TEXT;

        -- A lead handed to sales, with what justifies it.
        CREATE TABLE handoffs (
          id INTEGER PRIMARY KEY,
          lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
          call_id INTEGER NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
          rep TEXT,
          at INTEGER NOT NULL,
          answers TEXT NOT NULL,
          notes TEXT NOT NULL,
          why TEXT NOT NULL
        ) STRICT;
        CREATE INDEX handoffs_at ON handoffs (at);

        -- What a disposition changed, so it can be taken back exactly for a short while.
        CREATE TABLE call_undo (
          call_id INTEGER PRIMARY KEY REFERENCES calls (id) ON DELETE CASCADE,
          before TEXT NOT NULL,
          until INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 5,
    name: 'notes in progress kept as the rep types; dials recorded before the phone rings',
    up(db) {
      db.exec(`
        CREATE TABLE note_drafts (
          lead_id INTEGER PRIMARY KEY REFERENCES leads (id) ON DELETE CASCADE,
          text TEXT NOT NULL,
          saved_at INTEGER NOT NULL
        ) STRICT;

        -- A number dialled, written before the softphone rings: a crash before the disposition
        -- still leaves the attempt on record (and counted against the number's daily cap).
        CREATE TABLE dials (
          id INTEGER PRIMARY KEY,
          lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
          phone_e164 TEXT NOT NULL,
          at INTEGER NOT NULL,
          call_id INTEGER REFERENCES calls (id) ON DELETE SET NULL
        ) STRICT;
        CREATE INDEX dials_number ON dials (phone_e164, at) WHERE call_id IS NULL;
      `);
    },
  },
  {
    version: 6,
    name: 'calling sessions: every call belongs to one',
    up(db) {
      db.exec(`
        CREATE TABLE sessions (
          id INTEGER PRIMARY KEY,
          console_id TEXT NOT NULL,
          rep TEXT,
          list_name TEXT,
          started_at INTEGER NOT NULL,
          ended_at INTEGER,
          -- While paused: since when; paused time so far is kept apart from time on the phone.
          paused_at INTEGER,
          paused_ms INTEGER NOT NULL DEFAULT 0
        ) STRICT;
        CREATE UNIQUE INDEX sessions_open ON sessions (console_id) WHERE ended_at IS NULL;
        ALTER TABLE calls ADD COLUMN session_id INTEGER REFERENCES sessions (id);
        CREATE INDEX calls_session ON calls (session_id) WHERE session_id IS NOT NULL;
      `);
    },
  },
  {
    version: 7,
    name: 'a dial knows its console, and ends without a disposition when the rep skips the lead',
    up(db) {
      db.exec(`
        -- The console that dialled: after a reload it finds its open dial (and the call's start) again;
        -- another console picking the lead later does not.
        ALTER TABLE dials ADD COLUMN console_id TEXT;
        -- Set when the rep let the lead go without logging the call (skip, snooze): the attempt
        -- stays on record for the caps, but the call is no longer running.
        ALTER TABLE dials ADD COLUMN closed_at INTEGER;
        CREATE INDEX dials_open_of_lead ON dials (lead_id, at) WHERE call_id IS NULL AND closed_at IS NULL;
      `);
    },
  },
  {
    version: 8,
    name: 'finding a lead by name, company, email or number; lead edits kept; accounts; reasons a team lead lists',
    up(db) {
      db.exec(`
        -- Words of a lead's name, company and email, prefix-searchable, accents folded. The
        -- triggers keep it in step with every writer (imports, undo, edits) without their help.
        CREATE VIRTUAL TABLE lead_words USING fts5(
          first_name, last_name, company, email,
          content = 'leads', content_rowid = 'id',
          tokenize = 'unicode61 remove_diacritics 2', detail = none, columnsize = 0, prefix = '2'
        );
        INSERT INTO lead_words (rowid, first_name, last_name, company, email)
          SELECT id, first_name, last_name, coalesce(company, ''), coalesce(email, '') FROM leads;
        CREATE TRIGGER lead_words_insert AFTER INSERT ON leads BEGIN
          INSERT INTO lead_words (rowid, first_name, last_name, company, email)
            VALUES (new.id, new.first_name, new.last_name, coalesce(new.company, ''), coalesce(new.email, ''));
        END;
        CREATE TRIGGER lead_words_delete AFTER DELETE ON leads BEGIN
          INSERT INTO lead_words (lead_words, rowid, first_name, last_name, company, email)
            VALUES ('delete', old.id, old.first_name, old.last_name, coalesce(old.company, ''), coalesce(old.email, ''));
        END;
        CREATE TRIGGER lead_words_update AFTER UPDATE OF first_name, last_name, company, email ON leads BEGIN
          INSERT INTO lead_words (lead_words, rowid, first_name, last_name, company, email)
            VALUES ('delete', old.id, old.first_name, old.last_name, coalesce(old.company, ''), coalesce(old.email, ''));
          INSERT INTO lead_words (rowid, first_name, last_name, company, email)
            VALUES (new.id, new.first_name, new.last_name, coalesce(new.company, ''), coalesce(new.email, ''));
        END;

        -- A number's last four digits, the part a rep reads off a caller ID or a note: with the
        -- E.164 index, every format of a number and its tail are found without a scan.
        CREATE INDEX phones_last_digits ON phones (substr(e164, -4)) WHERE e164 IS NOT NULL;

        -- Other people at the same company: the account a good rep works, not only the name.
        CREATE INDEX leads_company ON leads (company COLLATE NOCASE) WHERE company IS NOT NULL;

        -- What a rep changed on a lead by hand, field by field, as it was and as it became.
        CREATE TABLE lead_edits (
          id INTEGER PRIMARY KEY,
          lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
          at INTEGER NOT NULL,
          rep TEXT,
          -- JSON: [{ field, before, after }]
          changes TEXT NOT NULL
        ) STRICT;
        CREATE INDEX lead_edits_lead ON lead_edits (lead_id, at);

        -- The reasons a team lead offers for a disposition (disqualified, not interested), in
        -- order; the rep picks one or writes "other", and the reports group the calls by them.
        CREATE TABLE disposition_reasons (
          disposition_code TEXT NOT NULL,
          position INTEGER NOT NULL,
          label TEXT NOT NULL,
          PRIMARY KEY (disposition_code, position)
        ) STRICT;
      `);
      const seed = db.prepare('INSERT INTO disposition_reasons (disposition_code, position, label) VALUES (?, ?, ?)');
      for (const [code, labels] of Object.entries(DEFAULT_REASONS)) labels.forEach((label, i) => seed.run(code, i, label));
    },
  },
  {
    version: 9,
    name: 'hand-raisers tried again: the request time in their index',
    up(db) {
      // The queue asks for hand-raisers whose retry is due AND whose request is under 30 days
      // old. With only the retry time in the index, every older request still waiting in it was
      // read from the table on every pick, in every open zone: a cost that grew with the store's
      // history (about 0.3 ms a pick at 1,000,000 leads after a day's calls). With the request
      // time in the index, the old ones are passed over inside it.
      db.exec(`
        DROP INDEX queue_hand_raisers_again;
        CREATE INDEX queue_hand_raisers_again ON leads (coalesce(time_zone, ''), retry_at, hand_raised_at)
          WHERE callable = 1 AND hand_raised_at IS NOT NULL AND attempts > 0;
      `);
    },
  },
  {
    version: 10,
    name: 'power dialing: pauses between calls, counted apart in the session',
    up(db) {
      // The power dialer's countdown held by the rep (P), as the session's own pause is kept: the
      // time of the pause going on, and the count and length of those ended.
      db.exec(`
        ALTER TABLE sessions ADD COLUMN dialing_paused_at INTEGER;
        ALTER TABLE sessions ADD COLUMN dialing_paused_ms INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE sessions ADD COLUMN dialing_pauses INTEGER NOT NULL DEFAULT 0;
      `);
    },
  },
  {
    version: 11,
    name: 'call recordings: audio files beside the store, linked to the dial (and so the call), erased with the lead',
    up(db) {
      db.exec(`
        -- A recorded call: the audio is a file in recordings/ beside the store (never in it, never
        -- uploaded); the row links it to the dial, whose call_id is the call once it is logged.
        CREATE TABLE recordings (
          id INTEGER PRIMARY KEY,
          lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
          dial_id INTEGER NOT NULL REFERENCES dials (id) ON DELETE CASCADE,
          file TEXT NOT NULL UNIQUE,
          type TEXT NOT NULL,
          bytes INTEGER NOT NULL,
          duration_ms INTEGER NOT NULL,
          started_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX recordings_lead ON recordings (lead_id);
        CREATE INDEX recordings_dial ON recordings (dial_id);
        -- Files whose row is gone, whatever removed it (a lead deleted, an import undone, a
        -- cascade): written in the same transaction as the delete, so the file is erased after
        -- the commit, and again after a crash between the two, never before.
        CREATE TABLE recording_files_to_erase (file TEXT PRIMARY KEY) STRICT;
        CREATE TRIGGER recordings_erase_file AFTER DELETE ON recordings BEGIN
          INSERT OR IGNORE INTO recording_files_to_erase (file) VALUES (old.file);
        END;
      `);
    },
  },
  {
    version: 12,
    name: 'lists and reps: a list assigned to everyone or to named reps, paused, its owner window',
    up(db) {
      // A list is everyone's until a team lead names its reps (call_list_reps, by the name calls
      // are recorded under). A paused list offers nothing. The owner window: for this many minutes
      // from a lead's arrival or request, a lead owned by another rep is held back for its owner.
      db.exec(`
        ALTER TABLE call_lists ADD COLUMN everyone INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE call_lists ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE call_lists ADD COLUMN owner_window_minutes INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE call_list_reps (
          list_id INTEGER NOT NULL REFERENCES call_lists (id) ON DELETE CASCADE,
          rep TEXT NOT NULL COLLATE NOCASE,
          PRIMARY KEY (list_id, rep)
        ) STRICT;
      `);
    },
  },
];


/** The reasons a new store offers; the team lead edits them in Settings. */
export const DEFAULT_REASONS: Record<string, readonly string[]> = {
  disqualified: ['No budget', 'Not the decision maker', 'Company too small', 'Wrong industry', 'Already a customer', 'Uses a competitor'],
  'not-interested': ['No need right now', 'Bad timing', 'Happy with current solution', 'Too expensive', 'Just researching'],
};

export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  return row.user_version;
}

/** Applies every migration above the store's version, each in its own transaction. */
export function migrate(db: DatabaseSync, upTo = migrations.at(-1)?.version ?? 0): void {
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`This lead store was written by a newer Nextcall (schema ${current}, this version knows ${latest}).`);
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > upTo) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      migration.up(db);
      db.exec(`PRAGMA user_version = ${migration.version}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}
