import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { paperFor } from '../../../main/sessions/report-pdf.ts';
import { exportSummary } from '../../../main/sessions/summary-export.ts';
import { summarize } from '../../../main/sessions/summary.ts';
import { teamSummaryHtml } from '../../../main/sessions/team-report.ts';
import { mergeSummaries, mixedZonesNote, parseSummaryFile, teamSummaryCsv } from '../../../main/sessions/team-summary.ts';
import { scopeDays, summaryFileName } from '../../../shared/summary-figures.ts';
import { callingSummarySchema } from '../../../shared/summary.ts';
import type { CallingSession } from '../../../shared/sessions.ts';
import { floorView } from '../../../main/floor/floor-view.ts';
import { saveCallList } from '../../../main/leads/call-lists.ts';
import { endSession, startSession } from '../../../main/sessions/sessions.ts';
import type { Queryable } from '../../../main/store/seam/store.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { DEFAULT_QUEUE_RULES } from '../../../shared/queue-rules.ts';
import { manualClock, testCore } from '../../helpers/test-core.ts';
import { seedStore } from '../../../main/store-seed.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

const FILE = [
  'Record ID,Name,Phone,Create Date,Recent Conversion,Recent Conversion Date',
  'ada,Ada Lovelace,+12125550100,2026-11-23 14:00,,',
  'bob,Bob Marley,+12125550101,2026-11-20 15:00,Contact sales,2026-11-23 14:30',
  'cy,Cy Young,+12125550102,2026-11-22 15:00,,',
  'di,Di Prima,+12125550103,2026-11-01 09:00,,',
].join('\n');

const MIN = 60_000;
const at = (hhmm: string, day = '2026-11-23') => Date.parse(`${day}T${hhmm}:00Z`);
const BANT = 'BANT met: need, budget, authority, and a timeline within 90 days';

/**
 * One morning, worked out by hand (Monday 23 November 2026, UTC):
 *   14:30 Bob asks for a call ("Contact sales")
 *   15:00 Ada  no answer                       a dial
 *   15:10 Bob  qualified, BANT answered        a contact, a conversation, cold → SQL, a handoff
 *   15:20 Cy   callback for 15:50              a contact, a conversation (a callback booked)
 *   15:55 Cy   do not call                     a contact; the callback made 5 min late: on time
 *   16:05 session ends. Di is never called.
 */
function expectedMorning(sessionId: number, bob: number) {
  return {
    schemaVersion: 2,
    scope: { sessionId, rep: 'ana', from: '2026-11-23T15:00:00.000Z', to: '2026-11-23T16:05:00.000Z', timeZone: 'America/New_York', listName: null },
    calls: 4,
    dials: 4,
    contacts: 3,
    conversations: 2,
    qualified: 1,
    contactRate: 0.75,
    dispositions: [
      { code: 'callback', label: 'Callback', count: 1, share: 0.25 },
      { code: 'do-not-call', label: 'Do not call', count: 1, share: 0.25 },
      { code: 'no-answer', label: 'No answer', count: 1, share: 0.25 },
      { code: 'qualified', label: 'Qualified', count: 1, share: 0.25 },
    ],
    funnel: [{ from: 'cold', to: 'SQL', count: 1 }],
    // Ada was dialled but never reached; Di never dialled.
    coverage: { leads: 4, attempted: 3, neverContacted: 2, neverContactedShare: 0.5 },
    // One request for a call that day (Bob's, at 14:30): dialled and reached by ana 40 minutes later.
    speedToLead: { requests: 1, toDial: { count: 1, medianMs: 40 * MIN, p90Ms: 40 * MIN }, toContact: { count: 1, medianMs: 40 * MIN, p90Ms: 40 * MIN } },
    attemptsToFirstContact: { leads: 2, average: 1 },
    callbacks: { set: 1, keptOnTime: 1, missed: 0 },
    dncAdded: 1,
    pausesBetweenCalls: { count: 0, seconds: 0 },
    handoffs: [{ leadId: bob, leadName: 'Bob Marley', at: '2026-11-23T15:10:00.000Z', why: BANT }],
    // 10:00–10:59 in New York.
    callsByHour: Array.from({ length: 24 }, (_, h) => (h === 10 ? 4 : 0)),
    // No call here closed a lead with a reason (test/main/calls/disposition-reasons.test.ts groups them).
    reasons: [],
  };
}

