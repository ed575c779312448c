import { expect, it } from 'vitest';
import { floorView, type FloorOptions } from '../../../main/floor/floor-view.ts';
import { seedStore } from '../../../main/store-seed.ts';
import { pauseSession, startSession } from '../../../main/sessions/sessions.ts';
import type { Queryable } from '../../../main/store/seam/store.ts';
import { DEFAULT_QUEUE_RULES } from '../../../shared/queue-rules.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
// 10:00 in New York: the team's day began at 05:00 UTC.
const NOW = Date.parse('2026-11-23T15:00:00Z');
const MIDNIGHT_NY = Date.parse('2026-11-23T05:00:00Z');
const NY = 'America/New_York';

const solo = (q: Queryable, rep: string | null, extra: Partial<FloorOptions> = {}) =>
  floorView(q, { now: NOW, timeZone: NY, roster: { kind: 'solo', rep }, rules: DEFAULT_QUEUE_RULES, ...extra });

async function addLead(q: Queryable, lead: { createdAt?: number; handRaisedAt?: number | null; requestedCall?: 0 | 1; callable?: 0 | 1; source?: string } = {}) {
  return (await q.one<{ id: number }>(
    "INSERT INTO leads (first_name, stage, created_at, hand_raised_at, requested_call, callable, source) VALUES ('Lead', 'MQL', ?, ?, ?, ?, ?) RETURNING id",
    [lead.createdAt ?? NOW - 30 * 24 * HOUR, lead.handRaisedAt ?? null, lead.requestedCall ?? 0, lead.callable ?? 1, lead.source ?? null],
  ))!.id;
}

/** A call as the console logs it; `code` is a default disposition's, whose definition says whether a person answered. */
async function logCall(q: Queryable, leadId: number, code: string, at: number, rep: string | null, extra: { stageAfter?: string; answers?: string; attempt?: 0 | 1 } = {}) {
  return (await q.one<{ id: number }>(
    `INSERT INTO calls (lead_id, disposition_code, disposition_label, started_at, ended_at, stage_before, stage_after, answers, counts_as_attempt, rep)
     VALUES (?, ?, ?, ?, ?, 'MQL', ?, ?, ?, ?) RETURNING id`,
    [leadId, code, code, at, at + MIN, extra.stageAfter ?? 'MQL', extra.answers ?? null, extra.attempt ?? 1, rep],
  ))!.id;
}

const dial = (q: Queryable, leadId: number, consoleId: string, at: number) =>
  q.run("INSERT INTO dials (lead_id, phone_e164, at, console_id) VALUES (?, '+12125550100', ?, ?)", [leadId, at, consoleId]);

