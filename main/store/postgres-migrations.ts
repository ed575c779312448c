import { DEFAULT_REASONS } from './migrations.ts';
import type { Queryable, Store } from './seam/store.ts';

/**
 * The team store's schema, in numbered migrations, run through the seam. Like the SQLite ones
 * (migrations.ts) each runs in its own transaction and is never edited once shipped:
 * test/main/store/migration-snapshots.test.ts holds each to its snapshot under
 * schema-snapshots/postgres/. The version sits in `nextcall_schema`, written in the same
 * transaction as the migration it records (PostgreSQL's DDL is transactional), and two server
 * processes starting at once take turns on an advisory lock: the second finds the work done.
 *
 * The meaning mirrors the SQLite schema column for column (test/main/store/postgres-migrations.test.ts
 * compares them); the types are PostgreSQL's: ids and epoch-ms times bigint, flags smallint 0/1
 * (so a query reads the same on both stores, dialect.ts), case-blind names citext (SQLite's
 * COLLATE NOCASE), a lead's words a tsvector index instead of the FTS5 table.
 */
export interface PostgresMigration {
  version: number;
  name: string;
  /** The SQLite migration whose schema this one brings the team store to, when it mirrors one. */
  mirrorsSqlite?: number;
  up(tx: Queryable): Promise<void>;
}