/** FILE's four leads, written straight into the store (as the importer leaves them): their ids by record id. */
async function seedLeads(q: Queryable): Promise<Record<'ada' | 'bob' | 'cy' | 'di', number>> {
  const lead = async (crmId: string, first: string, last: string, created: number, requestedAt: number | null = null) =>
    (await q.one<{ id: number }>(
      "INSERT INTO leads (crm_id, first_name, last_name, stage, created_at, requested_call, hand_raised_at) VALUES (?, ?, ?, 'cold', ?, ?, ?) RETURNING id",
      [crmId, first, last, created, requestedAt === null ? 0 : 1, requestedAt],
    ))!.id;
  const ids = {
    ada: await lead('ada', 'Ada', 'Lovelace', at('14:00')),
    bob: await lead('bob', 'Bob', 'Marley', at('15:00', '2026-11-20'), at('14:30')),
    cy: await lead('cy', 'Cy', 'Young', at('15:00', '2026-11-22')),
    di: await lead('di', 'Di', 'Prima', at('09:00', '2026-11-01')),
  };
  await q.run("INSERT INTO activities (lead_id, type, title, occurred_at) VALUES (?, 'call-request', 'Contact sales', ?)", [ids.bob, at('14:30')]);
  return ids;
}

/** A call as the console logs it, by `rep`, in `sessionId` if any. */
async function logCall(q: Queryable, call: { leadId: number; code: string; at: number; rep?: string | null; sessionId?: number | null; stageAfter?: string; answers?: string }) {
  const label = DEFAULT_DISPOSITIONS.find((d) => d.code === call.code)!.label;
  return (await q.one<{ id: number }>(
    `INSERT INTO calls (lead_id, disposition_code, disposition_label, started_at, ended_at, stage_before, stage_after, answers, counts_as_attempt, rep, session_id)
     VALUES (?, ?, ?, ?, ?, 'cold', ?, ?, 1, ?, ?) RETURNING id`,
    [call.leadId, call.code, label, call.at, call.at + MIN, call.stageAfter ?? 'cold', call.answers ?? null, call.rep === undefined ? 'ana' : call.rep, call.sessionId ?? null],
  ))!.id;
}

/** The morning above, on any store. */
async function morning(q: Queryable) {
  await seedStore(q, 0);
  const ids = await seedLeads(q);
  const session = await startSession(q, 'console-summary', 'ana', null, at('15:00'));
  const sessionId = session.id;
  await logCall(q, { leadId: ids.ada, code: 'no-answer', at: at('15:00'), sessionId });
  const qualified = await logCall(q, { leadId: ids.bob, code: 'qualified', at: at('15:10'), sessionId, stageAfter: 'SQL', answers: '{"need":"Dialling from spreadsheets"}' });
  await q.run("INSERT INTO handoffs (lead_id, call_id, rep, at, answers, notes, why) VALUES (?, ?, 'ana', ?, '{}', '', ?)", [ids.bob, qualified, at('15:10'), JSON.stringify({ summary: BANT })]);
  const callback = await logCall(q, { leadId: ids.cy, code: 'callback', at: at('15:20'), sessionId });
  const dnc = await logCall(q, { leadId: ids.cy, code: 'do-not-call', at: at('15:55'), sessionId });
  await q.run('INSERT INTO callbacks (lead_id, due_at, set_by_call_id, done_by_call_id) VALUES (?, ?, ?, ?)', [ids.cy, at('15:50'), callback, dnc]);
  await endSession(q, 'console-summary', at('16:05'));
  return { sessionId, ids, now: at('16:05') };
}

/** A store with FILE imported and a console on it, through the API as the console does it, on a clock that starts at `start`. */
async function consoleAt(start: string) {
  const core = testCore(start);
  const dispatch = createDispatcher(createHandlers(core));
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await dispatch(method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as T;
  };
  await call('leads.import', { fileName: 'l.csv', data: Buffer.from(FILE).toString('base64') });
  await call('prefs.set', { repName: 'ana' });
  const id = (crmId: string) => (core.db.prepare('SELECT id FROM leads WHERE crm_id = ?').get(crmId) as { id: number }).id;
  const consoleId = 'console-summary';
  const log = (crmId: string, code: string, extra: object = {}) => call('calls.disposition', { leadId: id(crmId), code, consoleId, ...extra });
  return { core, call, id, consoleId, log };
}

