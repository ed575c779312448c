import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leadCount } from '../../../main/leads/lead-count.ts';
import { openDatabase, transaction, type Database } from '../../../main/store/database.ts';
import { tempDir } from '../../helpers/test-core.ts';

const counted = (db: Database) => (db.prepare('SELECT count(*) AS n FROM leads').get() as { n: number }).n;
const addLeads = (db: Database, n: number) => {
  const insert = db.prepare("INSERT INTO leads (first_name, stage, created_at) VALUES ('Ada', 'IQL', 1)");
  for (let i = 0; i < n; i++) insert.run();
};

describe('the number of leads in the store, as the top bar shows it', () => {
  it('follows leads added and removed on this connection, without counting them again', () => {
    const db = openDatabase(join(tempDir(), 'store.sqlite'));
    expect(leadCount(db)).toBe(0);
    addLeads(db, 5);
    expect(leadCount(db)).toBe(5);
    db.exec('DELETE FROM leads WHERE id IN (1, 2)');
    expect(leadCount(db)).toBe(3);
    db.exec('DELETE FROM leads');
    expect(leadCount(db)).toBe(0);
    db.close();
  });

  it('takes back what a rolled-back transaction added, even the transaction that counted first', () => {
    const db = openDatabase(join(tempDir(), 'store.sqlite'));
    addLeads(db, 2);
    expect(() =>
      transaction(db, () => {
        expect(leadCount(db)).toBe(2);
        addLeads(db, 3);
        expect(leadCount(db)).toBe(5);
        throw new Error('import refused');
      }),
    ).toThrow('import refused');
    expect(leadCount(db)).toBe(counted(db));
    expect(leadCount(db)).toBe(2);
    expect(() =>
      transaction(db, () => {
        addLeads(db, 4);
        throw new Error('again');
      }),
    ).toThrow('again');
    expect(leadCount(db)).toBe(2);
    db.close();
  });

  it('sees leads another process wrote to the same store (the CLI importing while the console runs)', () => {
    const file = join(tempDir(), 'store.sqlite');
    const console = openDatabase(file);
    addLeads(console, 1);
    expect(leadCount(console)).toBe(1);
    const cli = new DatabaseSync(file);
    addLeads(cli, 4);
    cli.exec('DELETE FROM leads WHERE id = 1');
    cli.close();
    expect(leadCount(console)).toBe(4);
    addLeads(console, 1);
    expect(leadCount(console)).toBe(5);
    console.close();
  });
});
