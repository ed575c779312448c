import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { talkClock, type CallingSession } from '../../../shared/sessions.ts';
import { testCore } from '../../helpers/test-core.ts';
import { endSession, getSession, openSessionId, pauseDialing, pauseSession, resumeDialing, resumeSession, startSession } from '../../../main/sessions/sessions.ts';
import type { Queryable } from '../../../main/store/seam/store.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

const MIN = 60_000;
const csv = (rows: string[]) => Buffer.from(['Record ID,Name,Phone', ...rows].join('\n')).toString('base64');

async function setUp() {
  const core = testCore('2026-11-23T15:00:00Z');
  const dispatch = createDispatcher(createHandlers(core));
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await dispatch(method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as T;
  };
  await call('leads.import', { fileName: 'l.csv', data: csv(['1,Ada,+12125550100', '2,Bob,+12125550101', '3,Cy,+12125550102', '4,Di,+12125550103']) });
  await call('prefs.set', { repName: 'Jordan' });
  return { core, call };
}

describe('a calling session', () => {
  it('owns the calls logged from its console, and its live figures are the hand-worked ones', async () => {
    const { core, call } = await setUp();
    const consoleId = 'console-rep-1';
    await call('sessions.start', { consoleId });
    const next = async () => (await call<{ next: { card: { lead: { id: number } } } }>('queue.next', { consoleId })).next.card.lead.id;
    const dispose = async (code: string, talkMinutes: number, extra: object = {}) => {
      const leadId = await next();
      const { dialId } = await call<{ dialId: number }>('calls.dial', { leadId, number: (await call<{ phones: { e164: string }[] }>('leads.get', { leadId })).phones[0]!.e164 });
      core.clock.advance(talkMinutes * MIN);
      await call('calls.disposition', { leadId, code, consoleId, dialId, ...extra });
    };
    // Four dials in 40 minutes of work, a 20-minute pause in the middle:
    await dispose('no-answer', 1); //           a dial, no contact
    await dispose('interested-not-yet', 5, { answers: { need: 'Dialling from spreadsheets' }, reason: 'Wants to see pricing first' }); // contact, conversation
    await call('sessions.pause', { consoleId });
    core.clock.advance(20 * MIN);
    await call('sessions.resume', { consoleId });
    await dispose('wrong-person', 2); //        a contact, not a conversation
    await dispose('qualified', 8, { answers: { need: 'x', budget: 'yes', authority: 'You decide', timeline: '2026-12-15' } }); // contact, conversation, SQL
    core.clock.advance(24 * MIN);
    const session = await call<CallingSession>('sessions.end', { consoleId });
    // Active time: 1 + 5 + 2 + 8 + 24 = 40 minutes (the 20-minute pause left out).
    expect(session).toMatchObject({ activeSeconds: 40 * 60, endedAt: '2026-11-23T16:00:00.000Z' });
    expect(session.stats).toEqual({
      dials: 4,
      contacts: 3,
      conversations: 2,
      qualified: 1,
      contactRate: 0.75,
      dialsPerHour: 6,
      talkSeconds: (5 + 2 + 8) * 60,
    });
    expect(core.db.prepare('SELECT count(*) AS n FROM calls WHERE session_id = ?').get(session.id)).toEqual({ n: 4 });
  });

  it('counts the power dialer\'s pauses between calls apart: in the active time, not in talk time, in the summary and its CSV', async () => {
    const { core, call } = await setUp();
    const consoleId = 'console-rep-3';
    // Without a session there is nothing to count them in: no error, no row written.
    expect(await call('sessions.pauseDialing', { consoleId })).toBeNull();
    const started = await call<CallingSession>('sessions.start', { consoleId });
    expect(started.pausesBetweenCalls).toEqual({ count: 0, seconds: 0, going: false });
    await call('sessions.pauseDialing', { consoleId });
    core.clock.advance(45_000);
    // A pause going on counts already, and a second pause while paused is the same pause.
    await call('sessions.pauseDialing', { consoleId });
    expect((await call<CallingSession>('sessions.current', { consoleId })).pausesBetweenCalls).toEqual({ count: 1, seconds: 45, going: true });
    await call('sessions.resumeDialing', { consoleId });
    core.clock.advance(MIN);
    await call('sessions.resumeDialing', { consoleId }); // nothing held: nothing counted
    await call('sessions.pauseDialing', { consoleId });
    core.clock.advance(15_000);
    // Ending the session ends the pause going on.
    const ended = await call<CallingSession>('sessions.end', { consoleId });
    expect(ended.pausesBetweenCalls).toEqual({ count: 2, seconds: 60, going: false });
    expect(ended.activeSeconds).toBe(120);
    expect(ended.stats.talkSeconds).toBe(0);
    const summary = await call<{ pausesBetweenCalls: unknown }>('sessions.summary', { sessionId: ended.id });
    expect(summary.pausesBetweenCalls).toEqual({ count: 2, seconds: 60 });
    const range = await call<{ pausesBetweenCalls: unknown }>('sessions.summary', { from: '2026-11-23T00:00:00Z', to: '2026-11-24T00:00:00Z', rep: 'Jordan' });
    expect(range.pausesBetweenCalls).toEqual({ count: 2, seconds: 60 });
    const files = await call<{ fileName: string; content: string }[]>('sessions.export', { sessionId: ended.id, format: 'csv' });
    const totals = files.find((f) => f.fileName.endsWith('-totals.csv'))!.content;
    expect(totals).toContain('Pauses between calls,2');
    expect(totals).toContain('Paused between calls (s),60');
  });

  it('is one per console, and an empty one has figures of zero', async () => {
    const { call } = await setUp();
    await call('sessions.start', { consoleId: 'console-rep-2' });
    await expect(call('sessions.start', { consoleId: 'console-rep-2' })).rejects.toThrow(/has a session going/);
    const ended = await call<CallingSession>('sessions.end', { consoleId: 'console-rep-2' });
    expect(ended.stats).toEqual({ dials: 0, contacts: 0, conversations: 0, qualified: 0, contactRate: null, dialsPerHour: null, talkSeconds: 0 });
    await expect(call('sessions.pause', { consoleId: 'console-rep-2' })).rejects.toThrow(/no session going/);
    expect(await call('sessions.current', { consoleId: 'console-rep-2' })).toBeNull();
  });

  it('shows no rate until it means something: two dials in two minutes are not 60 dials/h', async () => {
    const { core, call } = await setUp();
    const consoleId = 'console-rep-3';
    await call('sessions.start', { consoleId });
    for (let i = 0; i < 2; i++) {
      const leadId = (await call<{ next: { card: { lead: { id: number } } } }>('queue.next', { consoleId })).next.card.lead.id;
      core.clock.advance(MIN);
      await call('calls.disposition', { leadId, code: 'no-answer', consoleId });
    }
    const early = await call<CallingSession>('sessions.current', { consoleId });
    expect(early.stats).toMatchObject({ dials: 2, contactRate: null, dialsPerHour: null });
    // Ten minutes in: 2 dials in 10 minutes is 12 an hour, and none answered.
    core.clock.advance(8 * MIN);
    expect((await call<CallingSession>('sessions.current', { consoleId })).stats).toMatchObject({ dials: 2, contactRate: 0, dialsPerHour: 12 });
  });

  it('counts talk time in seconds: a 45-second conversation reads 0:45', async () => {
    const { core, call } = await setUp();
    const consoleId = 'console-rep-4';
    await call('sessions.start', { consoleId });
    const leadId = (await call<{ next: { card: { lead: { id: number } } } }>('queue.next', { consoleId })).next.card.lead.id;
    const { dialId } = await call<{ dialId: number }>('calls.dial', { leadId, number: '+12125550100', consoleId });
    core.clock.advance(45_000);
    await call('calls.disposition', { leadId, code: 'wrong-person', consoleId, dialId });
    const { stats } = await call<CallingSession>('sessions.current', { consoleId });
    expect(stats.talkSeconds).toBe(45);
    expect(talkClock(stats.talkSeconds)).toBe('0:45');
    expect(talkClock(3750)).toBe('1:02:30');
  });

  it('takes an undone call out of every figure', async () => {
    const { core, call } = await setUp();
    const consoleId = 'console-rep-5';
    await call('sessions.start', { consoleId });
    const leadId = (await call<{ next: { card: { lead: { id: number } } } }>('queue.next', { consoleId })).next.card.lead.id;
    const { dialId } = await call<{ dialId: number }>('calls.dial', { leadId, number: '+12125550100', consoleId });
    core.clock.advance(30_000);
    const { call: logged } = await call<{ call: { id: number } }>('calls.disposition', { leadId, code: 'wrong-person', consoleId, dialId });
    expect((await call<CallingSession>('sessions.current', { consoleId })).stats).toMatchObject({ dials: 1, contacts: 1, talkSeconds: 30 });
    await call('calls.undo', { callId: logged.id, consoleId });
    expect((await call<CallingSession>('sessions.current', { consoleId })).stats).toMatchObject({ dials: 0, contacts: 0, conversations: 0, talkSeconds: 0 });
  });
});