/** The same morning, made by a rep at the console (import, session, dispositions). */
async function morningAtTheConsole() {
  const { core, call, id, consoleId, log } = await consoleAt('2026-11-23T15:00:00Z');
  const session = await call<CallingSession>('sessions.start', { consoleId });
  const set = (hhmm: string) => core.clock.set(`2026-11-23T${hhmm}:00Z`);
  await log('ada', 'no-answer');
  set('15:10');
  await log('bob', 'qualified', { answers: { need: 'Dialling from spreadsheets', budget: 'yes', authority: 'You decide', timeline: '2026-12-20' } });
  set('15:20');
  await log('cy', 'callback', { callbackAt: '2026-11-23T15:50:00Z' });
  set('15:55');
  await log('cy', 'do-not-call');
  set('16:05');
  await call('sessions.end', { consoleId });
  return { core, sessionId: session.id, id };
}

describe('the summary of a session made at the console', () => {
  it('gives every figure as worked out by hand', async () => {
    const { core, sessionId, id } = await morningAtTheConsole();
    expect(await summarize(core.store, { sessionId, timeZone: 'America/New_York' }, core.clock.now())).toEqual(expectedMorning(sessionId, id('bob')));
  });
});

describeEachStore('the summary of a session', ({ open }) => {
  it('gives every figure as worked out by hand', async () => {
    const q = await open();
    const { sessionId, ids, now } = await morning(q);
    expect(await summarize(q, { sessionId, timeZone: 'America/New_York' }, now)).toEqual(expectedMorning(sessionId, ids.bob));
  });

  it('counts its own calls only: a lead another console tried meanwhile is not one this session attempted', async () => {
    const q = await open();
    await seedStore(q, 0);
    const ids = await seedLeads(q);
    const session = await startSession(q, 'console-summary', 'ana', null, at('15:00'));
    await logCall(q, { leadId: ids.ada, code: 'no-answer', at: at('15:00'), sessionId: session.id });
    await logCall(q, { leadId: ids.di, code: 'no-answer', at: at('15:05'), rep: 'ben' });
    await endSession(q, 'console-summary', at('15:10'));
    const summary = await summarize(q, { sessionId: session.id }, at('15:10'));
    expect([summary.dials, summary.coverage.attempted]).toEqual([1, 1]);
  });

  it('counts the hours in the zone asked for: in Tokyo the same calls fall after midnight', async () => {
    const q = await open();
    const { sessionId, now } = await morning(q);
    const tokyo = await summarize(q, { sessionId, timeZone: 'Asia/Tokyo' }, now);
    expect(tokyo.callsByHour[0]).toBe(4);
  });

  it('covers a rep over a date range the same way, and an empty range is all zeros', async () => {
    const q = await open();
    const { sessionId, now } = await morning(q);
    const range = await summarize(q, { from: at('00:00'), to: at('00:00', '2026-11-24') }, now);
    const session = await summarize(q, { sessionId }, now);
    expect({ ...range, scope: null }).toEqual({ ...session, coverage: range.coverage, scope: null });
    const empty = await summarize(q, { from: at('00:00', '2026-11-24'), to: at('00:00', '2026-11-25') }, now);
    expect(empty).toMatchObject({
      calls: 0,
      dials: 0,
      contactRate: 0,
      dispositions: [],
      funnel: [],
      speedToLead: { requests: 0, toDial: { count: 0, medianMs: null, p90Ms: null }, toContact: { count: 0, medianMs: null, p90Ms: null } },
      attemptsToFirstContact: { leads: 0, average: null },
      callbacks: { set: 0, keptOnTime: 0, missed: 0 },
      handoffs: [],
    });
  });

  it("gives a rep's speed to lead for the requests that rep answered first, and the team's for everyone", async () => {
    const q = await open();
    await seedStore(q, 0);
    const ids = await seedLeads(q);
    // Two more requests that morning: Ada asks at 15:00 (ben dials at 15:02, ana reaches her at 15:30), Cy at 15:10 (nobody calls).
    await q.run("INSERT INTO activities (lead_id, type, title, occurred_at) VALUES (?, 'demo-request', 'Demo', ?), (?, 'call-request', 'Call me', ?)", [ids.ada, at('15:00'), ids.cy, at('15:10')]);
    await logCall(q, { leadId: ids.bob, code: 'no-answer', at: at('14:40') }); //        ana: 10 min to Bob's first dial
    await logCall(q, { leadId: ids.ada, code: 'no-answer', at: at('15:02'), rep: 'ben' }); // ben: 2 min to Ada's first dial
    await logCall(q, { leadId: ids.ada, code: 'wrong-person', at: at('15:30') }); //       ana: 30 min to Ada's first contact
    const day = { from: at('00:00'), to: at('00:00', '2026-11-24'), timeZone: 'UTC' };
    const now = at('17:00');
    const team = await summarize(q, day, now);
    expect(team.speedToLead).toEqual({ requests: 3, toDial: { count: 2, medianMs: 2 * MIN, p90Ms: 10 * MIN }, toContact: { count: 1, medianMs: 30 * MIN, p90Ms: 30 * MIN } });
    expect((await summarize(q, { ...day, rep: 'ana' }, now)).speedToLead).toEqual({ requests: 3, toDial: { count: 1, medianMs: 10 * MIN, p90Ms: 10 * MIN }, toContact: { count: 1, medianMs: 30 * MIN, p90Ms: 30 * MIN } });
    expect((await summarize(q, { ...day, rep: 'ben' }, now)).speedToLead).toEqual({ requests: 3, toDial: { count: 1, medianMs: 2 * MIN, p90Ms: 2 * MIN }, toContact: { count: 0, medianMs: null, p90Ms: null } });
    // The floor reads the same figures for that day.
    const floor = await floorView(q, { now, timeZone: 'UTC', roster: { kind: 'solo', rep: 'ana' }, rules: DEFAULT_QUEUE_RULES });
    expect(floor.team.speedToLead).toEqual(team.speedToLead);
  });


  it('exported as JSON parses back to the same figures, and its CSV totals carry them too', async () => {
    const q = await open();
    const { sessionId, now } = await morning(q);
    const summary = await summarize(q, { sessionId, timeZone: 'America/New_York' }, now);
    const [json] = await exportSummary(q, { sessionId, timeZone: 'America/New_York' }, 'json', now);
    expect(JSON.parse(json!.content)).toEqual(summary);
    const [calls, totals] = await exportSummary(q, { sessionId, timeZone: 'America/New_York' }, 'csv', now);
    expect(calls!.content.trim().split('\r\n')).toHaveLength(1 + 4);
    const figures = Object.fromEntries((parse(totals!.content) as string[][]).slice(1));
    expect(figures).toMatchObject({
      Calls: '4',
      Dials: '4',
      Contacts: '3',
      'Qualified (SQL)': '1',
      'Contact rate': '0.75',
      'Leads never contacted': '2',
      'Requests for a call': '1',
      'Speed to lead, to first dial, median (s)': '2400',
      'Speed to lead, to first contact, p90 (s)': '2400',
      'Callbacks kept on time': '1',
      'Do-not-call added': '1',
      'Dials 10:00': '4',
    });
  });

  it('prints as one HTML file with the figures and charts, and a lead name holding markup stays text', async () => {
    const q = await open();
    const { sessionId, ids, now } = await morning(q);
    await q.run("UPDATE leads SET first_name = '<script>alert(1)</script>' WHERE id = ?", [ids.bob]);
    const [report] = await exportSummary(q, { sessionId, timeZone: 'America/New_York' }, 'html', now);
    expect(report!.fileName).toBe(`nextcall-session-${sessionId}-ana.html`);
    expect(report!.content).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Marley');
    expect(report!.content).not.toContain('<script>');
    expect(report!.content.match(/<svg /g)).toHaveLength(3);
    expect(report!.content).toContain('<div class="label">Qualified (SQL)</div><div class="value">1</div>');
    expect(report!.content).toContain('<div class="label">Speed to lead</div><div class="value">40 min</div>');
  });

  it('counts a callback due later today as set, not missed, when the range runs past now', async () => {
    const q = await open();
    await seedStore(q, 0);
    const ids = await seedLeads(q);
    const callId = await logCall(q, { leadId: ids.ada, code: 'callback', at: at('15:00') });
    await q.run('INSERT INTO callbacks (lead_id, due_at, set_by_call_id) VALUES (?, ?, ?)', [ids.ada, at('21:00'), callId]);
    const newYorkDay = { from: at('05:00'), to: at('05:00', '2026-11-24'), timeZone: 'America/New_York' };
    expect((await summarize(q, newYorkDay, at('16:00'))).callbacks).toEqual({ set: 1, keptOnTime: 0, missed: 0 });
    // The next morning it is missed.
    expect((await summarize(q, newYorkDay, at('14:00', '2026-11-24'))).callbacks).toEqual({ set: 1, keptOnTime: 0, missed: 1 });
  });

  it('counts only the calls to a list’s leads when a list is named, in the figures and in the CSV', async () => {
    const q = await open();
    const { now } = await morning(q);
    await saveCallList(q, manualClock('2026-11-23T17:00:00Z'), { name: 'New this week', filter: { createdSince: '2026-11-22T00:00:00Z' }, rules: null });
    const range = { from: at('00:00'), to: at('00:00', '2026-11-24'), timeZone: 'UTC' };
    const list = await summarize(q, { ...range, listName: 'New this week' }, now);
    // Ada and Cy were created this week; Bob (created the 20th), his request and his qualification are not in it.
    expect([list.calls, list.qualified, list.coverage.leads, list.speedToLead.requests]).toEqual([3, 0, 2, 0]);
    const [calls] = await exportSummary(q, { ...range, listName: 'New this week' }, 'csv', now);
    expect((parse(calls!.content, { columns: true }) as { Lead: string }[]).map((r) => r.Lead)).toEqual(['Ada Lovelace', 'Cy Young', 'Cy Young']);
    await expect(summarize(q, { ...range, listName: 'Nope' }, now)).rejects.toThrow('There is no call list named "Nope".');
  });

  it('keeps every call of a session across midnight, and each calendar day counts its own side of it', async () => {
    // Paris, Monday 23 November 2026: a session from 23:30 to 00:40 (22:30 to 23:40 UTC).
    const q = await open();
    await seedStore(q, 0);
    const ids = await seedLeads(q);
    const { id: sessionId } = await startSession(q, 'console-paris', 'ana', null, at('22:30'));
    await logCall(q, { leadId: ids.ada, code: 'no-answer', at: at('22:45'), sessionId }); // 23:45 in Paris, Monday
    await logCall(q, { leadId: ids.cy, code: 'no-answer', at: at('23:15'), sessionId }); //  00:15 in Paris, Tuesday
    await logCall(q, { leadId: ids.di, code: 'voicemail', at: at('23:20'), sessionId }); // 00:20 in Paris, Tuesday
    const now = at('23:40');
    await endSession(q, 'console-paris', now);

    const timeZone = 'Europe/Paris';
    const whole = await summarize(q, { sessionId, timeZone }, now);
    expect(whole.calls).toBe(3);
    expect(whole.callsByHour[23]).toBe(1);
    expect(whole.callsByHour[0]).toBe(2);
    expect(whole.callsByHour.reduce((a, b) => a + b, 0)).toBe(3);

    // Paris's Monday and Tuesday, as a team lead there would ask for them.
    const monday = await summarize(q, { from: Date.parse('2026-11-23T00:00:00+01:00'), to: Date.parse('2026-11-24T00:00:00+01:00'), timeZone }, now);
    const tuesday = await summarize(q, { from: Date.parse('2026-11-24T00:00:00+01:00'), to: Date.parse('2026-11-25T00:00:00+01:00'), timeZone }, now);
    expect([monday.calls, tuesday.calls]).toEqual([1, 2]);
    expect(monday.dispositions).toEqual([{ code: 'no-answer', label: 'No answer', count: 1, share: 1 }]);
    expect(tuesday.dispositions.map((d) => [d.code, d.count])).toEqual([['no-answer', 1], ['voicemail', 1]]);
  });
});

