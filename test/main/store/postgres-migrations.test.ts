import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { accountRecordingShelf, recordingLibrary } from '../../../main/phone/recordings.ts';
import { QUERIES } from '../../../main/queue/next-lead.ts';
import { migrate, migrations } from '../../../main/store/migrations.ts';
import { migratePostgres, postgresMigrations } from '../../../main/store/postgres-migrations.ts';
import { openPostgresStore } from '../../../main/store/seam/postgres-store.ts';
import type { SqlValue, Store } from '../../../main/store/seam/store.ts';
import { postgresColumns } from '../../helpers/postgres-schema.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

/** Tables only a team has (people) or only one store needs (PostgreSQL's version row, its kept lead count, the settings a team shares). */
const TEAM_ONLY = new Set(['lead_count_changes', 'team_settings', 'accounts', 'sign_in_sessions', 'sign_in_limits', 'nextcall_schema', 'inbound_sources', 'inbound_signatures', 'inbound_limits', 'inbound_requests', 'phone_accounts', 'greetings']);
/** Columns only a team has: a dial's account (the live floor's, docs/FLOOR.md); a recording's audio and the account that recorded it. */
const TEAM_ONLY_COLUMNS = new Set(['dials.account_id', 'recordings.audio', 'recordings.account_id']);
/** SQLite's full-text table and the tables FTS5 makes for it: PostgreSQL indexes a lead's words instead. */
const SQLITE_ONLY = /^lead_words/;
const SAME_KIND: Record<string, readonly string[]> = { INTEGER: ['bigint', 'integer', 'smallint'], TEXT: ['text', 'citext'] };

