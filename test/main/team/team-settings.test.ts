import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import type { Core } from '../../../main/core.ts';
import { createAccount } from '../../../main/people/accounts.ts';
import { openTeamCore } from '../../../main/team/team-core.ts';
import { teamDoor, type TeamAnswer } from '../../../main/team/team-door.ts';
import type { Preferences } from '../../../shared/api.ts';
import { DEFAULT_QUEUE_RULES } from '../../../shared/queue-rules.ts';
import { seedLeads } from '../../helpers/seed-leads.ts';
import { databaseDigest } from '../../helpers/team-database.ts';
import { manualClock } from '../../helpers/test-core.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

const PASSWORD = 'a long enough passphrase';
const cluster = usePostgresCluster();
const opened: Core[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((core) => core.store.close()));
});

type Envelope = TeamAnswer['envelope'];

/** Two server processes' cores on one team database, each behind its door; a team lead and a rep signed in on both. */
async function twoProcesses() {
  const database = await cluster().createDatabase();
  const clock = manualClock('2026-11-23T15:00:00Z');
  const doors: ReturnType<typeof teamDoor>[] = [];
  for (let i = 0; i < 2; i++) {
    const core = await openTeamCore({ database, clock, log: () => {} });
    opened.push(core);
    doors.push(teamDoor(core.store, core.clock, createDispatcher(createHandlers(core), () => {}, { oneAtATime: false }), () => {}));
  }
  const store = opened.at(-1)!.store;
  const tokens: Record<string, string> = {};
  for (const [name, role] of [['sam', 'team-lead'], ['avery', 'rep']] as const) {
    await createAccount(store, clock.now(), { name, role, password: PASSWORD });
    const answer = await doors[0]!({ method: 'people.signIn', input: { name, password: PASSWORD }, token: null, address: '192.0.2.7' });
    if (answer.session === undefined || answer.session === 'end') throw new Error(`${name} was not signed in`);
    tokens[name] = answer.session.token;
  }
  const call = (process: 0 | 1, who: string, method: string, input: unknown = undefined): Promise<Envelope> =>
    doors[process]!({ method, input, token: tokens[who]!, address: '192.0.2.7' }).then((a) => a.envelope);
  const prefsOn = async (process: 0 | 1) => ((await call(process, 'avery', 'prefs.get')) as { ok: true; value: Preferences }).value;
  return { store, clock, call, prefsOn, database };
}

/** Polls until the check holds or a second has passed (the announcement crosses processes). */
async function withinASecond<T>(read: () => Promise<T>, holds: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 1_000;
  for (;;) {
    const value = await read();
    if (holds(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the settings a team shares, on the team server', () => {
  it('a team lead’s change on one process holds on the other within a second, and after a restart', async () => {
    const t = await twoProcesses();
    expect((await t.prefsOn(1)).defaultCountry).toBe('US');
    const rules = { ...DEFAULT_QUEUE_RULES, lifetimeAttemptCap: 4 };
    expect(await t.call(0, 'sam', 'prefs.set', { defaultCountry: 'FR', dialScheme: 'callto', queueRules: rules })).toMatchObject({ ok: true, value: { defaultCountry: 'FR' } });
    const seen = await withinASecond(() => t.prefsOn(1), (p) => p.defaultCountry === 'FR');
    expect(seen).toMatchObject({ defaultCountry: 'FR', dialScheme: 'callto', queueRules: { lifetimeAttemptCap: 4 } });
    expect(await t.store.one('SELECT changed_by FROM team_settings WHERE key = ?', ['defaultCountry'])).toEqual({ changed_by: 'sam' });

    const restarted = await openTeamCore({ database: t.database, clock: t.clock, log: () => {} });
    opened.push(restarted);
    expect(restarted.prefs.read()).toMatchObject({ defaultCountry: 'FR', dialScheme: 'callto', queueRules: { lifetimeAttemptCap: 4 } });
  });

  it('a change announced while the other process’s listening connection was lost is read when it is back', async () => {
    const t = await twoProcesses();
    const listening = () => t.store.all("SELECT pid FROM pg_stat_activity WHERE application_name = 'nextcall-listen'");
    expect(await listening()).toHaveLength(2);
    await t.store.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'nextcall-listen'");
    // Both processes' listeners are gone (they come back a second later): the announcement goes unheard.
    for (let tries = 0; (await listening()).length > 0 && tries < 50; tries++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await t.call(0, 'sam', 'prefs.set', { defaultCountry: 'FR' })).toMatchObject({ ok: true });
    const deadline = Date.now() + 15_000;
    while ((await t.prefsOn(1)).defaultCountry !== 'FR' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await t.prefsOn(1)).defaultCountry).toBe('FR');
    expect(await listening()).toHaveLength(2);
  }, 30_000);

  it('a lowered attempt cap takes the leads at the cap out of every process’s queue', async () => {
    const t = await twoProcesses();
    const [lead] = await seedLeads(t.store, [{ stage: 'IQL' }]);
    await t.store.run('UPDATE leads SET attempts = 2 WHERE id = ?', [lead!]);
    const nextOn1 = async () => ((await t.call(1, 'avery', 'queue.next', { consoleId: 'console-avery' })) as { ok: true; value: { next: { card: { lead: { id: number } } } | null } }).value.next;
    expect((await nextOn1())?.card.lead.id).toBe(lead);
    await t.call(1, 'avery', 'queue.release', { consoleId: 'console-avery' });
    expect(await t.call(0, 'sam', 'prefs.set', { queueRules: { ...DEFAULT_QUEUE_RULES, lifetimeAttemptCap: 2 } })).toMatchObject({ ok: true });
    expect(await nextOn1()).toBeNull();
  });

  it('refuses a rep, a rep’s name and a bad value with a sentence, and changes nothing', async () => {
    const t = await twoProcesses();
    const before = await databaseDigest(t.store);
    expect(await t.call(0, 'avery', 'prefs.set', { defaultCountry: 'FR' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await t.call(0, 'sam', 'prefs.set', { defaultCountry: 'FR', repName: 'Samantha' })).toMatchObject({
      ok: false,
      error: { message: 'On a team your name is your account’s name, not a setting: a team lead or admin renames an account.' },
    });
    expect(await t.call(0, 'sam', 'prefs.set', { defaultCountry: 'France' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await databaseDigest(t.store)).toEqual(before);
    expect((await t.prefsOn(0)).defaultCountry).toBe('US');
    // The refused change left nothing behind to be written by the next one.
    expect(await t.call(0, 'sam', 'prefs.set', { dialScheme: 'callto' })).toMatchObject({ ok: true, value: { defaultCountry: 'US', dialScheme: 'callto' } });
  });
});
