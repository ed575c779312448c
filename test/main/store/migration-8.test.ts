import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/store/migrations.ts';

describe('migration 8', () => {
  it("indexes version-7 leads' words and numbers' last digits, and seeds the reasons", () => {
    const db = new DatabaseSync(':memory:');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db, 7);
    db.exec(`
      INSERT INTO leads (id, first_name, last_name, company, email, stage, created_at) VALUES (1, 'Zoë', 'Müller', 'Acme', 'zoe@acme.de', 'IQL', 1);
      INSERT INTO phones (lead_id, position, raw, e164, type) VALUES (1, 0, '(212) 555-0100', '+12125550100', 'work');
      INSERT INTO phones (lead_id, position, raw, e164, type) VALUES (1, 1, '555 01', NULL, 'other');
    `);
    migrate(db, 8);
    expect(schemaVersion(db)).toBe(8);
    expect(db.prepare('SELECT rowid FROM lead_words WHERE lead_words MATCH ?').all('"zoe"* "muller"*')).toEqual([{ rowid: 1 }]);
    expect(db.prepare("SELECT lead_id FROM phones INDEXED BY phones_last_digits WHERE e164 IS NOT NULL AND substr(e164, -4) = '0100'").all()).toEqual([{ lead_id: 1 }]);
    expect(db.prepare("SELECT count(*) AS n FROM disposition_reasons WHERE disposition_code = 'disqualified'").get()).toEqual({ n: 6 });
    db.exec(`INSERT INTO lead_edits (lead_id, at, changes) VALUES (1, 2, '[]')`);
    db.exec('DELETE FROM leads WHERE id = 1');
    expect(db.prepare('SELECT rowid FROM lead_words WHERE lead_words MATCH ?').all('zoe')).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM lead_edits').get()).toEqual({ n: 0 });
    db.close();
  });
});
