import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readImportFile } from '../../../main/leads/import-rows.ts';
import { leadWriter } from '../../../main/leads/lead-writer.ts';
import { csv, testCore } from '../../helpers/test-core.ts';

const HEADER = 'Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number,First Conversion';
/** Few values per key, so rows collide: by CRM id, by email, by one number shared by many (past the lookup's 20). */
const ROW = fc.record({
  crmId: fc.constantFrom('', '', '', '1', '2', '3'),
  first: fc.constantFrom('', 'Mia', 'Hugo', 'Ada', 'Lin', 'Noor', 'Sam', 'Kai', 'Zoe', 'Eli', 'Ivy', 'Max', 'Uma', 'Tom', 'Ana', 'Leo', 'Mae', 'Rex', 'Fay', 'Gus', 'Ida', 'Jo', 'Ned'),
  email: fc.constantFrom('', '', 'mia@orbit.example', 'MIA@orbit.example', 'info@orbit.example', 'not-an-address'),
  phone: fc.constantFrom('', '+1 212 555 0100', '(212) 555-0100', '+1 212 555 0101', '617 555 0102', '12345'),
  mobile: fc.constantFrom('', '', '+1 212 555 0100', '+1 646 555 0150', '+1 646 555 0151'),
  conversion: fc.constantFrom('', 'Webinar', 'Request a demo'),
});

/** Every lead, number and activity as written, and each row's outcome. */
function written(rowsCsv: string, storeWasEmpty: boolean) {
  const core = testCore();
  const file = readImportFile(new TextEncoder().encode(rowsCsv), { fileName: 'keys.csv', defaultCountry: 'US', now: core.clock.now() });
  core.db.exec('BEGIN');
  const writer = leadWriter(core.db, 1, undefined, storeWasEmpty);
  core.db.prepare("INSERT INTO import_batches (id, file_name, imported_at) VALUES (1, 'keys.csv', 0)").run();
  const outcomes = [...file.batches].flatMap(({ rows }) => rows.map(({ lead }) => (typeof lead === 'string' ? lead : writer.write(lead))));
  writer.finish();
  core.db.exec('COMMIT');
  const all = (sql: string) => core.db.prepare(sql).all();
  return {
    outcomes,
    leads: all('SELECT * FROM leads ORDER BY id'),
    phones: all('SELECT * FROM phones ORDER BY id'),
    activities: all('SELECT * FROM activities ORDER BY id'),
    changes: all('SELECT * FROM import_changes ORDER BY lead_id'),
  };
}

describe('matching rows in memory, into an empty store', () => {
  it('writes the same leads, numbers and activities as matching them by the store’s lookups', () => {
    fc.assert(
      fc.property(fc.array(ROW, { minLength: 1, maxLength: 60 }), (rows) => {
        const file = csv(HEADER, ...rows.map((r) => [r.crmId, r.first, 'Doe', r.email, r.phone, r.mobile, r.conversion].join(',')));
        expect(written(file, true)).toEqual(written(file, false));
      }),
      { numRuns: 60 },
    );
  });

  it('weighs a number shared by more than 20 leads as the lookup does: only its first 20', () => {
    const names = ['Mia', 'Hugo', 'Ada', 'Lin', 'Noor', 'Sam', 'Kai', 'Zoe', 'Eli', 'Ivy', 'Max', 'Uma', 'Tom', 'Ana', 'Leo', 'Mae', 'Rex', 'Fay', 'Gus', 'Ida', 'Jo'];
    // 21 people on one switchboard; then the 20th completes her lead, and the 21st, past the lookup's 20, makes a new one.
    const file = csv(HEADER, ...names.map((name) => `,${name},Doe,,+1 212 555 0100,,`), ',Ida,Doe,,+1 212 555 0100,,', ',Jo,Doe,,+1 212 555 0100,,');
    const inMemory = written(file, true);
    expect(inMemory.outcomes.slice(-2)).toEqual(['merged', 'created']);
    expect(inMemory).toEqual(written(file, false));
  });
});