export const postgresMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'the lead store as SQLite migrations 1 to 9 left it',
    mirrorsSqlite: 9,
    async up(tx) {
      await tx.run('CREATE EXTENSION IF NOT EXISTS citext');
      await tx.run('CREATE EXTENSION IF NOT EXISTS unaccent');
      for (const statement of LEAD_STORE) await tx.run(statement);
      for (const [code, labels] of Object.entries(DEFAULT_REASONS)) {
        for (const [position, label] of labels.entries()) {
          await tx.run('INSERT INTO disposition_reasons (disposition_code, position, label) VALUES (?, ?, ?)', [code, position, label]);
        }
      }
    },
  },
  {
    version: 2,
    name: 'people: accounts with roles, sign-in sessions, sign-in attempt limits',
    async up(tx) {
      for (const statement of PEOPLE) await tx.run(statement);
    },
  },
  {
    version: 3,
    name: 'power dialing: pauses between calls, counted apart in the session',
    mirrorsSqlite: 10,
    async up(tx) {
      await tx.run('ALTER TABLE sessions ADD COLUMN dialing_paused_at bigint');
      await tx.run('ALTER TABLE sessions ADD COLUMN dialing_paused_ms bigint NOT NULL DEFAULT 0');
      await tx.run('ALTER TABLE sessions ADD COLUMN dialing_pauses integer NOT NULL DEFAULT 0');
    },
  },
  {
    version: 4,
    name: 'call recordings: audio files beside the store, linked to the dial, erased with the lead',
    mirrorsSqlite: 11,
    async up(tx) {
      for (const statement of RECORDINGS) await tx.run(statement);
    },
  },
  {
    version: 5,
    name: 'inbound leads: webhook sources with sealed secrets, seen signatures, flood counts, the request log',
    async up(tx) {
      for (const statement of INBOUND) await tx.run(statement);
    },
  },
  {
    version: 6,
    name: 'lists and reps: a list assigned to everyone or to named reps, paused, its owner window',
    mirrorsSqlite: 12,
    async up(tx) {
      await tx.run('ALTER TABLE call_lists ADD COLUMN everyone smallint NOT NULL DEFAULT 1');
      await tx.run('ALTER TABLE call_lists ADD COLUMN paused smallint NOT NULL DEFAULT 0');
      await tx.run('ALTER TABLE call_lists ADD COLUMN owner_window_minutes integer NOT NULL DEFAULT 0');
      await tx.run(`CREATE TABLE call_list_reps (
        list_id bigint NOT NULL REFERENCES call_lists (id) ON DELETE CASCADE,
        rep citext NOT NULL,
        PRIMARY KEY (list_id, rep)
      )`);
    },
  },
  {
    version: 7,
    name: 'the never-called index in the order its query reads (unknown activity last)',
    async up(tx) {
      // Migration 1 wrote `last_activity_at DESC`, which PostgreSQL keeps with NULLs first, while
      // the never-called tier reads `DESC NULLS LAST` (dialect.descNullsLast): the planner then
      // sorted every never-called lead of a zone for each pick (61.8 ms against 0.030 ms at
      // 200,000 leads, EXPLAIN ANALYZE in docs/TEAM.md).
      await tx.run('DROP INDEX queue_never_called');
      await tx.run(`CREATE INDEX queue_never_called ON leads (${ZONE}, stage_rank DESC, score DESC, last_activity_at DESC NULLS LAST) WHERE callable = 1 AND attempts = 0`);
    },
  },
  {
    version: 8,
    name: 'the number of leads kept as it changes (lead_count_changes), not counted after every disposition',
    async up(tx) {
      for (const statement of LEAD_COUNT) await tx.run(statement);
      await tx.run('INSERT INTO lead_count_changes (n) SELECT count(*) FROM leads');
    },
  },
  {
    version: 9,
    name: 'the settings a team shares (calling rules, dial scheme, default country), who changed each and when',
    async up(tx) {
      await tx.run(`CREATE TABLE team_settings (
        key text PRIMARY KEY,
        value text NOT NULL,
        changed_by citext,
        changed_at bigint NOT NULL
      )`);
    },
  },
  {
    version: 10,
    name: 'the live floor: a dial belongs to the account signed in on the console that placed it',
    async up(tx) {
      // Team only: a rep's own store has no accounts (its one rep is every console's).
      await tx.run('ALTER TABLE dials ADD COLUMN account_id bigint REFERENCES accounts (id) ON DELETE SET NULL');
    },
  },
  {
    version: 11,
    name: 'the call list each rep works, chosen in their console and kept with their account',
    async up(tx) {
      // A list's name, as a rep's own store keeps it in the preferences: a renamed or removed list reads as every lead.
      await tx.run('ALTER TABLE accounts ADD COLUMN working_list citext');
    },
  },
  {
    version: 12,
    name: 'the built-in phone: each rep’s own SIP account, kept with their account',
    async up(tx) {
      // What a rep's own store keeps under `phone` in its preferences (main/phone/phone-settings.ts),
      // as JSON: the settings and the password's digest, sealed under the server's phone key
      // (NEXTCALL_PHONE_KEY, never in the database), so a copy of the database opens no phone line.
      await tx.run(
        `CREATE TABLE phone_accounts (
          account_id bigint PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
          settings jsonb NOT NULL,
          changed_at bigint NOT NULL
        )`,
      );
    },
  },
  {
    version: 13,
    name: 'voicemail greetings: each rep’s own, the audio kept in the database',
    async up(tx) {
      // What a rep's own store keeps as files beside it (main/phone/greetings.ts): the audio, at
      // most 8 MB as alone (MAX_GREETING_BYTES), its kind read from its bytes, and which one V drops.
      await tx.run(
        `CREATE TABLE greetings (
          id uuid PRIMARY KEY,
          account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
          name text NOT NULL,
          type text NOT NULL,
          audio bytea NOT NULL CHECK (octet_length(audio) <= 8388608),
          chosen smallint NOT NULL DEFAULT 0,
          created_at bigint NOT NULL
        )`,
      );
      await tx.run('CREATE INDEX greetings_account ON greetings (account_id, created_at)');
      // One greeting per account is V's.
      await tx.run('CREATE UNIQUE INDEX greetings_chosen ON greetings (account_id) WHERE chosen = 1');
    },
  },
  {
    version: 14,
    name: 'call recordings on a team: the audio kept in the row, with the account that recorded it',
    async up(tx) {
      // Migration 4 mirrored a rep's own store, whose audio is a file beside it; a team server has
      // no data folder, so there the row holds the audio, at most 60 MB as alone
      // (MAX_RECORDING_BYTES), and names no file. No team row had a file: recordings were not
      // served on a team before this migration, and a rep's uploaded store brings none.
      await tx.run('ALTER TABLE recordings ALTER COLUMN file DROP NOT NULL');
      await tx.run('ALTER TABLE recordings ADD COLUMN audio bytea CHECK (octet_length(audio) <= 62914560)');
      await tx.run('ALTER TABLE recordings ADD CONSTRAINT recordings_audio_kept CHECK ((audio IS NULL) <> (file IS NULL))');
      // Who recorded it: the account whose dial it is. A departed rep's recordings stay with their leads.
      await tx.run('ALTER TABLE recordings ADD COLUMN account_id bigint REFERENCES accounts (id) ON DELETE SET NULL');
      // Only a file has a name to erase: a row holding its audio goes with the lead's cascade, and that is all.
      await tx.run('DROP TRIGGER recordings_erase_file ON recordings');
      await tx.run('CREATE TRIGGER recordings_erase_file AFTER DELETE ON recordings FOR EACH ROW WHEN (OLD.file IS NOT NULL) EXECUTE FUNCTION recordings_erase_file()');
    },
  },
  {
    version: 15,
    name: 'the team’s list of recordings: newest first, read in order a page at a time',
    async up(tx) {
      // recordings.list reads a page of 50 from the newest, or from the last one shown: without
      // this index every page sorts every recording the team keeps (measured: 14 ms a page at
      // 10,000 recordings, about 100 ms at 100,000; with it under 1 ms at either).
      await tx.run('CREATE INDEX recordings_newest ON recordings (started_at DESC, id DESC)');
    },
  },
];

