import { join } from 'node:path';
import { expect, it } from 'vitest';
import { logDisposition } from '../../../main/calls/log-disposition.ts';
import { createAccount } from '../../../main/people/accounts.ts';
import { openDatabase } from '../../../main/store/database.ts';
import { sqliteStore } from '../../../main/store/seam/sqlite-store.ts';
import type { Queryable } from '../../../main/store/seam/store.ts';
import { seedStore } from '../../../main/store-seed.ts';
import { openRepStore } from '../../../main/team/rep-store-file.ts';
import { uploadStore } from '../../../main/team/store-upload.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { seedLeads } from '../../helpers/seed-leads.ts';
import { manualClock, tempDir } from '../../helpers/test-core.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

const log = (q: Queryable, iso: string, leadId: number, code: string, rep: string, more: object = {}) =>
  logDisposition(q, manualClock(iso), DEFAULT_DISPOSITIONS, { leadId, code, notes: '', ...more }, { rep });

/** A rep's store holding one lead (Fay, +1 212 555 0106, who asked for a call on 20 November), with the calls `calls` logs on it. */
async function repStoreWith(calls: (q: Queryable, fay: number) => Promise<unknown>): Promise<string> {
  const file = join(tempDir(), 'nextcall.sqlite');
  const db = openDatabase(file);
  const store = sqliteStore(db);
  const [fay] = await seedLeads(store, [{ firstName: 'Fay', phones: ['+12125550106'], stage: 'MQL', handRaisedAt: Date.parse('2026-11-20T12:00:00Z') }]);
  await calls(store, fay!);
  db.close();
  return file;
}

describeEachStore(
  "the lead's calling state after an upload",
  (fixture) => {
    async function upload(file: string, teamCalls: (q: Queryable, fay: number) => Promise<unknown>) {
      const team = await fixture.open();
      await seedStore(team, Date.parse('2026-11-01T00:00:00Z'));
      await createAccount(team, Date.parse('2026-11-01T00:00:00Z'), { name: 'jordan', role: 'rep', password: 'a long passphrase' });
      const [fay] = await seedLeads(team, [{ firstName: 'Fay', phones: ['+12125550106'], stage: 'MQL', handRaisedAt: Date.parse('2026-11-20T12:00:00Z') }]);
      await teamCalls(team, fay!);
      const rep = openRepStore(file);
      try {
        await uploadStore(team, rep.db, { as: 'jordan', dryRun: false });
      } finally {
        rep.close();
      }
      return team.one<{ stage: string; attempts: number; last_disposition: string; hand_raised_at: number | null }>(
        'SELECT stage, attempts, last_disposition, hand_raised_at FROM leads WHERE id = ?',
        [fay!],
      );
    }

    it("takes the rep's stage when the rep called last, and answers the request for a call the rep answered", async () => {
      const file = await repStoreWith((q, fay) => log(q, '2026-11-24T15:00:00Z', fay, 'qualified', 'jo'));
      const fay = await upload(file, (q, id) => log(q, '2026-11-23T15:00:00Z', id, 'no-answer', 'ben'));
      expect(fay).toMatchObject({ stage: 'SQL', attempts: 2, last_disposition: 'Qualified', hand_raised_at: null });
    });

    it("keeps the team's stage when the team called last: the rep's older calls are history only", async () => {
      const file = await repStoreWith((q, fay) => log(q, '2026-11-23T15:00:00Z', fay, 'qualified', 'jo'));
      const fay = await upload(file, (q, id) => log(q, '2026-11-24T15:00:00Z', id, 'no-answer', 'ben'));
      expect(fay).toMatchObject({ stage: 'MQL', attempts: 2, last_disposition: 'No answer' });
      // Ben's no-answer left Fay's request open; the rep's older contact does not close it.
      expect(Number(fay!.hand_raised_at)).toBe(Date.parse('2026-11-20T12:00:00Z'));
    });
  },
  ['postgres'],
);