/**
 * The module itself, on both stores (one suite, two stores): the same behaviour as above, with the
 * calls written straight into the store, since the rest of the core (import, queue, dispositions)
 * is not on the seam yet and cannot run on PostgreSQL.
 */
describeEachStore('a calling session, on the store seam', ({ open, connect, kind }) => {
  const T0 = Date.parse('2026-11-23T15:00:00Z');

  async function seed(store: Queryable) {
    for (const [i, d] of DEFAULT_DISPOSITIONS.entries()) {
      await store.run('INSERT INTO dispositions (code, position, definition, hotkey) VALUES (?, ?, ?, ?)', [d.code, i, JSON.stringify(d), d.hotkey]);
    }
    return (await store.one<{ id: number }>("INSERT INTO leads (first_name, stage, created_at) VALUES ('Ada', 'MQL', ?) RETURNING id", [T0]))!.id;
  }

  async function logCall(store: Queryable, sessionId: number, leadId: number, code: string, start: number, minutes: number, extra: { stageAfter?: string; answers?: string; callbackAt?: number; attempt?: 0 | 1 } = {}) {
    const { id } = (await store.one<{ id: number }>(
      `INSERT INTO calls (lead_id, disposition_code, disposition_label, started_at, ended_at, stage_before, stage_after, answers, counts_as_attempt, session_id)
       VALUES (?, ?, ?, ?, ?, 'MQL', ?, ?, ?, ?) RETURNING id`,
      [leadId, code, code, start, start + minutes * MIN, extra.stageAfter ?? 'MQL', extra.answers ?? null, extra.attempt ?? 1, sessionId],
    ))!;
    if (extra.callbackAt) await store.run('INSERT INTO callbacks (lead_id, due_at, set_by_call_id) VALUES (?, ?, ?)', [leadId, extra.callbackAt, id]);
  }

  it('counts its calls into the hand-worked figures, pauses left out', async () => {
    const store = await open();
    const leadId = await seed(store);
    const session = await startSession(store, 'console-1', 'Jordan', 'Webinar list', T0);
    expect(session).toMatchObject({ rep: 'Jordan', listName: 'Webinar list', startedAt: '2026-11-23T15:00:00.000Z', endedAt: null, activeSeconds: 0 });
    await logCall(store, session.id, leadId, 'no-answer', T0, 1);
    await logCall(store, session.id, leadId, 'interested-not-yet', T0 + MIN, 5, { answers: '{"need":"spreadsheets"}' });
    await pauseSession(store, 'console-1', T0 + 6 * MIN);
    expect((await getSession(store, session.id, T0 + 16 * MIN)).pausedAt).toBe('2026-11-23T15:06:00.000Z');
    await resumeSession(store, 'console-1', T0 + 26 * MIN);
    await logCall(store, session.id, leadId, 'wrong-person', T0 + 26 * MIN, 2);
    await logCall(store, session.id, leadId, 'qualified', T0 + 28 * MIN, 8, { stageAfter: 'SQL' });
    await logCall(store, session.id, leadId, 'no-answer', T0 + 36 * MIN, 1, { attempt: 0 });
    const ended = await endSession(store, 'console-1', T0 + 60 * MIN);
    expect(ended).toMatchObject({ activeSeconds: 40 * 60, endedAt: '2026-11-23T16:00:00.000Z', pausedAt: null });
    expect(ended.stats).toEqual({ dials: 4, contacts: 3, conversations: 2, qualified: 1, contactRate: 0.75, dialsPerHour: 6, talkSeconds: (5 + 2 + 8) * 60 });
  });

  it('counts a callback set as a conversation, and shows no rate until it means something', async () => {
    const store = await open();
    const leadId = await seed(store);
    const { id } = await startSession(store, 'console-1', 'Jordan', null, T0);
    await logCall(store, id, leadId, 'wrong-person', T0, 1, { callbackAt: T0 + 60 * MIN });
    expect((await getSession(store, id, T0 + 2 * MIN)).stats).toMatchObject({ dials: 1, contacts: 1, conversations: 1, contactRate: null, dialsPerHour: null });
    expect((await getSession(store, id, T0 + 10 * MIN)).stats).toMatchObject({ contactRate: 1, dialsPerHour: 6 });
  });

  it('is one per console, needs a rep, and says so', async () => {
    const store = await open();
    await expect(startSession(store, 'console-1', '  ', null, T0)).rejects.toMatchObject({ code: 'invalid-input' });
    await startSession(store, 'console-1', 'Jordan', null, T0);
    await expect(startSession(store, 'console-1', 'Jordan', null, T0)).rejects.toMatchObject({ code: 'conflict', message: 'This console has a session going: end it first.' });
    expect(await openSessionId(store, 'console-2')).toBeNull();
    await expect(pauseSession(store, 'console-2', T0)).rejects.toMatchObject({ code: 'conflict', message: 'This console has no session going: start one.' });
    await expect(getSession(store, 999, T0)).rejects.toMatchObject({ code: 'not-found' });
    await endSession(store, 'console-1', T0 + MIN);
    expect(await openSessionId(store, 'console-1')).toBeNull();
    expect((await startSession(store, 'console-1', 'Jordan', null, T0 + 2 * MIN)).endedAt).toBeNull();
  });

  it("counts power dialing's pauses between calls in the console's session, apart from its own pauses", async () => {
    const store = await open();
    // Without a session there is nothing to count them in: null, and no row written.
    expect(await pauseDialing(store, 'console-1', T0)).toBeNull();
    expect(await resumeDialing(store, 'console-1', T0)).toBeNull();
    expect(await store.one('SELECT count(*) AS n FROM sessions')).toEqual({ n: 0 });
    const { id } = await startSession(store, 'console-1', 'Jordan', null, T0);
    expect((await pauseDialing(store, 'console-1', T0 + MIN))!.pausesBetweenCalls).toEqual({ count: 1, seconds: 0, going: true });
    // A second pause while paused is the same pause; another console's session is not touched.
    await pauseDialing(store, 'console-1', T0 + MIN + 30_000);
    expect(await pauseDialing(store, 'console-2', T0 + MIN)).toBeNull();
    expect((await resumeDialing(store, 'console-1', T0 + 2 * MIN))!.pausesBetweenCalls).toEqual({ count: 1, seconds: 60, going: false });
    // Nothing held: nothing counted.
    expect((await resumeDialing(store, 'console-1', T0 + 3 * MIN))!.pausesBetweenCalls).toEqual({ count: 1, seconds: 60, going: false });
    await pauseDialing(store, 'console-1', T0 + 4 * MIN);
    const ended = await endSession(store, 'console-1', T0 + 4 * MIN + 15_000);
    expect(ended.pausesBetweenCalls).toEqual({ count: 2, seconds: 75, going: false });
    // In the active time (a pause between calls is work), unlike the session's own pauses.
    expect(ended.activeSeconds).toBe(4 * 60 + 15);
    expect((await getSession(store, id, T0 + 60 * MIN)).pausesBetweenCalls).toEqual({ count: 2, seconds: 75, going: false });
  });

  if (kind === 'postgres') {
    it('counts a pause between calls once when two server processes end it at once', async () => {
      const store = await open();
      const other = await connect();
      await startSession(store, 'console-1', 'Jordan', null, T0);
      await pauseDialing(store, 'console-1', T0);
      await Promise.all([resumeDialing(store, 'console-1', T0 + MIN), resumeDialing(other, 'console-1', T0 + MIN)]);
      expect((await endSession(store, 'console-1', T0 + 2 * MIN)).pausesBetweenCalls).toEqual({ count: 1, seconds: 60, going: false });
    });

    it('starts once when two server processes start the same console at once', async () => {
      const store = await open();
      const other = await connect();
      const results = await Promise.allSettled([startSession(store, 'console-1', 'Jordan', null, T0), startSession(other, 'console-1', 'Jordan', null, T0)]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'conflict' });
      expect(await store.one('SELECT count(*) AS n FROM sessions')).toEqual({ n: 1 });
    });
  }
});