describeEachStore('the live floor', ({ open, kind }) => {
  it("counts each rep's dials, contacts, conversations and SQLs since the team's midnight, as every summary counts them", async () => {
    const q = await open();
    await seedStore(q, NOW);
    const lead = await addLead(q);
    await logCall(q, lead, 'no-answer', MIDNIGHT_NY - MIN, 'Ana'); //                       23:59 yesterday in New York: not today
    await logCall(q, lead, 'no-answer', MIDNIGHT_NY + 4 * HOUR, 'Ana'); //                  a dial
    await logCall(q, lead, 'wrong-person', MIDNIGHT_NY + 4 * HOUR + 5 * MIN, 'Ana'); //     a contact, not a conversation
    await logCall(q, lead, 'interested-not-yet', NOW - 20 * MIN, 'ana', { answers: '{"need":"x"}' }); // a conversation (the same rep, typed in lower case)
    await logCall(q, lead, 'qualified', NOW - 10 * MIN, 'Ben', { stageAfter: 'SQL' }); //  a conversation and an SQL
    await logCall(q, lead, 'no-answer', NOW - 5 * MIN, 'Ben', { attempt: 0 }); //          logged, but not an attempt

    const view = await solo(q, 'Ana');
    expect(view.from).toBe('2026-11-23T05:00:00.000Z');
    expect(view.reps.map((r) => [r.rep, r.today])).toEqual([
      ['Ana', { dials: 3, contacts: 2, conversations: 1, qualified: 0 }],
      ['Ben', { dials: 1, contacts: 1, conversations: 1, qualified: 1 }],
    ]);
    expect(view.team.today).toEqual({ dials: 4, contacts: 3, conversations: 2, qualified: 1 });
  });

  it('shows the rep in session, paused, or on a call since the dial, and the one rep of a solo store even when idle', async () => {
    const q = await open();
    await seedStore(q, NOW);
    const lead = await addLead(q);
    expect((await solo(q, 'Ana')).reps).toEqual([
      { rep: 'Ana', signedIn: null, state: 'idle', since: null, listName: null, today: { dials: 0, contacts: 0, conversations: 0, qualified: 0 }, speedToLead: expect.any(Object) },
    ]);
    await startSession(q, 'console-a', 'Ana', 'Webinar list', NOW - HOUR);
    expect((await solo(q, 'Ana')).reps[0]).toMatchObject({ state: 'in-session', since: '2026-11-23T14:00:00.000Z', listName: 'Webinar list' });
    await dial(q, lead, 'console-a', NOW - 3 * MIN);
    expect((await solo(q, 'Ana')).reps[0]).toMatchObject({ state: 'on-call', since: '2026-11-23T14:57:00.000Z' });
    // The call logged: the dial is done, the rep is between calls again.
    const callId = await logCall(q, lead, 'no-answer', NOW - 3 * MIN, 'Ana');
    await q.run('UPDATE dials SET call_id = ?', [callId]);
    await pauseSession(q, 'console-a', NOW - MIN);
    expect((await solo(q, 'Ana')).reps[0]).toMatchObject({ state: 'paused', since: '2026-11-23T14:59:00.000Z' });
    // Another name's session on another console of this store is that rep's, not Ana's.
    await startSession(q, 'console-b', 'Ben', null, NOW - 30 * MIN);
    await dial(q, lead, 'console-b', NOW - MIN);
    expect((await solo(q, 'Ana')).reps.map((r) => [r.rep, r.state])).toEqual([
      ['Ana', 'paused'],
      ['Ben', 'on-call'],
    ]);
  });

  it('measures speed to lead per request for a call: to the first dial and to the first contact after it, by whom', async () => {
    const q = await open();
    await seedStore(q, NOW);
    const request = async (leadId: number, at: number) =>
      q.run("INSERT INTO activities (lead_id, type, title, occurred_at) VALUES (?, 'call-request', 'Contact sales', ?)", [leadId, at]);
    const early = await addLead(q);
    await logCall(q, early, 'wrong-person', MIDNIGHT_NY + 2 * HOUR, 'Ben'); //              07:00, before the request: no answer to it
    await request(early, MIDNIGHT_NY + 3 * HOUR); //                                       08:00
    await logCall(q, early, 'no-answer', MIDNIGHT_NY + 3 * HOUR + 2 * MIN, 'Ana'); //      dialled in 2 min
    await logCall(q, early, 'wrong-person', MIDNIGHT_NY + 3 * HOUR + 10 * MIN, 'Ben'); //  reached in 10 min, by Ben
    const quick = await addLead(q);
    await request(quick, MIDNIGHT_NY + 4 * HOUR); //                                       09:00
    await logCall(q, quick, 'not-interested', MIDNIGHT_NY + 4 * HOUR + 40 * 1000, 'Ana'); // 40 s: dialled and reached at once
    // Flagged as a hand-raiser by its import, with no request among its activity: it arrived when it was created.
    await addLead(q, { createdAt: NOW - 15 * MIN, handRaisedAt: NOW - 15 * MIN, requestedCall: 1 });
    // Yesterday's request, called today: not one of today's requests.
    const old = await addLead(q);
    await request(old, MIDNIGHT_NY - HOUR);
    await logCall(q, old, 'no-answer', MIDNIGHT_NY + HOUR, 'Ben');

    const view = await solo(q, 'Ana');
    expect(view.team.speedToLead).toEqual({
      requests: 3,
      toDial: { count: 2, medianMs: 40 * 1000, p90Ms: 2 * MIN },
      toContact: { count: 2, medianMs: 40 * 1000, p90Ms: 10 * MIN },
    });
    const ana = view.reps.find((r) => r.rep === 'Ana')!;
    const ben = view.reps.find((r) => r.rep === 'Ben')!;
    expect(ana.speedToLead).toEqual({ toDial: { count: 2, medianMs: 40 * 1000, p90Ms: 2 * MIN }, toContact: { count: 1, medianMs: 40 * 1000, p90Ms: 40 * 1000 } });
    expect(ben.speedToLead).toEqual({ toDial: { count: 0, medianMs: null, p90Ms: null }, toContact: { count: 1, medianMs: 10 * MIN, p90Ms: 10 * MIN } });
  });

  it("counts the list's coverage, the hand-raisers waiting and the oldest wait, and today's callbacks due and missed", async () => {
    const q = await open();
    await seedStore(q, NOW);
    const reached = await addLead(q);
    await logCall(q, reached, 'wrong-person', NOW - 2 * 24 * HOUR, 'Ana');
    const tried = await addLead(q, { handRaisedAt: NOW - 50 * MIN });
    await logCall(q, tried, 'no-answer', NOW - 40 * MIN, 'Ana'); // tried, not reached: still waiting
    await addLead(q, { handRaisedAt: NOW - 5 * MIN });
    await addLead(q, { handRaisedAt: NOW - 31 * 24 * HOUR }); //          a request over 30 days old no longer counts
    await addLead(q, { handRaisedAt: NOW - 2 * HOUR, callable: 0 }); //   do-not-call: waits for nobody
    const callback = async (dueAt: number, doneAt: number | null) => {
      const doneBy = doneAt === null ? null : await logCall(q, reached, 'wrong-person', doneAt, 'Ana');
      await q.run('INSERT INTO callbacks (lead_id, due_at, done_by_call_id) VALUES (?, ?, ?)', [reached, dueAt, doneBy]);
    };
    await callback(NOW - 5 * MIN, null); //             due now
    await callback(NOW + 3 * HOUR, null); //            due later today
    await callback(NOW + 24 * HOUR, null); //           tomorrow's
    await callback(NOW - 2 * HOUR, null); //            missed: never kept
    await callback(NOW - 3 * HOUR, NOW - 3 * HOUR + 5 * MIN); // kept on time
    await callback(NOW - 4 * HOUR, NOW - 3 * HOUR); //  missed: kept an hour late
    await callback(NOW - 26 * HOUR, null); //           missed yesterday, not today

    const view = await solo(q, 'Ana');
    expect(view.coverage).toEqual({ listName: null, leads: 5, neverContacted: 4, neverContactedShare: 0.8 });
    expect(view.handRaisers).toEqual({ waiting: 2, oldestSince: new Date(NOW - 50 * MIN).toISOString() });
    expect(view.callbacks).toEqual({ dueToday: 2, dueNow: 1, missedToday: 2 });

    // A list: the queue's own condition over the leads.
    const listed = await solo(q, 'Ana', { list: { name: 'Hand-raisers', where: 'leads.hand_raised_at IS NOT NULL', params: [] } });
    expect(listed.coverage).toEqual({ listName: 'Hand-raisers', leads: 4, neverContacted: 4, neverContactedShare: 1 });
    expect(listed.callbacks).toEqual({ dueToday: 0, dueNow: 0, missedToday: 0 });
  });

  if (kind === 'postgres') {
    it("lists a team's reps from its accounts, signed in or out, each on their own console's call", async () => {
      const q = await open();
      await seedStore(q, NOW);
      const lead = await addLead(q);
      const account = async (name: string, role: string, signedIn: boolean) => {
        const { id } = (await q.one<{ id: number }>("INSERT INTO accounts (name, role, password_hash, created_at, password_changed_at) VALUES (?, ?, 'x', 0, 0) RETURNING id", [name, role]))!;
        await q.run('INSERT INTO sign_in_sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [`t-${id}`, id, NOW - HOUR, signedIn ? NOW + HOUR : NOW - MIN]);
        return id;
      };
      await account('Ana', 'rep', true);
      await account('Ben', 'rep', true);
      await account('Cy', 'rep', false);
      await account('Lee', 'team-lead', false); // a team lead not signed in and not calling is not on the floor
      await startSession(q, 'console-a', 'ana', null, NOW - HOUR);
      await startSession(q, 'console-b', 'Ben', null, NOW - HOUR);
      await dial(q, lead, 'console-b', NOW - 2 * MIN);
      await dial(q, lead, 'console-x', NOW - MIN); // a console with no session: nobody's known call
      // Dee has no session: the team server recorded the signed-in account with the dial.
      const dee = await account('Dee', 'rep', true);
      await q.run("INSERT INTO dials (lead_id, phone_e164, at, console_id, account_id) VALUES (?, '+12125550101', ?, 'console-d', ?)", [lead, NOW - 30_000, dee]);

      const view = await floorView(q, { now: NOW, timeZone: NY, roster: { kind: 'accounts' }, rules: DEFAULT_QUEUE_RULES });
      expect(view.reps.map((r) => [r.rep, r.signedIn, r.state, r.since])).toEqual([
        ['Ana', true, 'in-session', '2026-11-23T14:00:00.000Z'],
        ['Ben', true, 'on-call', '2026-11-23T14:58:00.000Z'],
        ['Cy', false, 'signed-out', null],
        ['Dee', true, 'on-call', '2026-11-23T14:59:30.000Z'],
      ]);
    });
  }
});