// The top bar's figure (main/leads/lead-count.ts): each statement that adds or removes leads
// appends its change as a row of its own, so writers never wait on one another's count (an import
// holding a row lock until it commits would hold up every inbound lead); the figure is the sum.
const LEAD_COUNT = [
  'CREATE TABLE lead_count_changes (n bigint NOT NULL)',
  `CREATE FUNCTION lead_count_added() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO lead_count_changes (n) SELECT count(*) FROM added HAVING count(*) > 0;
      RETURN NULL;
    END $$`,
  `CREATE FUNCTION lead_count_removed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO lead_count_changes (n) SELECT -count(*) FROM removed HAVING count(*) > 0;
      RETURN NULL;
    END $$`,
  'CREATE TRIGGER lead_count_added AFTER INSERT ON leads REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION lead_count_added()',
  'CREATE TRIGGER lead_count_removed AFTER DELETE ON leads REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION lead_count_removed()',
];

// Team only (main/inbound/): webhooks reach the team server, never a rep's own store. Everything
// a check needs is here, not in a process, so two server processes refuse the same replay.
const INBOUND = [
  // The secret is sealed (AES-256-GCM under the server's inbound key), not hashed: checking an
  // HMAC needs the secret itself; a copy of the database without the key cannot sign.
  `CREATE TABLE inbound_sources (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name citext NOT NULL UNIQUE,
    secret_sealed text NOT NULL,
    per_minute integer NOT NULL,
    created_at bigint NOT NULL,
    rotated_at bigint NOT NULL
  )`,
  `CREATE TABLE inbound_signatures (
    source_id bigint NOT NULL REFERENCES inbound_sources (id) ON DELETE CASCADE,
    signature text NOT NULL,
    received_at bigint NOT NULL,
    PRIMARY KEY (source_id, signature)
  )`,
  'CREATE INDEX inbound_signatures_age ON inbound_signatures (received_at)',
  `CREATE TABLE inbound_limits (
    source_id bigint PRIMARY KEY REFERENCES inbound_sources (id) ON DELETE CASCADE,
    window_started_at bigint NOT NULL,
    requests integer NOT NULL
  )`,
  `CREATE TABLE inbound_requests (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    source_name text NOT NULL,
    received_at bigint NOT NULL,
    status integer NOT NULL,
    reason text NOT NULL,
    lead_id bigint REFERENCES leads (id) ON DELETE SET NULL
  )`,
  'CREATE INDEX inbound_requests_received ON inbound_requests (received_at)',
];

const STAGES = "('cold', 'IQL', 'MQL', 'SQL', 'nurture', 'disqualified')";
const ZONE = "coalesce(time_zone, '')";