describe('a team summary', () => {
  it('adds up the reps’ counts exactly, recomputes the rate, and lists each rep and the team', async () => {
    const { core, sessionId } = await morningAtTheConsole();
    const ana = await summarize(core.store, { sessionId, timeZone: 'America/New_York' }, core.clock.now());
    const ben = { ...ana, scope: { ...ana.scope, rep: 'Ben' }, dials: 6, contacts: 1, calls: 6, qualified: 0, callsByHour: ana.callsByHour.map((n) => n * 2) };
    const team = mergeSummaries([
      { source: 'ana.json', summary: ana },
      { source: 'ben.json', summary: ben },
    ]);
    expect(team.reps.map((r) => r.rep)).toEqual(['ana', 'Ben']);
    expect(team.total).toMatchObject({ calls: 10, dials: 10, contacts: 4, contactRate: 0.4, qualified: 1, dncAdded: 2, callbacks: { set: 2, keptOnTime: 2, missed: 0 } });
    expect(team.total.callsByHour?.[10]).toBe(12);
    expect(team.total.attemptsToFirstContact).toEqual({ leads: 4, average: 1 });
    expect(teamSummaryCsv(team).split('\r\n')[3]).toBe('Team,10,10,4,0.4,4,1,2,2,0,2');
  });

  it('does not add up hours of the day counted in different zones, and says so', async () => {
    const { core, sessionId } = await morningAtTheConsole();
    const inNewYork = await summarize(core.store, { sessionId, timeZone: 'America/New_York' }, core.clock.now());
    const inTokyo = await summarize(core.store, { sessionId, timeZone: 'Asia/Tokyo' }, core.clock.now());
    // The same calls, the same day: only the clock they were read on differs.
    expect(inTokyo.callsByHour).not.toEqual(inNewYork.callsByHour);
    const mixed = mergeSummaries([
      { source: 'ana.json', summary: inNewYork },
      { source: 'kenji.json', summary: { ...inTokyo, scope: { ...inTokyo.scope, rep: 'Kenji' } } },
    ]);
    expect(mixed.timeZone).toBeNull();
    expect(mixed.total.callsByHour).toBeNull();
    expect(mixed.total.calls).toBe(inNewYork.calls * 2);
    expect(mixedZonesNote(mixed)).toContain('ana (America/New_York), Kenji (Asia/Tokyo)');

    const same = mergeSummaries([{ source: 'ana.json', summary: inTokyo }, { source: 'kenji.json', summary: inTokyo }]);
    expect(same.timeZone).toBe('Asia/Tokyo');
    expect(same.total.callsByHour).toEqual(inTokyo.callsByHour.map((n) => n * 2));
    expect(mixedZonesNote(same)).toBeNull();
  });

  it('prints as one HTML page: a row per rep and the team, charts, and the hours only on one clock', async () => {
    const { core, sessionId } = await morningAtTheConsole();
    const ana = await summarize(core.store, { sessionId, timeZone: 'America/New_York' }, core.clock.now());
    const sneaky = { ...ana, scope: { ...ana.scope, rep: '<img src=x onerror=alert(1)>' } };
    const html = teamSummaryHtml(mergeSummaries([{ source: 'ana.json', summary: ana }, { source: 'x.json', summary: sneaky }]));
    const rows = [...html.matchAll(/<tr><t[dh]>([^<]*)<\/t[dh]><t[dh]>(\d+)<\/t[dh]>/g)].map((m) => [m[1], Number(m[2])]);
    expect(rows).toEqual([['ana', ana.dials], ['&lt;img src=x onerror=alert(1)&gt;', ana.dials], ['Team', ana.dials * 2]]);
    expect(html).not.toContain('<img');
    expect(html.match(/<svg /g)).toHaveLength(3);

    const tokyo = await summarize(core.store, { sessionId, timeZone: 'Asia/Tokyo' }, core.clock.now());
    const mixed = teamSummaryHtml(mergeSummaries([{ source: 'ana.json', summary: ana }, { source: 'kenji.json', summary: { ...tokyo, scope: { ...tokyo.scope, rep: 'kenji' } } }]));
    expect(mixed.match(/<svg /g)).toHaveLength(2);
    expect(mixed).toContain('different zones: ana (America/New_York), kenji (Asia/Tokyo)');
    // Every summary covers Monday morning's session: the page says which days it is about.
    expect(html).toContain(`<p class="scope">session #${sessionId}, 2026-11-23 · 2 reps`);
    const monday = { ...ana, scope: { ...ana.scope, sessionId: null } };
    const tuesday = { ...monday, scope: { ...monday.scope, rep: 'Ben', from: '2026-11-24T05:00:00.000Z', to: '2026-11-25T05:00:00.000Z' } };
    expect(teamSummaryHtml(mergeSummaries([{ source: 'ana.json', summary: monday }, { source: 'ben.json', summary: tuesday }]))).toContain('different periods: ana 2026-11-23; Ben 2026-11-24');
  });

  it('reads a rep’s JSON export back as the same summary, and names the file and the field when one is not', async () => {
    const { core, sessionId } = await morningAtTheConsole();
    const [file] = await exportSummary(core.store, { sessionId, timeZone: 'America/New_York' }, 'json', core.clock.now());
    const summary = await summarize(core.store, { sessionId, timeZone: 'America/New_York' }, core.clock.now());
    expect(parseSummaryFile('ana.json', file!.content)).toEqual(summary);
    expect(callingSummarySchema.parse(summary)).toEqual(summary);
    // A file saved by Windows Notepad starts with a byte-order mark.
    expect(parseSummaryFile('ana.json', `\uFEFF${file!.content}`)).toEqual(summary);
    // A file of schema version 1 (speed to lead in minutes, from a lead's creation) is still read:
    // its figure becomes the time to the first dial; the time to the first contact was not measured.
    const old = JSON.stringify({ ...summary, schemaVersion: 1, speedToLead: { leads: 3, medianMinutes: 60, p90Minutes: 1460 } });
    expect(parseSummaryFile('old.json', old)).toEqual({
      ...summary,
      speedToLead: { requests: 3, toDial: { count: 3, medianMs: 60 * MIN, p90Ms: 1460 * MIN }, toContact: { count: 0, medianMs: null, p90Ms: null } },
    });
    expect(() => parseSummaryFile('old.json', JSON.stringify({ ...summary, schemaVersion: 1 }))).toThrow('old.json is not a valid Nextcall summary: speedToLead.leads:');
    expect(mergeSummaries([{ source: 'old.json', summary: parseSummaryFile('old.json', old) }, { source: 'ana.json', summary }]).total.speedToLead).toEqual({
      requests: 4,
      toDial: { count: 4, medianMs: null, p90Ms: null },
      toContact: { count: 1, medianMs: null, p90Ms: null },
    });

    const broken = (change: object) => JSON.stringify({ ...summary, ...change });
    expect(() => parseSummaryFile('notes.txt', 'Monday: 40 dials')).toThrow('notes.txt is not JSON');
    expect(() => parseSummaryFile('leads.json', '[{"name": "Ada"}]')).toThrow('leads.json is not a Nextcall summary: it has no schemaVersion.');
    expect(() => parseSummaryFile('next.json', broken({ schemaVersion: 3 }))).toThrow('next.json is a summary of schema version 3; this Nextcall reads versions 1 to 2.');
    expect(() => parseSummaryFile('ana.json', broken({ callsByHour: summary.callsByHour.slice(1) }))).toThrow('ana.json is not a valid Nextcall summary: callsByHour:');
    expect(() => parseSummaryFile('ana.json', broken({ dials: -3 }))).toThrow('ana.json is not a valid Nextcall summary: dials:');
    expect(() => parseSummaryFile('ana.json', broken({ scope: { ...summary.scope, timeZone: 'Mars/Olympus' } }))).toThrow('ana.json is not a valid Nextcall summary: scope.timeZone: not a time zone.');
    expect(() => parseSummaryFile('ana.json', broken({ dispositions: [{ code: 'busy', label: 'Busy', count: '4', share: 0.5 }] }))).toThrow(
      'ana.json is not a valid Nextcall summary: dispositions.0.count:',
    );
  });

  it('merges files through the API, lists who called, and refuses a bad file without merging the rest', async () => {
    const { core, sessionId } = await morningAtTheConsole();
    const dispatch = createDispatcher(createHandlers(core));
    const [file] = await exportSummary(core.store, { sessionId, timeZone: 'America/New_York' }, 'json', core.clock.now());
    const files = [
      { fileName: 'ana.json', text: file!.content },
      { fileName: 'kenji.json', text: file!.content.replace('"rep": "ana"', '"rep": "Kenji"') },
    ];
    const merged = await dispatch('team.merge', { files });
    expect(merged.ok && merged.value).toMatchObject({ team: { reps: [{ rep: 'ana' }, { rep: 'Kenji' }], total: { calls: 8 } }, note: null, refused: [] });
    const csv = await dispatch('team.export', { files, format: 'csv' });
    const { fileName, content } = (csv.ok ? csv.value : {}) as { fileName?: string; content?: string };
    expect(fileName).toBe('nextcall-team-summary.csv');
    expect(content?.split('\r\n')[3]).toMatch(/^Team,8,/);

    // A bad file among good ones is refused by name; the good ones are merged.
    const mixed = await dispatch('team.merge', { files: [files[0], { fileName: 'notes.json', text: '{' }, files[1]] });
    expect(mixed.ok && mixed.value).toMatchObject({ team: { reps: [{ rep: 'ana' }, { rep: 'Kenji' }] }, refused: [{ index: 1, fileName: 'notes.json', message: expect.stringContaining('notes.json is not JSON') }] });
    expect(await dispatch('team.merge', { files: [{ fileName: 'notes.json', text: '{' }] })).toMatchObject({ ok: true, value: { team: null, refused: [{ index: 0 }] } });
    // An export of the whole team needs every file to be a summary.
    expect(await dispatch('team.export', { files: [files[0], { fileName: 'notes.json', text: '{' }] })).toMatchObject({ ok: false, error: { message: expect.stringContaining('notes.json is not JSON') } });
    expect(await dispatch('team.merge', { files: [] })).toMatchObject({ ok: false, error: { message: expect.stringContaining('choose at least one summary file') } });

    // The morning's calls were ana's; a rep who names herself and starts a session is listed too.
    expect(await dispatch('sessions.reps', {})).toEqual({ ok: true, value: ['ana'] });
    await dispatch('prefs.set', { repName: 'Zoé' });
    await dispatch('sessions.start', { consoleId: 'console-zoe' });
    expect(await dispatch('sessions.reps', {})).toEqual({ ok: true, value: ['Zoé', 'ana'] });
  });
});

