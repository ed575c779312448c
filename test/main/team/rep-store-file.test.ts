import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../main/store/database.ts';
import { migrate } from '../../../main/store/migrations.ts';
import { sqliteStore } from '../../../main/store/seam/sqlite-store.ts';
import { openRepStore } from '../../../main/team/rep-store-file.ts';
import { repStoreContents } from '../../../main/team/rep-store-contents.ts';
import { seedLeads } from '../../helpers/seed-leads.ts';
import { tempDir } from '../../helpers/test-core.ts';

/** The migration of an older store's copy fails when a test says so (a full disk, say); every other migration runs. */
const copies = vi.hoisted(() => ({ fail: false }));
vi.mock(import('../../../main/store/migrations.ts'), async (original) => {
  const real = await original();
  return {
    ...real,
    migrate: (db, upTo) => {
      if (copies.fail && db.location()?.endsWith('copy.sqlite')) throw new Error('database or disk is full');
      real.migrate(db, upTo);
    },
  };
});

/**
 * A rep's store as the team server and the CLI open it: anything whose schema is not Nextcall's
 * own (a view where a table was, a trigger of its own) is refused from its schema alone, before a
 * row is read or a migration writes; nothing is left in the temp folder whatever happened.
 */
let temp: string;
const previousTemp = process.env['TMPDIR'];
beforeEach(() => {
  temp = tempDir();
  process.env['TMPDIR'] = temp;
  copies.fail = false;
});
afterEach(() => {
  if (previousTemp === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = previousTemp;
});

/** A rep's store with one lead, at the latest schema or at `version`, changed by `sql` as a crafted file would be. */
async function store(sql = '', version?: number): Promise<string> {
  const file = join(tempDir(), 'nextcall.sqlite');
  if (version === undefined) openDatabase(file).close();
  else {
    const db = new DatabaseSync(file);
    migrate(db, version);
    db.close();
  }
  const db = new DatabaseSync(file);
  await seedLeads(sqliteStore(db), [{ firstName: 'Eve', phones: ['+16175550105'] }]);
  db.exec(`PRAGMA foreign_keys = OFF; ${sql}`);
  db.close();
  return file;
}

const refusal = (file: string) => {
  try {
    openRepStore(file, 'The store sent').close();
  } catch (error) {
    return (error as Error).message;
  }
  return null;
};

/** What the upload left in the temp folder (the tests' own stores aside). */
const leftInTemp = () => readdirSync(temp).filter((name) => !name.startsWith('nextcall-test-'));

const NEVER_ENDS = 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i AS lead_id, \'\' AS raw, NULL AS e164, \'\' AS type, 0 AS bad, i AS position FROM n';

describe('a rep’s store opened to be uploaded', () => {
  it('refuses at once a store whose phones are a view that never ends (it would stop the team server)', async () => {
    const file = await store(`DROP TABLE phones; CREATE VIEW phones AS ${NEVER_ENDS};`);
    const started = performance.now();
    expect(refusal(file)).toBe('The store sent is not a Nextcall store (its "phones" is a view, not a table). Nothing was uploaded.');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(leftInTemp()).toEqual([]);
  });

  it('refuses a store with a trigger of its own, or a view, or one of our triggers rewritten', async () => {
    expect(refusal(await store('CREATE TRIGGER mine AFTER UPDATE ON leads BEGIN DELETE FROM calls; END;'))).toBe(
      'The store sent is not a Nextcall store (it has a trigger "mine" that Nextcall does not make). Nothing was uploaded.',
    );
    expect(refusal(await store(`CREATE VIEW everyone AS ${NEVER_ENDS};`))).toBe('The store sent is not a Nextcall store (it has a view "everyone" that Nextcall does not make). Nothing was uploaded.');
    expect(refusal(await store('DROP TRIGGER lead_words_insert; CREATE TRIGGER lead_words_insert AFTER INSERT ON leads BEGIN DELETE FROM calls; END;'))).toBe(
      'The store sent is not a Nextcall store (its trigger "lead_words_insert" is not the one Nextcall makes). Nothing was uploaded.',
    );
  });

  it('refuses an older store with a trigger of its own before migrating it (where its triggers would fire), leaving no copy behind', async () => {
    const file = await store('CREATE TRIGGER mine AFTER INSERT ON lead_edits BEGIN DELETE FROM leads; END;', 8);
    expect(refusal(file)).toBe('The store sent is not a Nextcall store (it has a trigger "mine" that Nextcall does not make). Nothing was uploaded.');
    expect(leftInTemp()).toEqual([]);
  });

  it('reads an older store of Nextcall’s own from a migrated copy, removed when closed', async () => {
    const rep = openRepStore(await store('', 8), 'The store sent');
    expect(repStoreContents(rep.db).leads.map((l) => l.first_name)).toEqual(['Eve']);
    expect(leftInTemp()).toHaveLength(1);
    rep.close();
    expect(leftInTemp()).toEqual([]);
  });

  it('says in a sentence that an older store could not be migrated, and removes its copy', async () => {
    copies.fail = true;
    expect(refusal(await store('', 8))).toMatch(/^The store sent is not a Nextcall store \(Nextcall could not bring its schema 8 up to \d+\)\. Nothing was uploaded\.$/);
    expect(leftInTemp()).toEqual([]);
  });
});
