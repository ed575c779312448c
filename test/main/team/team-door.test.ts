import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import type { Core } from '../../../main/core.ts';
import { createAccount } from '../../../main/people/accounts.ts';
import { METHOD_ROLES } from '../../../shared/method-roles.ts';
import { openTeamCore } from '../../../main/team/team-core.ts';
import { teamDoor, type TeamAnswer, type TeamCall } from '../../../main/team/team-door.ts';
import { TEAM_METHODS } from '../../../shared/team-methods.ts';
import { api, methodNames } from '../../../shared/api.ts';
import { fuzzRuns, withinBudget } from '../../helpers/fuzz-checks.ts';
import { inputArbitrary } from '../../helpers/schema-arbitraries.ts';
import { databaseDigest } from '../../helpers/team-database.ts';
import { manualClock } from '../../helpers/test-core.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

const PASSWORD = 'a long enough passphrase';
const BUDGET = { runs: 15, milliseconds: 200 };
const cluster = usePostgresCluster();
const opened: Core[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((core) => core.store.close()));
});

async function teamServer() {
  const core = await openTeamCore({ database: await cluster().createDatabase(), clock: manualClock('2026-11-23T15:00:00Z'), log: () => {} });
  opened.push(core);
  const logged: unknown[] = [];
  const dispatch = createDispatcher(createHandlers(core), (error) => logged.push(error), { oneAtATime: false });
  const door = teamDoor(core.store, core.clock, dispatch, (error) => logged.push(error));
  const call = (method: unknown, input: unknown, token: string | null = null): Promise<TeamAnswer> => door({ method, input, token, address: '192.0.2.7' } satisfies TeamCall);
  const signedIn = async (name: string, role: 'rep' | 'team-lead' | 'admin') => {
    await createAccount(core.store, core.clock.now(), { name, role, password: PASSWORD });
    const answer = await call('people.signIn', { name, password: PASSWORD });
    if (answer.session === undefined || answer.session === 'end') throw new Error(`${name} was not signed in: ${JSON.stringify(answer.envelope)}`);
    return answer.session.token;
  };
  return { core, call, signedIn, logged };
}

const notAnyone = methodNames.filter((method) => METHOD_ROLES[method] !== 'anyone');

describe('the team server’s door', () => {
  it('answers every method called without signing in with "sign in first", whatever the input, and writes nothing', async () => {
    const { core, call, logged } = await teamServer();
    const before = await databaseDigest(core.store);
    for (const method of notAnyone) {
      await fc.assert(
        fc.asyncProperty(
          inputArbitrary(api[method].input),
          withinBudget(BUDGET, async (input) => {
            const { envelope, session } = await call(method, input, fc.sample(fc.constantFrom(null, 'A'.repeat(43), 'not-a-session-token-at-all'), 1)[0]!);
            expect(envelope, method).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/^Sign in first/) } });
            expect(session).toBeUndefined();
          }),
        ),
        fuzzRuns(BUDGET),
      );
    }
    expect(await databaseDigest(core.store)).toEqual(before);
    expect(logged).toEqual([]);
  });

  it('refuses a rep every method a team lead or an admin keeps, before any handler runs, and writes nothing', async () => {
    const { core, call, signedIn } = await teamServer();
    const token = await signedIn('jordan', 'rep');
    const before = await databaseDigest(core.store);
    const kept = methodNames.filter((method) => METHOD_ROLES[method] === 'team-lead' || METHOD_ROLES[method] === 'admin');
    expect(kept.length).toBeGreaterThan(20);
    for (const method of kept) {
      // Even a well-formed call: the role is checked before the input is.
      const { envelope } = await call(method, {}, token);
      expect(envelope, method).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('you are signed in as a rep') } });
    }
    expect(await databaseDigest(core.store)).toEqual(before);
  });

  it('says a method not yet on the team server is not available there yet, and serves the ones that are', async () => {
    const { call, signedIn, logged } = await teamServer();
    const token = await signedIn('sam', 'admin');
    const notYet = methodNames.filter((method) => !TEAM_METHODS.has(method));
    for (const method of notYet) {
      const { envelope } = await call(method, {}, token);
      expect(envelope, method).toMatchObject({ ok: false, error: { code: 'unknown-method', message: `${method} is not available on the team server yet: this part of Nextcall still runs only on a rep's own store.` } });
    }
    expect(await call('people.me', {}, token)).toMatchObject({ envelope: { ok: true, value: { signInRequired: true, person: { name: 'sam', role: 'admin' } } } });
    expect(logged).toEqual([]);
  });

  it('records a calling session against the signed-in rep, not a name typed anywhere', async () => {
    const { core, call, signedIn } = await teamServer();
    const token = await signedIn('jordan', 'rep');
    const started = await call('sessions.start', { consoleId: 'console-one', listName: 'Webinar' }, token);
    expect(started.envelope).toMatchObject({ ok: true, value: { rep: 'jordan', listName: 'Webinar' } });
    expect(await core.store.all('SELECT rep FROM sessions')).toEqual([{ rep: 'jordan' }]);
  });

  it('signs in with a cookie to set, signs out with a cookie to clear, and a wrong password is a sentence that sets nothing', async () => {
    const { core, call, signedIn } = await teamServer();
    const token = await signedIn('jordan', 'rep');
    const wrong = await call('people.signIn', { name: 'jordan', password: 'not the password' });
    expect(wrong).toEqual({ envelope: { ok: false, error: { code: 'unauthorized', message: 'That name and password do not match an account.' } } });
    const out = await call('people.signOut', {}, token);
    expect(out).toEqual({ envelope: { ok: true, value: { signedOut: true } }, session: 'end' });
    expect(await call('sessions.current', { consoleId: 'console-one' }, token)).toMatchObject({ envelope: { ok: false, error: { code: 'unauthorized' } } });
    expect(await core.store.all('SELECT * FROM sign_in_sessions')).toEqual([]);
  });
});

