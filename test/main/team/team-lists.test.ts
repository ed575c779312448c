import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import type { Core } from '../../../main/core.ts';
import { saveCallList } from '../../../main/leads/call-lists.ts';
import { createAccount } from '../../../main/people/accounts.ts';
import { openTeamCore } from '../../../main/team/team-core.ts';
import { teamDoor, type TeamAnswer } from '../../../main/team/team-door.ts';
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

/** A team server's handlers behind its door, on a throw-away database: a team lead, two reps, a "Hot" list of two MQLs and one IQL on no list. */
async function team() {
  const database = await cluster().createDatabase();
  const processes: ReturnType<typeof teamDoor>[] = [];
  /** Another team server process on the same database: its own core and door. */
  const anotherProcess = async () => {
    const core = await openTeamCore({ database, clock: manualClock('2026-11-23T15:00:00Z'), log: () => {} });
    opened.push(core);
    processes.push(teamDoor(core.store, core.clock, createDispatcher(createHandlers(core), () => {}, { oneAtATime: false }), () => {}));
    return core;
  };
  const core = await anotherProcess();
  const door = processes[0]!;
  const tokens: Record<string, string> = {};
  for (const [name, role] of [['sam', 'team-lead'], ['avery', 'rep'], ['blake', 'rep']] as const) {
    await createAccount(core.store, core.clock.now(), { name, role, password: PASSWORD });
    const answer = await door({ method: 'people.signIn', input: { name, password: PASSWORD }, token: null, address: '192.0.2.7' });
    if (answer.session === undefined || answer.session === 'end') throw new Error(`${name} was not signed in`);
    tokens[name] = answer.session.token;
  }
  const ids = await seedLeads(core.store, [{ stage: 'MQL', score: 90 }, { stage: 'MQL' }, { stage: 'IQL' }], { now: core.clock.now() });
  await saveCallList(core.store, core.clock, { name: 'Hot', filter: { stages: ['MQL'] }, rules: null });
  const as = (who: string) => (method: string, input: unknown): Promise<TeamAnswer['envelope']> => door({ method, input, token: tokens[who]!, address: '192.0.2.7' }).then((a) => a.envelope);
  const nextLeadOf = async (who: string) => {
    const answer = (await as(who)('queue.next', { consoleId: `console-${who}` })) as { ok: true; value: { next: { card: { lead: { id: number } } } | null } };
    return answer.value.next?.card.lead.id ?? null;
  };
  /** The same person's calls through the second process (opened on first use). */
  const onSecond = async (who: string) => {
    if (processes.length < 2) await anotherProcess();
    return (method: string, input: unknown): Promise<TeamAnswer['envelope']> => processes[1]!({ method, input, token: tokens[who]!, address: '192.0.2.7' }).then((a) => a.envelope);
  };
  return { core, as, onSecond, nextLeadOf, hot: ids.slice(0, 2), other: ids[2]! };
}

