import { afterEach, describe, expect, it } from 'vitest';
import type { FloorView } from '../../../shared/floor.ts';
import type { QueueSnapshot } from '../../../shared/leads.ts';
import { seedLeads } from '../../helpers/seed-leads.ts';
import { startTeam, stopTeam, TEAM_PASSWORD } from '../../helpers/team-fixture.ts';
import { cookieOf, eventStream, teamRequest, within, type TeamServerProcess } from '../../helpers/team-server-process.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

/**
 * The live floor on the team server: a team lead's floor on one server process learns of what a
 * rep does on another (a dial, a call logged, a session started and paused) through the
 * processes' LISTEN/NOTIFY relay, within a second, and reads it from the team's PostgreSQL with
 * the team's accounts as its roster. A rep is refused the floor.
 */
// A Monday, 10:00 in New York: the lead's number (212) is inside its calling hours.
const CLOCK = '2026-11-23T15:00:00Z';
const NUMBER = '+12125550100';
const cluster = usePostgresCluster();
const running: TeamServerProcess[] = [];
afterEach(() => stopTeam(running.splice(0)));

const body = <Value>(answer: { body: string }) => JSON.parse(answer.body) as { ok: boolean; value: Value; error: { code: string; message: string } };

describe('the live floor on the team server', () => {
  it("shows a team lead on process 1 a rep's dial, call and session on process 2 within a second, and refuses a rep the floor", async () => {
    const servers = await startTeam(await cluster().createDatabase(), {
      people: [
        ['sam', 'team-lead'],
        ['jordan', 'rep'],
        ['casey', 'rep'],
      ],
      processes: 2,
      clock: CLOCK,
      seed: async (store) => void (await seedLeads(store, [{ firstName: 'Mia', lastName: 'Chen', stage: 'MQL', phones: [NUMBER] }])),
    });
    running.push(...servers);
    const [one, two] = servers as [TeamServerProcess, TeamServerProcess];
    const signIn = async (server: TeamServerProcess, name: string) => cookieOf(await teamRequest(server.origin, '/api/people.signIn', { input: { name, password: TEAM_PASSWORD } }));
    const ask = (server: TeamServerProcess, method: string, input: unknown, cookie: string) => teamRequest(server.origin, `/api/${method}`, { input, cookie });
    const [sam, jordan] = [await signIn(one, 'sam'), await signIn(two, 'jordan')];
    const floor = async () => {
      const answer = await ask(one, 'floor.view', { timeZone: 'America/New_York' }, sam);
      expect(answer.status, answer.body).toBe(200);
      return body<FloorView>(answer).value;
    };
    const row = async (rep: string) => (await floor()).reps.find((r) => r.rep === rep);
    /** What `act` does on process 2 reaches process 1's event stream as `event`: the milliseconds it took. */
    const heardOnOne = async (event: string, act: () => Promise<unknown>) => {
      const stream = eventStream(one.origin, sam, event);
      try {
        await within(5_000, 'the event stream connected', stream.connected);
        const start = performance.now();
        await act();
        await within(1_000, `${event} on process 1`, stream.received);
        return performance.now() - start;
      } finally {
        stream.close();
      }
    };

    // A rep is refused, with a sentence, on either process (a session cookie is good on both).
    for (const server of [one, two]) {
      const refused = await ask(server, 'floor.view', { timeZone: 'UTC' }, jordan);
      expect([refused.status, body(refused).error.message]).toEqual([403, 'Only a team lead or above may do this (floor.view); you are signed in as a rep.']);
    }

    // The roster is the team's accounts: casey has not signed in yet.
    expect((await floor()).reps.map((r) => [r.rep, r.signedIn, r.state])).toEqual([
      ['casey', false, 'signed-out'],
      ['jordan', true, 'idle'],
      ['sam', true, 'idle'],
    ]);
    const casey = { cookie: '' };
    const signInHeard = await heardOnOne('floor.changed', async () => (casey.cookie = await signIn(two, 'casey')));
    expect(await row('casey')).toMatchObject({ signedIn: true, state: 'idle' });
    await heardOnOne('floor.changed', () => ask(two, 'people.signOut', {}, casey.cookie));
    expect(await row('casey')).toMatchObject({ signedIn: false, state: 'signed-out' });

    // jordan dials on process 2 without a calling session: the call is jordan's, by the signed-in account.
    const consoleId = 'console-jordan';
    const next = body<QueueSnapshot>(await ask(two, 'queue.next', { consoleId }, jordan)).value.next!;
    expect([next.card.lead.firstName, next.number]).toEqual(['Mia', NUMBER]);
    const lead = next.card.lead;
    let dialId = 0;
    const dialHeard = await heardOnOne('floor.changed', async () => {
      const dialled = await ask(two, 'calls.dial', { consoleId, leadId: lead.id, number: NUMBER }, jordan);
      expect(dialled.status, dialled.body).toBe(200);
      dialId = body<{ dialId: number }>(dialled).value.dialId;
    });
    expect(await row('jordan')).toMatchObject({ state: 'on-call', today: { dials: 0 } });

    const callHeard = await heardOnOne('store.changed', () => ask(two, 'calls.disposition', { consoleId, leadId: lead.id, code: 'no-answer', dialId, number: NUMBER }, jordan));
    expect(await row('jordan')).toMatchObject({ state: 'idle', today: { dials: 1, contacts: 0 } });
    expect((await floor()).team.today.dials).toBe(1);

    const startHeard = await heardOnOne('floor.changed', () => ask(two, 'sessions.start', { consoleId }, jordan));
    expect(await row('jordan')).toMatchObject({ state: 'in-session' });
    const pauseHeard = await heardOnOne('floor.changed', () => ask(two, 'sessions.pause', { consoleId }, jordan));
    expect(await row('jordan')).toMatchObject({ state: 'paused' });
    console.log(`heard on process 1 after: sign-in ${signInHeard.toFixed(0)} ms (hashing included), dial ${dialHeard.toFixed(0)} ms, call ${callHeard.toFixed(0)} ms, session ${startHeard.toFixed(0)} ms, pause ${pauseHeard.toFixed(0)} ms`);

    // jordan signs out: the floor says so at its next read (the paused session stays open).
    expect((await ask(two, 'people.signOut', {}, jordan)).status).toBe(200);
    expect(await row('jordan')).toMatchObject({ signedIn: false });
  }, 180_000);
});
