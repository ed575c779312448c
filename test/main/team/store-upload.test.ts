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

describeEachStore(
  'an upload written a batch of leads at a time',
  (fixture) => {
    async function team() {
      const store = await fixture.open();
      await seedStore(store, Date.parse('2026-11-01T00:00:00Z'));
      await createAccount(store, Date.parse('2026-11-01T00:00:00Z'), { name: 'jordan', role: 'rep', password: 'a long passphrase' });
      return store;
    }
    async function upload(team: Queryable & { transaction: unknown }, file: string) {
      const rep = openRepStore(file);
      try {
        return await uploadStore(team as Parameters<typeof uploadStore>[0], rep.db, { as: 'jordan', dryRun: false });
      } finally {
        rep.close();
      }
    }

    it('makes one team lead of two leads of the store that are one person (same email), as the importer would, with both their calls', async () => {
      const file = join(tempDir(), 'nextcall.sqlite');
      const db = openDatabase(file);
      const rep = sqliteStore(db);
      const [gus, again] = await seedLeads(rep, [
        { firstName: 'Gus', phones: ['+12125550201'] },
        { firstName: 'Gus', phones: ['+12125550202'] },
      ]);
      await rep.run("UPDATE leads SET email = 'gus@example.com' WHERE id IN (?, ?)", [gus!, again!]);
      await log(rep, '2026-11-23T15:00:00Z', gus!, 'no-answer', 'jo');
      await log(rep, '2026-11-24T15:00:00Z', again!, 'no-answer', 'jo');
      db.close();
      const store = await team();
      const report = await upload(store, file);
      expect(report.leads).toMatchObject({ created: 1, merged: 1 });
      const leads = await store.all<{ id: number; attempts: number }>("SELECT id, attempts FROM leads WHERE email = 'gus@example.com'");
      expect(leads).toHaveLength(1);
      expect(leads[0]!.attempts).toBe(2);
      expect(await store.all('SELECT e164 FROM phones WHERE lead_id = ? ORDER BY position', [leads[0]!.id])).toEqual([{ e164: '+12125550201' }, { e164: '+12125550202' }]);
    });

    it('reads a team lead as an earlier lead of the store left it: completed with a first name, it is no longer the lead of another name on its other number', async () => {
      const file = join(tempDir(), 'nextcall.sqlite');
      const db = openDatabase(file);
      await seedLeads(sqliteStore(db), [
        { firstName: 'Gus', phones: ['+12125550301'] },
        { firstName: 'Hal', phones: ['+12125550302'] },
      ]);
      db.close();
      const store = await team();
      // A switchboard's lead, no name yet: Gus's number and Hal's.
      await seedLeads(store, [{ firstName: '', phones: ['+12125550301', '+12125550302'] }]);
      const report = await upload(store, file);
      // Lead by lead, Gus names the team's lead, and Hal, on its other number, is then someone else.
      expect(report.leads).toMatchObject({ created: 1, merged: 1 });
      expect(await store.all('SELECT first_name FROM leads ORDER BY id')).toEqual([{ first_name: 'Gus' }, { first_name: 'Hal' }]);
    });

    it('puts every call of a store of several batches on its own lead, takes each lead out of the queue it qualified, and adds nothing the second time', async () => {
      const total = 1_201;
      const number = (i: number) => `+1646${String(5_000_000 + i)}`;
      const at = Date.parse('2026-11-23T15:00:00Z');
      const file = join(tempDir(), 'nextcall.sqlite');
      const db = openDatabase(file);
      db.exec('BEGIN');
      const lead = db.prepare("INSERT INTO leads (first_name, stage, time_zone, created_at, attempts, last_attempt_at, last_disposition) VALUES (?, ?, 'America/New_York', ?, 1, ?, ?) RETURNING id");
      const phone = db.prepare("INSERT INTO phones (lead_id, position, raw, e164, type) VALUES (?, 0, ?, ?, 'work')");
      const call = db.prepare("INSERT INTO calls (lead_id, phone_e164, disposition_code, disposition_label, notes, started_at, ended_at, stage_before, stage_after, rep) VALUES (?, ?, ?, ?, ?, ?, ?, 'MQL', ?, 'jo')");
      for (let i = 0; i < total; i++) {
        const qualified = i % 2 === 0;
        const { id } = lead.get(`Lead${i}`, qualified ? 'SQL' : 'MQL', at - 86_400_000, at + i, qualified ? 'Qualified' : 'No answer') as { id: number };
        phone.run(id, number(i), number(i));
        call.run(id, number(i), qualified ? 'qualified' : 'no-answer', qualified ? 'Qualified' : 'No answer', `Lead${i}`, at + i, at + i + 30_000, qualified ? 'SQL' : 'MQL');
      }
      db.exec('COMMIT');
      db.close();
      const store = await team();
      // Every third is already the team's, by its number.
      await store.transaction((tx) => seedLeads(tx, Array.from({ length: Math.ceil(total / 3) }, (_, k) => ({ firstName: `Lead${3 * k}`, stage: 'MQL' as const, phones: [number(3 * k)] }))));

      const first = await upload(store, file);
      expect(first.leads).toMatchObject({ read: total, created: total - Math.ceil(total / 3), merged: Math.ceil(total / 3) });
      expect(first.calls.added).toBe(total);
      // Each call is on the lead it was made to, through the number it dialed.
      expect(await store.one("SELECT count(*) AS n FROM calls c JOIN leads l ON l.id = c.lead_id WHERE c.notes <> l.first_name AND c.rep = 'jordan'")).toEqual({ n: 0 });
      expect(await store.one("SELECT count(*) AS n FROM calls c LEFT JOIN phones p ON p.id = c.phone_id WHERE c.rep = 'jordan' AND (p.lead_id IS NULL OR p.lead_id <> c.lead_id OR p.e164 <> c.phone_e164)")).toEqual({ n: 0 });
      expect(await store.one("SELECT count(*) AS n FROM leads WHERE stage = 'SQL' AND callable = 1")).toEqual({ n: 0 });
      expect(await store.one("SELECT count(*) AS n FROM leads WHERE stage = 'SQL'")).toEqual({ n: Math.ceil(total / 2) });

      const again = await upload(store, file);
      expect(again.leads).toMatchObject({ created: 0, merged: total });
      expect(again.calls).toMatchObject({ added: 0, alreadyInTeam: total });
      expect(await store.one('SELECT count(*) AS n FROM leads')).toEqual({ n: total });
    }, 120_000);
  },
  ['postgres'],
);