describe('the PostgreSQL migrations', () => {
  const cluster = usePostgresCluster();
  const stores: Store[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });
  const fresh = async () => {
    const url = await cluster().createDatabase();
    const connect = async () => {
      const store = await openPostgresStore({ connectionString: url });
      stores.push(store);
      return store;
    };
    return { store: await connect(), connect };
  };

  it('mirror every SQLite migration: each table and column of the rep store is in the team store, of the same kind', async () => {
    const latestSqlite = migrations.at(-1)!.version;
    const mirrored = Math.max(...postgresMigrations.map((m) => m.mirrorsSqlite ?? 0));
    expect(mirrored, `SQLite migration ${latestSqlite} has no PostgreSQL counterpart: add a migration to main/store/postgres-migrations.ts that brings the team store to the same meaning (mirrorsSqlite: ${latestSqlite}).`).toBe(latestSqlite);

    const sqlite = new DatabaseSync(':memory:');
    migrate(sqlite);
    const { store } = await fresh();
    await migratePostgres(store);
    const team = await postgresColumns(store);
    const sqliteTables = (sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[])
      .map((r) => r.name)
      .filter((name) => !SQLITE_ONLY.test(name));
    const differences: string[] = [];
    for (const table of sqliteTables) {
      const columns = sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string; type: string }[];
      for (const { name, type } of columns) {
        const teamType = team.get(table)?.get(name);
        if (!teamType) differences.push(`${table}.${name} is missing`);
        else if (!SAME_KIND[type]?.includes(teamType)) differences.push(`${table}.${name} is ${teamType}, SQLite has ${type}`);
      }
      for (const name of team.get(table)?.keys() ?? []) if (!columns.some((c) => c.name === name) && !TEAM_ONLY_COLUMNS.has(`${table}.${name}`)) differences.push(`${table}.${name} is not in SQLite`);
    }
    for (const table of team.keys()) if (!sqliteTables.includes(table) && !TEAM_ONLY.has(table)) differences.push(`${table} is not in SQLite`);
    expect(differences).toEqual([]);
    expect(await store.all('SELECT disposition_code, position, label FROM disposition_reasons ORDER BY disposition_code, position')).toEqual(
      sqlite.prepare('SELECT disposition_code, position, label FROM disposition_reasons ORDER BY disposition_code, position').all().map((r) => ({ ...r })),
    );
    sqlite.close();
  });

  it('give each never-called pick its index in the order it reads: no sort of a zone’s never-called leads per pick', async () => {
    const { store } = await fresh();
    await migratePostgres(store);
    const plan = await store.transaction(async (tx) => {
      // Seed-free: with sequential scans off the planner shows what it would do on a large list.
      await tx.run('SET LOCAL enable_seqscan = off');
      const rows = await tx.all<{ 'QUERY PLAN': string }>(`EXPLAIN ${QUERIES.postgres.neverCalled}`, ['America/New_York', 5]);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('queue_never_called');
    expect(plan, 'the never-called tier sorts instead of reading queue_never_called in order').not.toMatch(/\bSort\b/);
  });

  it('keep a rep’s greetings with their account: at most one chosen for V, none over 8 MB, gone with the account (migration 13)', async () => {
    const { store } = await fresh();
    await migratePostgres(store);
    const account = (await store.one<{ id: number }>("INSERT INTO accounts (name, role, password_hash, created_at, password_changed_at) VALUES ('avery', 'rep', 'x', 0, 0) RETURNING id"))!.id;
    const add = (id: string, chosen: number, bytes = 16) =>
      store.run("INSERT INTO greetings (id, account_id, name, type, audio, chosen, created_at) VALUES (?, ?, 'Hello', 'audio/wav', decode(repeat('00', ?), 'hex'), ?, 0)", [id, account, bytes, chosen]);
    await add('00000000-0000-4000-8000-000000000001', 1);
    await expect(add('00000000-0000-4000-8000-000000000002', 1)).rejects.toThrow(/greetings_chosen/);
    await expect(add('00000000-0000-4000-8000-000000000003', 0, 8 * 1024 * 1024 + 1)).rejects.toThrow(/check constraint/);
    await add('00000000-0000-4000-8000-000000000004', 0, 8 * 1024 * 1024);
    await store.run('DELETE FROM accounts WHERE id = ?', [account]);
    expect(await store.one('SELECT count(*) AS n FROM greetings')).toEqual({ n: 0 });
  });

  it('keep a recorded call’s audio in its row, none over 60 MB, gone with its lead, kept when the rep who recorded it leaves (migration 14)', async () => {
    const { store } = await fresh();
    await migratePostgres(store);
    const account = (await store.one<{ id: number }>("INSERT INTO accounts (name, role, password_hash, created_at, password_changed_at) VALUES ('avery', 'rep', 'x', 0, 0) RETURNING id"))!.id;
    const lead = (await store.one<{ id: number }>("INSERT INTO leads (first_name, stage, created_at) VALUES ('Ada', 'cold', 0) RETURNING id"))!.id;
    const dial = (await store.one<{ id: number }>("INSERT INTO dials (lead_id, phone_e164, at, account_id) VALUES (?, '+12125550100', 0, ?) RETURNING id", [lead, account]))!.id;
    const record = (bytes: number) =>
      store.run("INSERT INTO recordings (lead_id, dial_id, account_id, audio, type, bytes, duration_ms, started_at) VALUES (?, ?, ?, decode(repeat('00', ?), 'hex'), 'audio/webm', ?, 1000, 0)", [lead, dial, account, bytes, bytes]);
    await expect(record(60 * 1024 * 1024 + 1)).rejects.toThrow(/check constraint/);
    await record(60 * 1024 * 1024);
    // A row keeps its audio one way: in the row on a team; never neither.
    await expect(store.run("INSERT INTO recordings (lead_id, dial_id, type, bytes, duration_ms, started_at) VALUES (?, ?, 'audio/webm', 0, 0, 0)", [lead, dial])).rejects.toThrow(/recordings_audio_kept/);
    await store.run('DELETE FROM accounts WHERE id = ?', [account]);
    expect(await store.one('SELECT account_id, octet_length(audio) AS bytes FROM recordings')).toEqual({ account_id: null, bytes: 60 * 1024 * 1024 });
    // The lead's delete takes the recording with it, and leaves no file to erase (there is none).
    await store.run('DELETE FROM leads WHERE id = ?', [lead]);
    expect(await store.one('SELECT (SELECT count(*) FROM recordings) AS recordings, (SELECT count(*) FROM recording_files_to_erase) AS files')).toEqual({ recordings: 0, files: 0 });
  });

  it('read the team’s list of recordings in order from the newest, or from the last one shown: no sort of every recording per page (migration 15)', async () => {
    const { store } = await fresh();
    await migratePostgres(store);
    // The list's own statements, explained instead of run, as the planner would read a large table.
    const plans: string[] = [];
    const explaining = new Proxy(store, {
      get: (target, key) =>
        key === 'all'
          ? async (sql: string, params: SqlValue[]) => {
              const rows = await target.transaction(async (tx) => {
                await tx.run('SET LOCAL enable_seqscan = off');
                return tx.all<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
              });
              plans.push(rows.map((row) => row['QUERY PLAN']).join('\n'));
              return [];
            }
          : Reflect.get(target, key),
    });
    const library = recordingLibrary(explaining, accountRecordingShelf(explaining, 1), { now: () => 0 });
    await library.list({ limit: 50 });
    await library.list({ limit: 50, before: { startedAt: '2026-11-23T15:00:00.000Z', id: 5000 } });
    expect(plans).toHaveLength(2);
    for (const plan of plans) {
      expect(plan).toContain('recordings_newest');
      expect(plan, 'a page of the list sorts every recording instead of reading recordings_newest in order').not.toMatch(/\bSort\b/);
    }
  });

  it('migrate once when two server processes start together', async () => {
    const { store, connect } = await fresh();
    const other = await connect();
    await Promise.all([migratePostgres(store), migratePostgres(other)]);
    expect(await store.one('SELECT version FROM nextcall_schema')).toEqual({ version: postgresMigrations.at(-1)!.version });
    expect(await store.one('SELECT count(*) AS n FROM nextcall_schema')).toEqual({ n: 1 });
    expect(await store.one('SELECT count(*) AS n FROM disposition_reasons')).not.toEqual({ n: 0 });
  });

  it('refuse a team database written by a newer Nextcall, and leave it alone', async () => {
    const { store } = await fresh();
    await migratePostgres(store);
    await store.run('UPDATE nextcall_schema SET version = ?', [99]);
    await expect(migratePostgres(store)).rejects.toThrow(/written by a newer Nextcall \(schema 99/);
    expect(await store.one('SELECT version FROM nextcall_schema')).toEqual({ version: 99 });
  });

  it('leave the database at the previous version when a migration fails', async () => {
    const { store } = await fresh();
    await migratePostgres(store, 1);
    await store.run('CREATE TABLE accounts (id integer)');
    await expect(migratePostgres(store)).rejects.toThrow(/already exists/);
    expect(await store.one('SELECT version FROM nextcall_schema')).toEqual({ version: 1 });
    expect(await store.one("SELECT to_regclass('sign_in_sessions') IS NULL AS absent")).toEqual({ absent: 1 });
  });
});
