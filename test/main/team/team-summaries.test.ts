import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../../main/people/accounts.ts';
import { startSession } from '../../../main/sessions/sessions.ts';
import { migratePostgres } from '../../../main/store/postgres-migrations.ts';
import { openPostgresStore } from '../../../main/store/seam/postgres-store.ts';
import type { Queryable, Store } from '../../../main/store/seam/store.ts';
import type { CallingSummary, TeamSummary } from '../../../shared/summary.ts';
import { cookieOf, startTeamServer, teamRequest, type TeamServerProcess } from '../../helpers/team-server-process.ts';
import { seedStore } from '../../../main/store-seed.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

/**
 * The Reports screen's methods on the team server, from the team's PostgreSQL: a team lead reads
 * the team over some days, each rep beside the team's total; a rep reads their own figures and is
 * refused anyone else's (and everyone's).
 */
const PASSWORD = 'a long enough passphrase';
const MIN = 60_000;
const cluster = usePostgresCluster();
const running: TeamServerProcess[] = [];
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

const at = (iso: string) => Date.parse(iso);
const body = <Value>(answer: { body: string }) => JSON.parse(answer.body) as { ok: boolean; value: Value; error: { code: string; message: string } };

/**
 * Monday 23 November 2026 (UTC): Mia asks for a call at 09:00; jordan dials her at 09:02 (no
 * answer), ben reaches her at 09:10 and qualifies her. Noah (a cold lead) gets a voicemail from
 * jordan at 10:00 and a wrong person from ben at 11:00. A call of jordan's on the Wednesday lies
 * outside the range asked for.
 */
async function twoRepsDay(q: Queryable) {
  await seedStore(q, 0);
  const lead = async (first: string, created: string) =>
    (await q.one<{ id: number }>("INSERT INTO leads (first_name, stage, created_at) VALUES (?, 'MQL', ?) RETURNING id", [first, at(created)]))!.id;
  const mia = await lead('Mia', '2026-11-01T00:00:00Z');
  const noah = await lead('Noah', '2026-11-01T00:00:00Z');
  await q.run("INSERT INTO activities (lead_id, type, title, occurred_at) VALUES (?, 'call-request', 'Contact sales', ?)", [mia, at('2026-11-23T09:00:00Z')]);
  const jordanSession = (await startSession(q, 'console-jordan', 'jordan', null, at('2026-11-23T08:55:00Z'))).id;
  const benSession = (await startSession(q, 'console-ben', 'ben', null, at('2026-11-23T08:55:00Z'))).id;
  const call = (leadId: number, code: string, when: string, rep: string, sessionId: number, stageAfter = 'MQL') =>
    q.run(
      `INSERT INTO calls (lead_id, disposition_code, disposition_label, started_at, ended_at, stage_before, stage_after, counts_as_attempt, rep, session_id)
       VALUES (?, ?, ?, ?, ?, 'MQL', ?, 1, ?, ?)`,
      [leadId, code, code, at(when), at(when) + MIN, stageAfter, rep, sessionId],
    );
  await call(mia, 'no-answer', '2026-11-23T09:02:00Z', 'jordan', jordanSession);
  await call(mia, 'qualified', '2026-11-23T09:10:00Z', 'ben', benSession, 'SQL');
  await call(noah, 'voicemail', '2026-11-23T10:00:00Z', 'jordan', jordanSession);
  await call(noah, 'wrong-person', '2026-11-23T11:00:00Z', 'ben', benSession);
  await call(noah, 'no-answer', '2026-11-25T10:00:00Z', 'jordan', jordanSession);
  return { benSession, jordanSession };
}