const LEAD_STORE = [
  `CREATE TABLE call_lists (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name citext NOT NULL UNIQUE,
    filter text NOT NULL DEFAULT '{}',
    created_at bigint NOT NULL,
    rules text
  )`,
  `CREATE TABLE import_batches (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    file_name text NOT NULL,
    imported_at bigint NOT NULL,
    rows_read integer NOT NULL DEFAULT 0,
    created integer NOT NULL DEFAULT 0,
    updated integer NOT NULL DEFAULT 0,
    rejected integer NOT NULL DEFAULT 0,
    merged integer NOT NULL DEFAULT 0,
    undone_at bigint,
    header text,
    call_list_id bigint REFERENCES call_lists (id)
  )`,
  `CREATE TABLE leads (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    crm_id text UNIQUE,
    first_name text NOT NULL DEFAULT '',
    last_name text NOT NULL DEFAULT '',
    email text,
    company text,
    title text,
    stage text NOT NULL CHECK (stage IN ${STAGES}),
    source text,
    time_zone text,
    requested_call smallint NOT NULL DEFAULT 0 CHECK (requested_call IN (0, 1)),
    do_not_call smallint NOT NULL DEFAULT 0 CHECK (do_not_call IN (0, 1)),
    score integer NOT NULL DEFAULT 0,
    attempts integer NOT NULL DEFAULT 0,
    last_attempt_at bigint,
    last_disposition text,
    last_activity_at bigint,
    created_at bigint NOT NULL,
    import_batch_id bigint REFERENCES import_batches (id),
    callable smallint NOT NULL DEFAULT 1 CHECK (callable IN (0, 1)),
    stage_rank integer NOT NULL DEFAULT 0,
    retry_at bigint,
    region text,
    country text,
    hand_raised_at bigint,
    not_before bigint,
    owner text
  )`,
  'CREATE INDEX leads_email ON leads (email) WHERE email IS NOT NULL',
  'CREATE INDEX leads_import_batch ON leads (import_batch_id)',
  'CREATE INDEX leads_company ON leads (lower(company)) WHERE company IS NOT NULL',
  `CREATE INDEX queue_hand_raisers ON leads (${ZONE}, hand_raised_at) WHERE callable = 1 AND hand_raised_at IS NOT NULL AND attempts = 0`,
  `CREATE INDEX queue_hand_raisers_again ON leads (${ZONE}, retry_at, hand_raised_at) WHERE callable = 1 AND hand_raised_at IS NOT NULL AND attempts > 0`,
  `CREATE INDEX queue_fresh_inbound ON leads (${ZONE}, created_at) WHERE callable = 1 AND attempts = 0 AND source = 'inbound'`,
  `CREATE INDEX queue_retries ON leads (${ZONE}, retry_at) WHERE callable = 1 AND attempts > 0 AND retry_at IS NOT NULL`,
  `CREATE INDEX queue_never_called ON leads (${ZONE}, stage_rank DESC, score DESC, last_activity_at DESC) WHERE callable = 1 AND attempts = 0`,
  `CREATE INDEX queue_rest ON leads (${ZONE}, last_attempt_at) WHERE callable = 1 AND attempts > 0 AND retry_at IS NULL`,
  // A lead's words, accents folded, prefix-searchable (SQLite's lead_words FTS5 table). unaccent()
  // is only STABLE (its dictionary could change); pinning the dictionary makes it safe to index.
  `CREATE FUNCTION lead_words(first_name text, last_name text, company text, email text) RETURNS tsvector
     LANGUAGE sql IMMUTABLE PARALLEL SAFE
     RETURN to_tsvector('simple', public.unaccent('public.unaccent'::regdictionary,
       first_name || ' ' || last_name || ' ' || coalesce(company, '') || ' ' || coalesce(email, '')))`,
  'CREATE INDEX leads_words ON leads USING gin (lead_words(first_name, last_name, company, email))',

  `CREATE TABLE phones (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    lead_id bigint NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    position integer NOT NULL,
    raw text NOT NULL,
    e164 text,
    type text NOT NULL CHECK (type IN ('mobile', 'work', 'home', 'other')),
    bad smallint NOT NULL DEFAULT 0 CHECK (bad IN (0, 1)),
    import_batch_id bigint REFERENCES import_batches (id)
  )`,
  'CREATE INDEX phones_lead ON phones (lead_id, position)',
  'CREATE INDEX phones_e164 ON phones (e164) WHERE e164 IS NOT NULL',
  'CREATE INDEX phones_import_batch ON phones (import_batch_id) WHERE import_batch_id IS NOT NULL',
  // SQLite's substr(e164, -4): PostgreSQL's substr counts from the start only.
  'CREATE INDEX phones_last_digits ON phones (right(e164, 4)) WHERE e164 IS NOT NULL',

  `CREATE TABLE activities (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    lead_id bigint NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    type text NOT NULL,
    title text NOT NULL,
    url text,
    occurred_at bigint NOT NULL,
    details text,
    import_batch_id bigint REFERENCES import_batches (id),
    UNIQUE (lead_id, type, title, occurred_at)
  )`,
  'CREATE INDEX activities_import_batch ON activities (import_batch_id) WHERE import_batch_id IS NOT NULL',

  `CREATE TABLE sessions (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    console_id text NOT NULL,
    rep text,
    list_name text,
    started_at bigint NOT NULL,
    ended_at bigint,
    paused_at bigint,
    paused_ms bigint NOT NULL DEFAULT 0
  )`,
  'CREATE UNIQUE INDEX sessions_open ON sessions (console_id) WHERE ended_at IS NULL',

  `CREATE TABLE calls (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    lead_id bigint NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    phone_id bigint REFERENCES phones (id) ON DELETE SET NULL,
    phone_e164 text,
    disposition_code text NOT NULL,
    disposition_label text NOT NULL,
    notes text NOT NULL DEFAULT '',
    started_at bigint NOT NULL,
    ended_at bigint NOT NULL,
    stage_before text NOT NULL,
    stage_after text NOT NULL,
    counts_as_attempt smallint NOT NULL DEFAULT 1 CHECK (counts_as_attempt IN (0, 1)),
    rep text,
    script_id text,
    script_version integer,
    answers text,
    criteria_met text,
    recommended text,
    override_reason text,
    session_id bigint REFERENCES sessions (id)
  )`,
  'CREATE INDEX calls_lead ON calls (lead_id, started_at DESC)',
  'CREATE INDEX calls_started ON calls (started_at DESC)',
  'CREATE INDEX calls_number ON calls (phone_e164, started_at) WHERE phone_e164 IS NOT NULL',
  'CREATE INDEX calls_session ON calls (session_id) WHERE session_id IS NOT NULL',

  `CREATE TABLE stage_history (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    lead_id bigint NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    from_stage text,
    to_stage text NOT NULL,
    reason text NOT NULL,
    call_id bigint REFERENCES calls (id) ON DELETE SET NULL,
    at bigint NOT NULL,
    rep text
  )`,
  'CREATE INDEX stage_history_lead ON stage_history (lead_id, at)',

  `CREATE TABLE import_changes (
    batch_id bigint NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
    lead_id bigint NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    before text NOT NULL,
    after text,
    PRIMARY KEY (batch_id, lead_id)
  )`,
  `CREATE TABLE import_rejections (
    batch_id bigint NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
    line integer NOT NULL,
    reason text NOT NULL,
    raw text NOT NULL,
    PRIMARY KEY (batch_id, line)
  )`,
  `CREATE TABLE column_mappings (
    name citext PRIMARY KEY,
    mapping text NOT NULL,
    saved_at bigint NOT NULL
  )`,

  `CREATE TABLE callbacks (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    lead_id bigint NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    due_at bigint NOT NULL,
    set_by_call_id bigint REFERENCES calls (id) ON DELETE SET NULL,
    done_by_call_id bigint REFERENCES calls (id) ON DELETE SET NULL
  )`,
  'CREATE INDEX callbacks_open ON callbacks (due_at) WHERE done_by_call_id IS NULL',
  'CREATE INDEX callbacks_lead ON callbacks (lead_id)',

  // The lead a console is showing, on a lease (main/queue/lead-leases.ts).
  `CREATE TABLE claims (
    lead_id bigint PRIMARY KEY REFERENCES leads (id) ON DELETE CASCADE,
    console_id text NOT NULL,
    claimed_at bigint NOT NULL
  )`,
  'CREATE INDEX claims_console ON claims (console_id)',
  'CREATE TABLE queue_zones (time_zone text PRIMARY KEY)',

  `CREATE TABLE dispositions (
    code text PRIMARY KEY,
    position integer NOT NULL,
    definition text NOT NULL,
    hotkey text,
    retired_at bigint
  )`,
  'CREATE UNIQUE INDEX dispositions_hotkey ON dispositions (hotkey) WHERE retired_at IS NULL AND hotkey IS NOT NULL',
  `CREATE TABLE scripts (
    id text NOT NULL,
    version integer NOT NULL,
    name text NOT NULL,
    document text NOT NULL,
    definition text NOT NULL,
    imported_at bigint NOT NULL,
    active smallint NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
    PRIMARY KEY (id, version)
  )`,
  'CREATE UNIQUE INDEX scripts_one_active ON scripts (active) WHERE active = 1',
  `CREATE TABLE handoffs (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    lead_id bigint NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    call_id bigint NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    rep text,
    at bigint NOT NULL,
    answers text NOT NULL,
    notes text NOT NULL,
    why text NOT NULL
  )`,
  'CREATE INDEX handoffs_at ON handoffs (at)',
  `CREATE TABLE call_undo (
    call_id bigint PRIMARY KEY REFERENCES calls (id) ON DELETE CASCADE,
    before text NOT NULL,
    until bigint NOT NULL
  )`,
  `CREATE TABLE note_drafts (
    lead_id bigint PRIMARY KEY REFERENCES leads (id) ON DELETE CASCADE,
    text text NOT NULL,
    saved_at bigint NOT NULL
  )`,
  `CREATE TABLE dials (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    lead_id bigint NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    phone_e164 text NOT NULL,
    at bigint NOT NULL,
    call_id bigint REFERENCES calls (id) ON DELETE SET NULL,
    console_id text,
    closed_at bigint
  )`,
  'CREATE INDEX dials_number ON dials (phone_e164, at) WHERE call_id IS NULL',
  'CREATE INDEX dials_open_of_lead ON dials (lead_id, at) WHERE call_id IS NULL AND closed_at IS NULL',
  `CREATE TABLE lead_edits (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    lead_id bigint NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    at bigint NOT NULL,
    rep text,
    changes text NOT NULL
  )`,
  'CREATE INDEX lead_edits_lead ON lead_edits (lead_id, at)',
  `CREATE TABLE disposition_reasons (
    disposition_code text NOT NULL,
    position integer NOT NULL,
    label text NOT NULL,
    PRIMARY KEY (disposition_code, position)
  )`,
];

