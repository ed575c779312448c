import { describe, expect, it } from 'vitest';
import { searchLeads } from '../../../main/leads/lead-search.ts';
import type { Database } from '../../../main/store/database.ts';
import type { Queryable } from '../../../main/store/seam/store.ts';
import { csv, importCsv, testCore } from '../../helpers/test-core.ts';

const HEADER = 'Record ID,First Name,Last Name,Company Name,Email,Phone Number';

function search(store: Queryable) {
  return async (query: string) => (await searchLeads(store, query, { limit: 20, defaultCountry: 'US' })).hits.map((h) => `${h.lead.firstName} ${h.lead.lastName}`);
}

/** FTS5 compares its index with the leads themselves (rank 1): throws on any word missing or left over. */
function expectIndexMatchesLeads(db: Database) {
  expect(() => db.exec("INSERT INTO lead_words (lead_words, rank) VALUES ('integrity-check', 1)")).not.toThrow();
}

const triggers = (db: Database) => db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").all();

describe('finding leads by name, company or email after an import', () => {
  it('finds every lead the import created, by each of its words', async () => {
    const core = testCore();
    await importCsv(core, csv(HEADER, '1,Mia,Okafor,Orbit Telecom,mia@orbit.example,+1 212 555 0100', '2,Hugo,Lefèvre,Helios Solar,hugo@helios.example,+1 617 555 0101'));
    const find = search(core.store);
    expect(await find('okafor')).toEqual(['Mia Okafor']);
    expect(await find('helios')).toEqual(['Hugo Lefèvre']);
    expect(await find('lefevre')).toEqual(['Hugo Lefèvre']);
    expect(await find('mia@orbit')).toEqual(['Mia Okafor']);
    expectIndexMatchesLeads(core.db);
  });

  it('finds a lead an import completed by the words the import added, and the index holds no stale words', async () => {
    const core = testCore();
    await importCsv(core, csv(HEADER, '1,,Okafor,,,+1 212 555 0100', '2,Hugo,Lefèvre,,,+1 617 555 0101'));
    // The same people again: blanks filled (first name, company, email), one of them twice in the file.
    const report = await importCsv(
      core,
      csv(HEADER, '1,Mia,Okafor,Orbit Telecom,,+1 212 555 0100', '1,Mia,Okafor,,mia@orbit.example,+1 212 555 0100', '2,Hugo,Lefèvre,Helios Solar,hugo@helios.example,+1 617 555 0101'),
    );
    expect(report).toMatchObject({ created: 0, updated: 2, merged: 1 });
    const find = search(core.store);
    expect(await find('mia')).toEqual(['Mia Okafor']);
    expect(await find('orbit')).toEqual(['Mia Okafor']);
    expect(await find('mia@orbit')).toEqual(['Mia Okafor']);
    expect(await find('helios')).toEqual(['Hugo Lefèvre']);
    expectIndexMatchesLeads(core.db);
  });

  it('leaves the index and its triggers as they were after a dry run, and keeps following edits', async () => {
    const core = testCore();
    await importCsv(core, csv(HEADER, '1,Mia,Okafor,Orbit Telecom,mia@orbit.example,+1 212 555 0100'));
    const before = triggers(core.db);
    await importCsv(core, csv(HEADER, '2,Hugo,Lefèvre,Helios Solar,hugo@helios.example,+1 617 555 0101'), { dryRun: true });
    expect(triggers(core.db)).toEqual(before);
    const find = search(core.store);
    expect(await find('hugo')).toEqual([]);
    core.db.prepare("UPDATE leads SET last_name = 'King' WHERE first_name = 'Mia'").run();
    expect(await find('okafor')).toEqual([]);
    expect(await find('mia king')).toEqual(['Mia King']);
    expectIndexMatchesLeads(core.db);
  });

  it('keeps its triggers when an import fails halfway, so later writers still keep the index', async () => {
    const core = testCore();
    const before = triggers(core.db);
    // Progress is reported every 5,000 rows, inside the import's transaction.
    const rows = Array.from({ length: 5_000 }, (_, i) => `${i},Mia,Okafor${i},Orbit Telecom,,+1 212 555 ${String(1000 + i).padStart(4, '0')}`);
    const failing = importCsv(core, csv(HEADER, ...rows), {
      onProgress: () => {
        throw new Error('the window went away');
      },
    });
    await expect(failing).rejects.toThrow('the window went away');
    expect(triggers(core.db)).toEqual(before);
    expect(core.db.prepare('SELECT count(*) AS n FROM leads').get()).toEqual({ n: 0 });
    await importCsv(core, csv(HEADER, '1,Mia,Okafor,Orbit Telecom,mia@orbit.example,+1 212 555 0100'));
    core.db.prepare("UPDATE leads SET company = 'Acme' WHERE first_name = 'Mia'").run();
    expect(await search(core.store)('acme')).toEqual(['Mia Okafor']);
    expectIndexMatchesLeads(core.db);
  });
});