describe('summaries on the team server', () => {
  it('gives a team lead the team over a date range from PostgreSQL, and a rep only their own figures', async () => {
    const url = await cluster().createDatabase();
    const store = await openPostgresStore({ connectionString: url, max: 2 });
    stores.push(store);
    await migratePostgres(store);
    for (const [name, role] of [['sam', 'team-lead'], ['jordan', 'rep'], ['ben', 'rep']] as const) await createAccount(store, Date.now(), { name, role, password: PASSWORD });
    const { benSession, jordanSession } = await twoRepsDay(store);
    const server = await startTeamServer(['--database', url, '--listen', '127.0.0.1:0', '--clock', '2026-11-26T12:00:00Z']);
    running.push(server);
    const signIn = async (name: string) => cookieOf(await teamRequest(server.origin, '/api/people.signIn', { input: { name, password: PASSWORD } }));
    const [lead, jordan] = [await signIn('sam'), await signIn('jordan')];
    const ask = (method: string, input: unknown, cookie: string) => teamRequest(server.origin, `/api/${method}`, { input, cookie });
    const days = { from: '2026-11-23T00:00:00Z', to: '2026-11-25T00:00:00Z', timeZone: 'UTC' };

    const team = await ask('sessions.team', days, lead);
    expect(team.status).toBe(200);
    const { value } = body<TeamSummary>(team);
    expect(value.reps.map((r) => [r.rep, r.summary.dials, r.summary.contacts, r.summary.qualified])).toEqual([
      ['ben', 2, 2, 1],
      ['jordan', 2, 0, 0],
    ]);
    expect(value.total).toMatchObject({ calls: 4, dials: 4, contacts: 2, qualified: 1, contactRate: 0.5 });
    // Mia's request: jordan's dial 2 minutes after it, ben's contact 10 minutes after it; the team's median is counted, not merged.
    expect(value.total.speedToLead).toEqual({ requests: 1, toDial: { count: 1, medianMs: 2 * MIN, p90Ms: 2 * MIN }, toContact: { count: 1, medianMs: 10 * MIN, p90Ms: 10 * MIN } });
    expect(value.reps.find((r) => r.rep === 'jordan')!.summary.speedToLead.toDial).toEqual({ count: 1, medianMs: 2 * MIN, p90Ms: 2 * MIN });
    const csv = body<{ fileName: string; content: string }>(await ask('sessions.teamExport', { ...days, format: 'csv' }, lead)).value;
    expect(csv.content.split('\r\n').slice(1, 4)).toEqual(['ben,2,2,2,1,1,1,0,0,0,0', 'jordan,2,2,0,0,0,0,0,0,0,0', 'Team,4,4,2,0.5,1,1,0,0,0,0']);
    // Everyone's calls over the range, and one rep's, as the Reports screen's "Days and reps" asks.
    expect(body<CallingSummary>(await ask('sessions.summary', days, lead)).value).toMatchObject({ calls: 4, scope: { rep: null } });
    expect(body<CallingSummary>(await ask('sessions.summary', { ...days, rep: 'ben' }, lead)).value).toMatchObject({ calls: 2, qualified: 1 });
    expect(body<string[]>(await ask('sessions.reps', {}, lead)).value).toEqual(['ben', 'jordan']);

    // jordan reads jordan's figures, by range or by session, and only those.
    expect(body<CallingSummary>(await ask('sessions.summary', { ...days, rep: 'jordan' }, jordan)).value).toMatchObject({ calls: 2, dials: 2, scope: { rep: 'jordan' } });
    expect(body<CallingSummary>(await ask('sessions.summary', { sessionId: jordanSession }, jordan)).value).toMatchObject({ calls: 3 });
    expect(body<string[]>(await ask('sessions.reps', {}, jordan)).value).toEqual(['jordan']);
    for (const [method, input] of [
      ['sessions.summary', { ...days, rep: 'ben' }],
      ['sessions.summary', days],
      ['sessions.summary', { sessionId: benSession }],
      ['sessions.export', { ...days, rep: 'ben', format: 'csv' }],
    ] as const) {
      const refused = await ask(method, input, jordan);
      expect(refused.status, `${method} ${JSON.stringify(input)}`).toBe(403);
      expect(body(refused).error.message).toMatch(/^A rep reads their own figures only, and (you asked for ben’s calls|you asked for everyone’s calls|session #\d+ is not yours): choose your own name \(jordan\)/);
    }
    const teamRefused = await ask('sessions.team', days, jordan);
    expect([teamRefused.status, body(teamRefused).error.message]).toEqual([403, 'Only a team lead or above may do this (sessions.team); you are signed in as a rep.']);
  }, 180_000);
});