const PEOPLE = [
  // A person who signs in. The password as scrypt's output with its parameters and salt
  // (main/people/passwords.ts), never the password.
  `CREATE TABLE accounts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name citext NOT NULL UNIQUE,
    role text NOT NULL CHECK (role IN ('rep', 'team-lead', 'admin')),
    password_hash text NOT NULL,
    created_at bigint NOT NULL,
    password_changed_at bigint NOT NULL
  )`,
  // A signed-in browser or desktop app. The token is known to it alone: the store keeps its
  // SHA-256, so a copy of the database (a backup) signs nobody in.
  `CREATE TABLE sign_in_sessions (
    token_hash text PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL
  )`,
  'CREATE INDEX sign_in_sessions_account ON sign_in_sessions (account_id)',
  'CREATE INDEX sign_in_sessions_expiry ON sign_in_sessions (expires_at)',
  // Sign-in attempts per account name and per address, in a window: in the database, so every
  // server process behind a load balancer counts the same attempts.
  `CREATE TABLE sign_in_limits (
    key text PRIMARY KEY,
    window_started_at bigint NOT NULL,
    attempts integer NOT NULL
  )`,
];

// SQLite migration 10's meaning: the rows link each audio file to its dial; a deleted row leaves its
// file's name to erase after the commit (main/phone/recordings.ts).
const RECORDINGS = [
  `CREATE TABLE recordings (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    lead_id bigint NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    dial_id bigint NOT NULL REFERENCES dials (id) ON DELETE CASCADE,
    file text NOT NULL UNIQUE,
    type text NOT NULL,
    bytes bigint NOT NULL,
    duration_ms bigint NOT NULL,
    started_at bigint NOT NULL
  )`,
  'CREATE INDEX recordings_lead ON recordings (lead_id)',
  'CREATE INDEX recordings_dial ON recordings (dial_id)',
  'CREATE TABLE recording_files_to_erase (file text PRIMARY KEY)',
  `CREATE FUNCTION recordings_erase_file() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO recording_files_to_erase (file) VALUES (OLD.file) ON CONFLICT DO NOTHING;
      RETURN OLD;
    END $$`,
  'CREATE TRIGGER recordings_erase_file AFTER DELETE ON recordings FOR EACH ROW EXECUTE FUNCTION recordings_erase_file()',
];

