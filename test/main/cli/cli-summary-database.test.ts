import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSession } from '../../../main/sessions/sessions.ts';
import { migratePostgres } from '../../../main/store/postgres-migrations.ts';
import { openPostgresStore } from '../../../main/store/seam/postgres-store.ts';
import type { Store } from '../../../main/store/seam/store.ts';
import type { CallingSummary, TeamSummary } from '../../../shared/summary.ts';
import { tempDir } from '../../helpers/test-core.ts';
import { seedStore } from '../../../main/store-seed.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';
import { cli } from '../../helpers/cli-process.ts';

/** `npm run cli -- summary --database postgres://…`, as a process, against a throw-away cluster: the team's figures straight from PostgreSQL. */
const MIN = 60_000;
const cluster = usePostgresCluster();
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});


/** Two reps' Monday (23 November 2026, UTC) on the team's database: Mia asks for a call at 09:00, jordan dials her at 09:03, ben qualifies her at 09:20. */
async function teamDatabase() {
  const url = await cluster().createDatabase();
  const store = await openPostgresStore({ connectionString: url, max: 2 });
  stores.push(store);
  await migratePostgres(store);
  await seedStore(store, 0);
  const mia = (await store.one<{ id: number }>("INSERT INTO leads (first_name, stage, created_at) VALUES ('Mia', 'MQL', ?) RETURNING id", [Date.parse('2026-11-01T00:00:00Z')]))!.id;
  await store.run("INSERT INTO activities (lead_id, type, title, occurred_at) VALUES (?, 'call-request', 'Contact sales', ?)", [mia, Date.parse('2026-11-23T09:00:00Z')]);
  for (const [rep, code, hhmm, stageAfter] of [['jordan', 'no-answer', '09:03', 'MQL'], ['ben', 'qualified', '09:20', 'SQL']] as const) {
    const session = await startSession(store, `console-${rep}`, rep, null, Date.parse('2026-11-23T08:00:00Z'));
    const when = Date.parse(`2026-11-23T${hhmm}:00Z`);
    await store.run(
      `INSERT INTO calls (lead_id, disposition_code, disposition_label, started_at, ended_at, stage_before, stage_after, counts_as_attempt, rep, session_id)
       VALUES (?, ?, ?, ?, ?, 'MQL', ?, 1, ?, ?)`,
      [mia, code, code, when, when + MIN, stageAfter, rep, session.id],
    );
  }
  return url;
}

describe('npm run cli -- summary --database', () => {
  it("prints the team's, a rep's and each rep's figures over a range straight from PostgreSQL, and touches no store of this computer", async () => {
    const url = await teamDatabase();
    const dataDir = tempDir();
    const range = ['--from', '2026-11-23', '--to', '2026-11-23', '--tz', 'UTC', '--database', url, '--data-dir', dataDir, '--clock', '2026-11-24T12:00:00Z'];

    const everyone = await cli('summary', ...range);
    expect(everyone.stderr).toBe('');
    expect(everyone.code).toBe(0);
    expect(JSON.parse(everyone.stdout) as CallingSummary).toMatchObject({
      schemaVersion: 2,
      scope: { rep: null, from: '2026-11-23T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' },
      dials: 2,
      contacts: 1,
      qualified: 1,
      speedToLead: { requests: 1, toDial: { count: 1, medianMs: 3 * MIN, p90Ms: 3 * MIN }, toContact: { count: 1, medianMs: 20 * MIN, p90Ms: 20 * MIN } },
    });

    const ben = JSON.parse((await cli('summary', ...range, '--rep', 'ben')).stdout) as CallingSummary;
    expect([ben.scope.rep, ben.dials, ben.qualified, ben.speedToLead.toContact.medianMs]).toEqual(['ben', 1, 1, 20 * MIN]);

    const team = await cli('summary', ...range, '--team', '--format', 'csv');
    expect(team.code).toBe(0);
    // CSV for Excel: a byte-order mark first.
    expect(team.stdout.replace(/^\uFEFF/, '').split('\r\n').slice(0, 4)).toEqual([
      'Rep,Calls,Dials,Contacts,Contact rate,Conversations,Qualified (SQL),Callbacks set,Callbacks kept,Callbacks missed,Do-not-call added',
      'ben,1,1,1,1,1,1,0,0,0,0',
      'jordan,1,1,0,0,0,0,0,0,0,0',
      'Team,2,2,1,0.5,1,1,0,0,0,0',
    ]);
    const out = join(tempDir(), 'team.json');
    expect((await cli('summary', ...range, '--team', '--out', out)).code).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as TeamSummary).total.speedToLead.toDial.medianMs).toBe(3 * MIN);

    // Nothing of this computer's own store was opened or made.
    expect(() => readFileSync(join(dataDir, 'leads.db'))).toThrow();
  }, 120_000);

  it('says in a sentence what is wrong: not a PostgreSQL address, --team without a range, a database that is not there', async () => {
    const dataDir = tempDir();
    const notPostgres = await cli('summary', '--from', '2026-11-23', '--to', '2026-11-23', '--database', 'mysql://x/y', '--data-dir', dataDir);
    expect(notPostgres).toMatchObject({ code: 1, stdout: '' });
    expect(notPostgres.stderr.trim()).toBe('--database expects a PostgreSQL URL (postgres://user@host/database), not "mysql://x/y".');
    const teamSession = await cli('summary', '--session', '3', '--team', '--data-dir', dataDir);
    expect(teamSession).toMatchObject({ code: 1 });
    expect(teamSession.stderr.trim()).toBe('--team covers every rep over a range: give --from and --to, without --session or --rep.');
    const url = (await cluster().createDatabase()).replace(/\/[^/]+$/, '/no_such_database');
    const missing = await cli('summary', '--from', '2026-11-23', '--to', '2026-11-23', '--database', url, '--data-dir', dataDir);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('no_such_database');
  }, 120_000);
});
