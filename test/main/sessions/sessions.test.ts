import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { talkClock, type CallingSession } from '../../../shared/sessions.ts';
import { testCore } from '../../helpers/test-core.ts';

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