/** Advisory lock key for migrations: any fixed number no other part of Nextcall uses. */
const MIGRATION_LOCK = 6_385_011;

/** Applies every migration above the store's version, each in its own transaction. */
export async function migratePostgres(store: Store, upTo = postgresMigrations.at(-1)?.version ?? 0): Promise<void> {
  const latest = postgresMigrations.at(-1)?.version ?? 0;
  for (const migration of postgresMigrations) {
    if (migration.version > upTo) break;
    await store.transaction(
      async (tx) => {
        // One server process at a time; the others then find the work done.
        await tx.one('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
        await tx.run('CREATE TABLE IF NOT EXISTS nextcall_schema (version integer NOT NULL)');
        const row = await tx.one<{ version: number }>('SELECT version FROM nextcall_schema');
        const current = row?.version ?? 0;
        if (current > latest) {
          throw new Error(`This team database was written by a newer Nextcall (schema ${current}, this version knows ${latest}).`);
        }
        if (migration.version <= current) return;
        await migration.up(tx);
        if (row) await tx.run('UPDATE nextcall_schema SET version = ?', [migration.version]);
        else await tx.run('INSERT INTO nextcall_schema (version) VALUES (?)', [migration.version]);
      },
      { isolation: 'read committed' },
    );
  }
}
