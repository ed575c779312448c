import { describe, expect, it } from 'vitest';
import { csv, count, importCsv, testCore, type TestCore } from '../../helpers/test-core.ts';

const HEADER = 'Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number';

const numbersOf = (core: TestCore) =>
  core.db.prepare('SELECT l.crm_id, l.email, group_concat(p.e164, \' \') AS numbers FROM leads l JOIN phones p ON p.lead_id = l.id GROUP BY l.id ORDER BY l.id').all();

describe('matching rows to leads', () => {
  // The keys a row added to a lead it completed (an email, a number) count as much as the ones
  // the lead was created with.
  it('folds rows into a lead by the email and number an earlier row of the same file added to it', async () => {
    const core = testCore();
    const report = await importCsv(
      core,
      csv(
        HEADER,
        '1,Mia,Okafor,,+1 212 555 0100,',
        '1,Mia,Okafor,mia@orbit.example,,+1 212 555 0150',
        ',Mia,Okafor,MIA@orbit.example,+1 212 555 0177,',
        ',Mia,,,,(212) 555-0150',
        '2,Hugo,Lefèvre,hugo@helios.example,+1 617 555 0101,',
      ),
    );
    expect(report).toMatchObject({ rowsRead: 5, created: 2, merged: 3, rejected: [] });
    expect(numbersOf(core)).toEqual([
      { crm_id: '1', email: 'mia@orbit.example', numbers: '+12125550100 +12125550150 +12125550177' },
      { crm_id: '2', email: 'hugo@helios.example', numbers: '+16175550101' },
    ]);
  });

  it('matches rows against the leads a store already has, by CRM id, email or number', async () => {
    const core = testCore();
    await importCsv(core, csv(HEADER, '1,Mia,Okafor,mia@orbit.example,+1 212 555 0100,', '2,Hugo,Lefèvre,hugo@helios.example,+1 617 555 0101,'));
    const report = await importCsv(core, csv(HEADER, '1,Mia,,,+1 212 555 0111,', ',Hugo,,hugo@helios.example,+1 617 555 0122,', ',Mia,,,(212) 555-0100,+1 212 555 0133', '3,Ada,Lovelace,,+1 212 555 0199,'));
    expect(report).toMatchObject({ created: 1, updated: 2, merged: 1 });
    expect(count(core, 'leads')).toBe(3);
    expect(numbersOf(core)).toEqual([
      { crm_id: '1', email: 'mia@orbit.example', numbers: '+12125550100 +12125550111 +12125550133' },
      { crm_id: '2', email: 'hugo@helios.example', numbers: '+16175550101 +16175550122' },
      { crm_id: '3', email: null, numbers: '+12125550199' },
    ]);
  });
});
