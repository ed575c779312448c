import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/store/database.ts';
import { migrate, migrations, schemaVersion } from '../../../main/store/migrations.ts';
import { tempDir } from '../../helpers/test-core.ts';

describe('migrations', () => {
  it('are numbered 1, 2, 3… with no gap', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('bring an empty file to the latest version and record it in user_version', () => {
    const db = openDatabase(join(tempDir(), 'store.sqlite'));
    expect(schemaVersion(db)).toBe(migrations.length);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all().map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['leads', 'phones', 'activities', 'calls', 'stage_history', 'import_batches']));
    db.close();
  });

  it('run once: reopening a migrated store changes nothing and keeps its data', () => {
    const file = join(tempDir(), 'store.sqlite');
    const first = openDatabase(file);
    first.prepare("INSERT INTO leads (first_name, stage, created_at) VALUES ('Ada', 'IQL', 1)").run();
    first.close();
    const again = openDatabase(file);
    expect(again.prepare('SELECT first_name FROM leads').all()).toEqual([{ first_name: 'Ada' }]);
    again.close();
  });

  it('refuse a store written by a newer version instead of damaging it', () => {
    const file = join(tempDir(), 'store.sqlite');
    const db = new DatabaseSync(file);
    db.exec(`PRAGMA user_version = ${migrations.length + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(/newer Nextcall/);
  });

  it('turn on WAL, full sync and foreign keys', () => {
    const db = openDatabase(join(tempDir(), 'store.sqlite'));
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 });
    expect(db.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 1 });
    db.close();
  });
});

describe('migration 1', () => {
  it('creates strict tables that refuse a value of the wrong type or an unknown stage', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db, 1);
    expect(() => db.prepare("INSERT INTO leads (first_name, stage, created_at) VALUES ('Ada', 'IQL', 'yesterday')").run()).toThrow(/cannot store TEXT/);
    expect(() => db.prepare("INSERT INTO leads (first_name, stage, created_at) VALUES ('Ada', 'hot', 1)").run()).toThrow(/CHECK/);
    db.close();
  });

  it("removes a lead's numbers, activities and calls with the lead", () => {
    const db = new DatabaseSync(':memory:');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db, 1);
    db.exec(`
      INSERT INTO leads (id, first_name, stage, created_at) VALUES (1, 'Ada', 'IQL', 1);
      INSERT INTO phones (lead_id, position, raw, e164, type) VALUES (1, 0, '+12125550100', '+12125550100', 'work');
      INSERT INTO activities (lead_id, type, title, occurred_at) VALUES (1, 'webinar', 'Webinar', 1);
      INSERT INTO calls (lead_id, disposition_code, disposition_label, started_at, ended_at, stage_before, stage_after)
        VALUES (1, 'no-answer', 'No answer', 1, 1, 'IQL', 'IQL');
      DELETE FROM leads WHERE id = 1;
    `);
    for (const table of ['phones', 'activities', 'calls']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
    db.close();
  });
});

describe('migration 2', () => {
  it('keeps version-1 leads and their numbers, adds where they are, lists, and the import undo log', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db, 1);
    db.exec(`
      INSERT INTO import_batches (id, file_name, imported_at) VALUES (1, 'old.csv', 1);
      INSERT INTO leads (id, first_name, stage, created_at, import_batch_id) VALUES (1, 'Ada', 'IQL', 1, 1);
      INSERT INTO phones (lead_id, position, raw, e164, type) VALUES (1, 0, '+12125550100', '+12125550100', 'work');
    `);
    migrate(db, 2);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT first_name, region, country FROM leads').get()).toEqual({ first_name: 'Ada', region: null, country: null });
    expect(db.prepare('SELECT e164, import_batch_id FROM phones').get()).toEqual({ e164: '+12125550100', import_batch_id: null });
    expect(db.prepare('SELECT merged, undone_at, header, call_list_id FROM import_batches').get()).toEqual({ merged: 0, undone_at: null, header: null, call_list_id: null });
    db.exec(`
      INSERT INTO call_lists (name, created_at) VALUES ('Webinar', 1);
      INSERT INTO import_changes (batch_id, lead_id, before) VALUES (1, 1, '{}');
      INSERT INTO import_rejections (batch_id, line, reason, raw) VALUES (1, 3, 'no phone number', 'Bob,');
      INSERT INTO column_mappings (name, mapping, saved_at) VALUES ('Pipedrive', '{}', 1);
    `);
    expect(() => db.exec("INSERT INTO call_lists (name, created_at) VALUES ('WEBINAR', 2)")).toThrow(/UNIQUE/);
    db.close();
  });
});

describe('migration 7', () => {
  it('keeps version-6 dials (still open, console unknown) and adds who dialled and when a dial was let go', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db, 6);
    db.exec(`
      INSERT INTO leads (id, first_name, stage, created_at) VALUES (1, 'Ada', 'IQL', 1);
      INSERT INTO dials (lead_id, phone_e164, at) VALUES (1, '+12125550100', 5);
    `);
    migrate(db, 7);
    expect(schemaVersion(db)).toBe(7);
    expect(db.prepare('SELECT phone_e164, at, call_id, console_id, closed_at FROM dials').get()).toEqual({
      phone_e164: '+12125550100',
      at: 5,
      call_id: null,
      console_id: null,
      closed_at: null,
    });
    db.close();
  });
});

describe('migration 11', () => {
  it('keeps version-10 dials, links a recording to one, and queues its file for erasing when the lead goes', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db, 10);
    db.exec(`
      INSERT INTO leads (id, first_name, stage, created_at) VALUES (1, 'Ada', 'IQL', 1);
      INSERT INTO dials (id, lead_id, phone_e164, at) VALUES (7, 1, '+12125550100', 5);
    `);
    migrate(db, 11);
    expect(schemaVersion(db)).toBe(11);
    db.exec("INSERT INTO recordings (lead_id, dial_id, file, type, bytes, duration_ms, started_at) VALUES (1, 7, '1-7-a.webm', 'audio/webm', 100, 2000, 6)");
    expect(() => db.exec("INSERT INTO recordings (lead_id, dial_id, file, type, bytes, duration_ms, started_at) VALUES (1, 99, 'x.webm', 'audio/webm', 1, 1, 1)")).toThrow(/FOREIGN KEY/);
    db.exec('DELETE FROM leads WHERE id = 1');
    expect(db.prepare('SELECT count(*) AS n FROM recordings').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT file FROM recording_files_to_erase').all()).toEqual([{ file: '1-7-a.webm' }]);
    db.close();
  });
});
