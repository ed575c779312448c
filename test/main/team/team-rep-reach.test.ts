import { afterEach, describe, expect, it } from 'vitest';
import { saveCallList } from '../../../main/leads/call-lists.ts';
import { assignList } from '../../../main/leads/list-assignments.ts';
import type { Store } from '../../../main/store/seam/store.ts';
import type { AccountView, LeadSearchResult } from '../../../shared/lead-context.ts';
import type { UpcomingCallback } from '../../../shared/callbacks.ts';
import type { CallLog, QueueSnapshot } from '../../../shared/leads.ts';
import type { Handoff } from '../../../shared/qualification.ts';
import type { CallingSession } from '../../../shared/sessions.ts';
import { seedEngines } from '../../helpers/seed-leads.ts';
import { signedInTeam, stopTeam, TEAM_PASSWORD } from '../../helpers/team-fixture.ts';
import { cookieOf, teamRequest, type TeamServerProcess } from '../../helpers/team-server-process.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

/**
 * What a rep can reach on the team server, through a real server process on PostgreSQL: the
 * leads their lists offer them and their own console's session; knowing another lead's or
 * another console's id opens nothing. A team lead reaches every lead and every console.
 */
const cluster = usePostgresCluster();
const running: TeamServerProcess[] = [];
afterEach(async () => {
  await stopTeam(running.splice(0));
});

const NOW = '2026-11-23T15:00:00Z';

/** Ada and Charles (seedEngines: Charles on "Europe", avery's); Ada on "America", which only blake works. */
async function team() {
  const url = await cluster().createDatabase();
  const seed = async (store: Store) => {
    await seedEngines(store, NOW);
    await saveCallList(store, { now: () => Date.parse(NOW) }, { name: 'America', filter: { timeZones: ['America/New_York'] }, rules: null });
    await assignList(store, 'America', ['blake']);
  };
  const { servers, call, cookies } = await signedInTeam(url, { people: [['sam', 'team-lead'], ['avery', 'rep'], ['blake', 'rep']], clock: NOW, seed });
  running.push(...servers);
  /** The lead a team lead finds first for the words. */
  const idOf = async (query: string) => (await call<LeadSearchResult>('sam', 'leads.search', { query, limit: 20 })).value.hits[0]!.lead.id;
  return { call, idOf, servers, cookies };
}

const NOT_YOUR_LEAD = (id: number) => `Lead ${id} is not on a call list you work: ask your team lead to assign you its list.`;
const NOT_YOUR_CONSOLE =
  'This console’s calling session is another rep’s: you can pause, resume or end only your own session, and call only from it. Open Nextcall in a new tab for a console of your own, or ask your team lead to end that session.';