describe('a report as PDF', () => {
  it('is the HTML report printed by the desktop app, and a clear sentence where no printer is', async () => {
    const { core, sessionId } = await morningAtTheConsole();
    const printed: string[] = [];
    const printPdf = async (html: string) => {
      printed.push(html);
      return new TextEncoder().encode('%PDF-1.7 printed');
    };
    const desktop = createDispatcher(createHandlers(core, { printPdf }));
    expect(await desktop('app.capabilities', {})).toEqual({ ok: true, value: { pdf: true } });
    const result = await desktop('sessions.export', { sessionId, format: 'pdf', timeZone: 'America/New_York' });
    const [pdf] = (result.ok ? result.value : []) as { fileName: string; mimeType: string; content: string; encoding?: string }[];
    expect(pdf).toMatchObject({ fileName: `nextcall-session-${sessionId}-ana.pdf`, mimeType: 'application/pdf', encoding: 'base64' });
    expect(Buffer.from(pdf!.content, 'base64').toString()).toBe('%PDF-1.7 printed');
    const [html] = await exportSummary(core.store, { sessionId, timeZone: 'America/New_York' }, 'html', core.clock.now());
    // ECharts numbers its SVG classes per render; the page is otherwise the same.
    const sameRender = (page: string) => page.replace(/zr\d+-cls-\d+/g, 'zr-cls');
    expect(printed.map(sameRender)).toEqual([sameRender(html!.content)]);

    const [json] = await exportSummary(core.store, { sessionId, timeZone: 'America/New_York' }, 'json', core.clock.now());
    const team = await desktop('team.export', { files: [{ fileName: 'ana.json', text: json!.content }], format: 'pdf' });
    expect(team).toMatchObject({ ok: true, value: { fileName: 'nextcall-team-summary.pdf', encoding: 'base64' } });
    expect(printed[1]).toContain('<h1>Team summary');

    const browser = createDispatcher(createHandlers(core));
    expect(await browser('app.capabilities', {})).toEqual({ ok: true, value: { pdf: false } });
    expect(await browser('sessions.export', { sessionId, format: 'pdf' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('PDF comes from the desktop app') } });
  });

  it('goes on Letter paper in the Americas’ letter-size countries, A4 elsewhere', () => {
    expect([paperFor('US'), paperFor('ca'), paperFor('FR'), paperFor('JP'), paperFor('')]).toEqual(['Letter', 'Letter', 'A4', 'A4', 'A4']);
  });
});

describe('a summary’s days and file name', () => {
  const scope = { sessionId: null, rep: null, from: '2026-11-22T23:00:00.000Z', to: '2026-11-23T23:00:00.000Z', timeZone: 'Europe/Paris', listName: null };
  it('are the days on the summary’s own clock, and say whose it is', () => {
    expect(scopeDays(scope)).toBe('2026-11-23');
    expect(summaryFileName(scope)).toBe('nextcall-summary-2026-11-23');
    const week = { ...scope, rep: 'Zoé Martin', to: '2026-11-27T23:00:00.000Z' };
    expect(scopeDays(week)).toBe('2026-11-23 to 2026-11-27');
    expect(summaryFileName(week)).toBe('nextcall-summary-zoe-martin-2026-11-23-to-2026-11-27');
    expect(summaryFileName({ ...scope, sessionId: 3, rep: '../../etc/passwd' })).toBe('nextcall-session-3-etc-passwd');
    expect(summaryFileName({ ...scope, sessionId: 3, rep: '***' })).toBe('nextcall-session-3');
  });
});