describe('a team lead’s lists and reps on the team server', () => {
  it('assigns a list to one rep: the other rep is not offered its leads, and a paused list offers them to nobody', async () => {
    const t = await team();
    expect(await t.as('sam')('lists.assign', { listName: 'Hot', reps: ['avery'] })).toMatchObject({ ok: true, value: { name: 'Hot', reps: ['avery'], paused: false } });
    expect(await t.nextLeadOf('blake')).toBe(t.other);
    expect(await t.nextLeadOf('avery')).toBe(t.hot[0]);
    expect(await t.as('sam')('lists.pause', { listName: 'Hot', paused: true })).toMatchObject({ ok: true, value: { paused: true } });
    expect(await t.nextLeadOf('avery')).toBeNull();
    expect(await t.as('sam')('lists.ownerWindow', { listName: 'Hot', minutes: 15 })).toMatchObject({ ok: true, value: { ownerWindowMinutes: 15 } });
    expect(await t.as('sam')('lists.moveRep', { rep: 'avery', from: 'Hot', to: 'Hot' })).toMatchObject({
      ok: false,
      error: { message: '"Hot" and "Hot" are the same list: choose another list to move avery to.' },
    });
  });

  it('keeps the list each rep works with their account: chosen through one process, worked through the other; another rep’s stays theirs', async () => {
    const t = await team();
    await saveCallList(t.core.store, t.core.clock, { name: 'Cold', filter: { stages: ['IQL'] }, rules: null });
    expect(await t.as('avery')('lists.work', { listName: 'cold' })).toMatchObject({ ok: true, value: { current: 'Cold' } });
    const second = await t.onSecond('avery');
    expect(await second('lists.working', {})).toMatchObject({ ok: true, value: { current: 'Cold' } });
    const next = (await second('queue.next', { consoleId: 'console-avery-2' })) as { ok: true; value: { next: { card: { lead: { id: number } } } | null } };
    expect(next.value.next?.card.lead.id).toBe(t.other);
    expect(await second('sessions.start', { consoleId: 'console-avery-2' })).toMatchObject({ ok: true, value: { listName: 'Cold' } });
    // Blake chose nothing: every lead, the best first.
    expect(await t.as('blake')('lists.working', {})).toMatchObject({ ok: true, value: { current: null } });
    expect(await t.nextLeadOf('blake')).toBe(t.hot[0]);

    const before = await databaseDigest(t.core.store);
    expect(await t.as('avery')('lists.work', { listName: 'Nope' })).toMatchObject({ ok: false, error: { message: 'There is no call list named "Nope".' } });
    expect(await databaseDigest(t.core.store)).toEqual(before);
    expect(await t.as('avery')('lists.work', { listName: null })).toMatchObject({ ok: true, value: { current: null } });
    expect(await second('lists.working', {})).toMatchObject({ ok: true, value: { current: null } });
  });

  it('refuses a rep each of the four, and bad input with a sentence, changing nothing', async () => {
    const t = await team();
    const before = await databaseDigest(t.core.store);
    for (const [method, input] of [
      ['lists.assign', { listName: 'Hot', reps: ['avery'] }],
      ['lists.moveRep', { rep: 'avery', from: 'Hot', to: 'Cold' }],
      ['lists.pause', { listName: 'Hot', paused: true }],
      ['lists.ownerWindow', { listName: 'Hot', minutes: 5 }],
    ] as const) {
      expect(await t.as('blake')(method, input), method).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const refused = async (method: string, input: unknown) => ((await t.as('sam')(method, input)) as { ok: false; error: { message: string } }).error.message;
    expect(await refused('lists.assign', { listName: 'Hot', reps: ['avery', 'nobody'] })).toBe('No one on the team is named "nobody": nothing was changed.');
    expect(await refused('lists.assign', { listName: 'Hot', reps: [] })).toContain('name at least one rep, or assign the list to everyone');
    expect(await refused('lists.assign', { listName: 'Cold', reps: 'everyone' })).toBe('There is no call list named "Cold".');
    expect(await refused('lists.ownerWindow', { listName: 'Hot', minutes: -1 })).toContain('no fewer than 0 minutes');
    expect(await refused('lists.ownerWindow', { listName: 'Hot', minutes: 1.5 })).toContain('whole minutes');
    expect(await refused('lists.moveRep', { rep: 'avery', from: 'Hot', to: 'Cold' })).toBe('There is no call list named "Cold".');
    expect(await databaseDigest(t.core.store)).toEqual(before);
  });

  it('announces a pause and a change of reps to every console: a rep’s console that asks again lets its lead go, saying why; the counts follow', async () => {
    const t = await team();
    const heard: string[] = [];
    t.core.events.subscribe((event, payload) => {
      if (event === 'store.changed') heard.push((payload as { reason: string }).reason);
    });
    const waitingOf = async (who: string) => {
      const answer = (await t.as(who)('lists.working', {})) as { ok: true; value: { lists: { name: string | null; waiting: number }[] } };
      return Object.fromEntries(answer.value.lists.map((l) => [l.name ?? 'every lead', l.waiting]));
    };
    // What the top bar says: the picker's counts, and the queue's due count.
    const dueOf = async (who: string) => {
      const answer = (await t.as(who)('queue.preview', { limit: 1 })) as { ok: true; value: { waitingByTier: Record<string, number> } };
      return Object.values(answer.value.waitingByTier).reduce((a, b) => a + b, 0);
    };
    expect(await waitingOf('blake')).toEqual({ 'every lead': 3, Hot: 2 });
    expect(await dueOf('blake')).toBe(3);
    expect(await t.nextLeadOf('avery')).toBe(t.hot[0]);

    await t.as('sam')('lists.assign', { listName: 'Hot', reps: ['avery'] });
    await vi.waitFor(() => expect(heard).toEqual(['lists']));
    expect(await waitingOf('blake')).toEqual({ 'every lead': 1, Hot: 0 });
    expect(await dueOf('blake')).toBe(1);
    expect(await dueOf('avery')).toBe(3);
    await t.as('sam')('lists.pause', { listName: 'Hot', paused: true });
    await vi.waitFor(() => expect(heard).toEqual(['lists', 'lists']));
    const asked = (await t.as('avery')('queue.next', { consoleId: 'console-avery' })) as {
      ok: true;
      value: { next: { card: { lead: { id: number } } } | null; released?: { leadId: number; reasons: string[] } };
    };
    expect(asked.value.released).toEqual({ leadId: t.hot[0], name: expect.any(String), reasons: ['Its call list is paused, assigned to other reps, or held for its owner'] });
    expect(asked.value.next?.card.lead.id).toBe(t.other);
    // A refusal changes nothing, and announces nothing.
    await t.as('sam')('lists.pause', { listName: 'Cold', paused: true });
    await t.as('blake')('lists.pause', { listName: 'Hot', paused: false });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard).toEqual(['lists', 'lists']);
  });

  it('lists the team’s accounts for a team lead (to choose who works a list), and refuses a rep', async () => {
    const t = await team();
    expect(await t.as('sam')('people.list', {})).toMatchObject({ ok: true, value: [{ name: 'avery', role: 'rep' }, { name: 'blake', role: 'rep' }, { name: 'sam', role: 'team-lead' }] });
    expect(await t.as('blake')('people.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('keeps a lead its rep has dialled when its list is paused: the call is logged on the lead on screen', async () => {
    const t = await team();
    expect(await t.nextLeadOf('avery')).toBe(t.hot[0]);
    expect(await t.as('avery')('calls.dial', { consoleId: 'console-avery', leadId: t.hot[0], number: '+12125550100' })).toMatchObject({ ok: true });
    await t.as('sam')('lists.pause', { listName: 'Hot', paused: true });
    const asked = (await t.as('avery')('queue.next', { consoleId: 'console-avery' })) as { ok: true; value: { next: { card: { lead: { id: number } }; openDial: unknown } | null; released?: unknown } };
    expect(asked.value.released).toBeUndefined();
    expect(asked.value.next).toMatchObject({ card: { lead: { id: t.hot[0] } }, openDial: { number: '+12125550100' } });
    expect(await t.as('avery')('calls.disposition', { consoleId: 'console-avery', leadId: t.hot[0], code: 'no-answer', notes: '' })).toMatchObject({ ok: true });
    expect(await t.core.store.all('SELECT lead_id, rep FROM calls')).toEqual([{ lead_id: t.hot[0], rep: 'avery' }]);
  });
});