describe('what a rep reaches on the team server', () => {
  it('opens a lead and its account only on a list the rep works; a team lead opens any', async () => {
    const t = await team();
    const [ada, charles] = [await t.idOf('lovelace'), await t.idOf('babbage')];
    for (const method of ['leads.get', 'leads.account']) {
      // Charles is avery's: blake, who knows his id, is refused with a sentence.
      expect.soft(await t.call('blake', method, { leadId: charles }), method).toMatchObject({ status: 403, ok: false, error: { code: 'forbidden', message: NOT_YOUR_LEAD(charles) } });
      expect(await t.call('avery', method, { leadId: ada }), method).toMatchObject({ status: 403, ok: false, error: { code: 'forbidden', message: NOT_YOUR_LEAD(ada) } });
      expect(await t.call('blake', method, { leadId: ada }), method).toMatchObject({ ok: true });
      expect(await t.call('avery', method, { leadId: charles }), method).toMatchObject({ ok: true });
      for (const lead of [ada, charles]) expect(await t.call('sam', method, { leadId: lead }), method).toMatchObject({ ok: true });
      // A lead that is not there is said so, to a rep too.
      expect(await t.call('blake', method, { leadId: 999_999 }), method).toMatchObject({ status: 404, error: { message: 'No lead with id 999999.' } });
    }
    expect(await t.call('blake', 'leads.get', { leadId: ada })).toMatchObject({ value: { lead: { firstName: 'Ada' } } });
    // Ada's account lists her colleagues a rep may open: none for blake, Charles for the team lead.
    const colleagues = async (who: string, lead: number) => (await t.call<AccountView>(who, 'leads.account', { leadId: lead })).value.members.map((m) => m.name);
    expect(await colleagues('blake', ada)).toEqual([]);
    expect(await colleagues('avery', charles)).toEqual([]);
    expect(await colleagues('sam', ada)).toEqual(['Charles Babbage']);
  });

  it('lets a rep pause, resume and end only their own console’s session; a team lead may end anyone’s', async () => {
    const t = await team();
    const averys = 'console-avery-1';
    expect(await t.call<CallingSession>('avery', 'sessions.start', { consoleId: averys })).toMatchObject({ ok: true, value: { rep: 'avery' } });
    for (const method of ['sessions.pause', 'sessions.resume', 'sessions.end', 'sessions.pauseDialing', 'sessions.resumeDialing', 'sessions.current']) {
      expect.soft(await t.call('blake', method, { consoleId: averys }), method).toMatchObject({ status: 403, ok: false, error: { code: 'forbidden', message: NOT_YOUR_CONSOLE } });
    }
    // Nothing blake asked changed avery's session.
    expect(await t.call<CallingSession>('avery', 'sessions.current', { consoleId: averys })).toMatchObject({ ok: true, value: { rep: 'avery', pausedAt: null, endedAt: null } });
    // Avery's own: paused and resumed.
    expect(await t.call<CallingSession>('avery', 'sessions.pause', { consoleId: averys })).toMatchObject({ ok: true, value: { pausedAt: expect.any(String) } });
    expect(await t.call<CallingSession>('avery', 'sessions.resume', { consoleId: averys })).toMatchObject({ ok: true, value: { pausedAt: null } });
    // Blake's own console works as ever.
    expect(await t.call<CallingSession>('blake', 'sessions.start', { consoleId: 'console-blake-1' })).toMatchObject({ ok: true, value: { rep: 'blake' } });
    expect(await t.call<CallingSession>('blake', 'sessions.pause', { consoleId: 'console-blake-1' })).toMatchObject({ ok: true });
    // The team lead closes a session avery left open, and the console is free again.
    expect(await t.call<CallingSession>('sam', 'sessions.pause', { consoleId: averys })).toMatchObject({ ok: true, value: { rep: 'avery', pausedAt: expect.any(String) } });
    expect(await t.call<CallingSession>('sam', 'sessions.end', { consoleId: averys })).toMatchObject({ ok: true, value: { rep: 'avery', endedAt: expect.any(String) } });
    expect(await t.call('avery', 'sessions.current', { consoleId: averys })).toMatchObject({ ok: true, value: null });
  });

  it('lets a rep skip, snooze, dial, log, note and hold only a lead theirs to work, from their own console; undo only their own call', async () => {
    const t = await team();
    const [ada, charles] = [await t.idOf('lovelace'), await t.idOf('babbage')];
    const [averys, blakes] = ['console-avery-1', 'console-blake-1'];
    const LONDON = '+442079460000';
    const refusedLead = { status: 403, ok: false, error: { code: 'forbidden', message: NOT_YOUR_LEAD(charles) } };
    // Charles is avery's: blake, knowing his id, may not touch him from any console.
    for (const [method, input] of [
      ['queue.skip', { leadId: charles, consoleId: blakes }],
      ['queue.snooze', { leadId: charles, consoleId: blakes, until: '2026-11-24T15:00:00Z' }],
      ['calls.dial', { leadId: charles, number: LONDON, consoleId: blakes }],
      ['calls.disposition', { leadId: charles, code: 'no-answer', consoleId: blakes }],
      ['calls.saveDraft', { leadId: charles, notes: 'left a note on another rep’s lead' }],
      ['queue.whyNot', { leadId: charles }],
      ['queue.callingWindows', { leadId: charles }],
    ] as const) {
      expect.soft(await t.call('blake', method, input), method).toMatchObject(refusedLead);
    }
    // A beat does not take him for blake's console either.
    expect(await t.call('blake', 'queue.heartbeat', { consoleId: blakes, leadId: charles })).toMatchObject({ ok: true, value: { held: false } });

    // Avery works him: offered, dialled and logged from avery's console, in avery's session.
    expect(await t.call('avery', 'sessions.start', { consoleId: averys })).toMatchObject({ ok: true });
    expect((await t.call<QueueSnapshot>('avery', 'queue.next', { consoleId: averys })).value.next?.card.lead.id).toBe(charles);
    expect(await t.call('avery', 'queue.heartbeat', { consoleId: averys, leadId: charles })).toMatchObject({ ok: true, value: { held: true } });
    // Blake, knowing avery's console, may neither move its lead nor count a call in its session.
    const refusedConsole = { status: 403, ok: false, error: { code: 'forbidden', message: NOT_YOUR_CONSOLE } };
    for (const [method, input] of [
      ['queue.next', { consoleId: averys }],
      ['queue.release', { consoleId: averys }],
      ['queue.heartbeat', { consoleId: averys, leadId: charles }],
      ['queue.skip', { leadId: ada, consoleId: averys }],
      ['calls.dial', { leadId: ada, number: '+12125550100', consoleId: averys }],
      ['calls.disposition', { leadId: ada, code: 'no-answer', consoleId: averys }],
    ] as const) {
      expect.soft(await t.call('blake', method, input), method).toMatchObject(refusedConsole);
    }
    const dialled = await t.call<{ dialId: number }>('avery', 'calls.dial', { leadId: charles, number: LONDON, consoleId: averys });
    expect(dialled).toMatchObject({ ok: true });
    // The team lead pauses Europe mid-call: the lead avery dialled is still hers to open and log.
    expect(await t.call('sam', 'lists.pause', { listName: 'Europe', paused: true })).toMatchObject({ ok: true });
    expect(await t.call('avery', 'leads.get', { leadId: charles })).toMatchObject({ ok: true, value: { lead: { firstName: 'Charles' } } });
    expect(await t.call('blake', 'leads.get', { leadId: charles })).toMatchObject(refusedLead);
    const logged = await t.call<{ call: CallLog }>('avery', 'calls.disposition', { leadId: charles, code: 'no-answer', consoleId: averys, dialId: dialled.value.dialId, number: LONDON });
    expect(logged).toMatchObject({ ok: true, value: { call: { rep: 'avery' } } });
    expect(await t.call<CallingSession>('avery', 'sessions.current', { consoleId: averys })).toMatchObject({ value: { stats: { dials: 1 } } });
    // Blake may not undo avery's call; avery may.
    const callId = logged.value.call.id;
    expect(await t.call('blake', 'calls.undo', { callId, consoleId: blakes })).toMatchObject({
      status: 403,
      ok: false,
      error: { code: 'forbidden', message: `Call #${callId} was logged by another rep: you can undo only your own calls.` },
    });
    expect(await t.call('avery', 'calls.undo', { callId, consoleId: averys })).toMatchObject({ ok: true });

    // Blake works Ada, on his own list, from his own console; the team lead may skip anyone's lead.
    expect((await t.call<QueueSnapshot>('blake', 'queue.next', { consoleId: blakes })).value.next?.card.lead.id).toBe(ada);
    for (const [method, input] of [
      ['calls.saveDraft', { leadId: ada, notes: 'asked for the CFO' }],
      ['queue.whyNot', { leadId: ada }],
      ['queue.callingWindows', { leadId: ada }],
    ] as const) {
      expect(await t.call('blake', method, input), method).toMatchObject({ ok: true });
    }
    expect(await t.call('blake', 'queue.skip', { leadId: ada, consoleId: blakes })).toMatchObject({ ok: true });
    expect(await t.call('sam', 'queue.skip', { leadId: charles })).toMatchObject({ ok: true });
  });

  it('announces to a rep only the callbacks on leads their lists offer them, and lists only their own calls and handoffs; a team lead sees every one', async () => {
    const t = await team();
    const charles = await t.idOf('babbage');
    expect((await t.call<QueueSnapshot>('avery', 'queue.next', { consoleId: 'console-avery-1' })).value.next?.card.lead.id).toBe(charles);
    const booked = await t.call('avery', 'calls.disposition', { leadId: charles, code: 'callback', callbackAt: '2026-11-23T16:00:00Z', consoleId: 'console-avery-1' });
    expect(booked).toMatchObject({ ok: true });
    const names = async (who: string) => (await t.call<UpcomingCallback[]>(who, 'callbacks.upcoming', {})).value.map((c) => c.leadName);
    expect(await names('avery')).toEqual(['Charles Babbage']);
    expect(await names('sam')).toEqual(['Charles Babbage']);
    expect(await names('blake')).toEqual([]);
    // Blake hands Ada to sales; avery's call and blake's handoff are each their own to read.
    const ada = await t.idOf('lovelace');
    expect((await t.call<QueueSnapshot>('blake', 'queue.next', { consoleId: 'console-blake-1' })).value.next?.card.lead.id).toBe(ada);
    expect(await t.call('blake', 'calls.disposition', { leadId: ada, code: 'qualified', reason: 'Budget confirmed on the call', consoleId: 'console-blake-1' })).toMatchObject({ ok: true });
    const calls = async (who: string) => (await t.call<CallLog[]>(who, 'calls.recent', {})).value.map((c) => `${c.rep}: ${c.leadName}`);
    expect(await calls('avery')).toEqual(['avery: Charles Babbage']);
    expect(await calls('blake')).toEqual(['blake: Ada Lovelace']);
    expect((await calls('sam')).sort()).toEqual(['avery: Charles Babbage', 'blake: Ada Lovelace']);
    const handoffs = async (who: string) => (await t.call<Handoff[]>(who, 'handoffs.list', {})).value.map((h) => `${h.rep}: ${h.leadName}`);
    expect(await handoffs('blake')).toEqual(['blake: Ada Lovelace']);
    expect(await handoffs('avery')).toEqual([]);
    expect(await handoffs('sam')).toEqual(['blake: Ada Lovelace']);
  });

  it('ends a rep’s session and lets its lead go when they sign out on that console, so the next rep there starts their own', async () => {
    const t = await team();
    const tab = 'console-shared-tab';
    expect(await t.call('avery', 'sessions.start', { consoleId: tab })).toMatchObject({ ok: true, value: { rep: 'avery' } });
    const held = (await t.call<QueueSnapshot>('avery', 'queue.next', { consoleId: tab })).value.next!.card.lead.id;
    expect(held).toBe(await t.idOf('babbage'));
    // Blake, who knows the tab's id, signs out naming it: signed out, and avery's session is left alone.
    expect(await t.call('blake', 'people.signOut', { consoleId: tab })).toMatchObject({ ok: true });
    expect(await t.call('blake', 'people.me', {})).toMatchObject({ ok: true, value: { person: null } });
    expect(await t.call('sam', 'sessions.current', { consoleId: tab })).toMatchObject({ ok: true, value: { rep: 'avery', endedAt: null } });

    // Avery signs out on the tab: the session there has ended and Charles is no longer held.
    expect(await t.call('avery', 'people.signOut', { consoleId: tab })).toMatchObject({ ok: true, value: { signedOut: true } });
    expect(await t.call('sam', 'sessions.current', { consoleId: tab })).toMatchObject({ ok: true, value: null });
    const signIn = async (name: string) => (t.cookies[name] = cookieOf(await teamRequest(t.servers[0]!.origin, '/api/people.signIn', { input: { name, password: TEAM_PASSWORD } })));
    await signIn('blake');
    expect(await t.call('blake', 'sessions.start', { consoleId: tab })).toMatchObject({ ok: true, value: { rep: 'blake', endedAt: null } });
    await signIn('avery');
    expect((await t.call<QueueSnapshot>('avery', 'queue.next', { consoleId: 'console-avery-2' })).value.next?.card.lead.id).toBe(held);

    // A team lead's own session ends at their sign-out the same way.
    const desk = 'console-team-lead-desk';
    expect(await t.call('sam', 'sessions.start', { consoleId: desk })).toMatchObject({ ok: true, value: { rep: 'sam' } });
    expect(await t.call('sam', 'people.signOut', { consoleId: desk })).toMatchObject({ ok: true });
    expect(await t.call('blake', 'sessions.start', { consoleId: desk })).toMatchObject({ ok: true, value: { rep: 'blake' } });
  });
});
