import { describe, expect, it } from 'vitest';
import { logDisposition } from '../../../main/calls/log-disposition.ts';
import { claimLead, holdLead } from '../../../main/queue/claims.ts';
import { pickNext, previewQueue, type QueueContext } from '../../../main/queue/next-lead.ts';
import { queueSnapshot, whyNot } from '../../../main/queue/queue-view.ts';
import type { Store } from '../../../main/store/seam/store.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { DEFAULT_QUEUE_RULES, type QueueRules } from '../../../shared/queue-rules.ts';
import { seedCsv } from '../../helpers/seed-leads.ts';
import { csv, manualClock, type ManualClock } from '../../helpers/test-core.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

// Monday 23 November 2026, 10:00 in New York.
const MONDAY_10AM_NY = '2026-11-23T15:00:00Z';
const HOUR = 3_600_000;
const HEADER = 'Record ID,Name,Phone,Lifecycle Stage,HubSpot Score,Create Date,Recent Conversion,Recent Conversion Date,Do Not Call,Original Source';

interface TestStore {
  store: Store;
  clock: ManualClock;
}

const ctx = (core: TestStore, rules: Partial<QueueRules> = {}, consoleId: string | null = null): QueueContext => ({
  now: core.clock.now(),
  rules: { ...DEFAULT_QUEUE_RULES, ...rules },
  consoleId,
});

const crmIdOf = async (core: TestStore, leadId: number | undefined) =>
  leadId === undefined ? undefined : (await core.store.one<{ crm_id: string }>('SELECT crm_id FROM leads WHERE id = ?', [leadId]))!.crm_id;
const idOf = async (core: TestStore, crmId: string) => (await core.store.one<{ id: number }>('SELECT id FROM leads WHERE crm_id = ?', [crmId]))!.id;
const next = async (core: TestStore, rules: Partial<QueueRules> = {}) => crmIdOf(core, (await pickNext(core.store, ctx(core, rules)))?.leadId);
const order = async (core: TestStore, rules: Partial<QueueRules> = {}) => {
  const ids: (string | undefined)[] = [];
  for (const p of await previewQueue(core.store, ctx(core, rules), 50)) ids.push(await crmIdOf(core, p.leadId));
  return ids;
};
const log = async (core: TestStore, crmId: string, code: string, callbackAt?: string) =>
  logDisposition(core.store, core.clock, DEFAULT_DISPOSITIONS, { leadId: await idOf(core, crmId), code, notes: '', callbackAt });

describeEachStore('the queue', ({ open }) => {
async function store(...rows: string[]): Promise<TestStore> {
  const core = { store: await open(), clock: manualClock(MONDAY_10AM_NY) };
  await seedCsv(core.store, csv(HEADER, ...rows), { now: core.clock.now() });
  return core;
}

describe('the order of the queue', () => {
  it('offers a due callback first, then hand-raisers, retries due, never-called leads, and the rest', async () => {
    const core = await store(
      'fresh-mql,F,+12125550100,marketingqualifiedlead,99,2026-11-01,,,,',
      'raiser,R,+12125550101,subscriber,10,2026-11-01,Contact sales,2026-11-22 09:00,,',
      'retry,T,+12125550102,lead,50,2026-11-01,,,,',
      'callback,C,+12125550103,lead,50,2026-11-01,,,,',
      'rest,X,+12125550104,lead,50,2026-11-01,,,,',
    );
    await log(core, 'retry', 'busy');
    await log(core, 'callback', 'callback', '2026-11-23T16:00:00Z');
    await log(core, 'rest', 'callback', '2026-11-23T15:30:00Z');
    core.clock.advance(HOUR);
    // The callback set for 15:30 was made, leaving "rest" with nothing scheduled: the rest tier.
    await core.store.run('UPDATE callbacks SET done_by_call_id = set_by_call_id WHERE due_at = ?', [Date.parse('2026-11-23T15:30:00Z')]);
    expect(await order(core)).toEqual(['callback', 'raiser', 'retry', 'fresh-mql', 'rest']);
    expect((await previewQueue(core.store, ctx(core), 5)).map((p) => p.tier)).toEqual(['callback', 'hand-raiser', 'retry', 'never-called', 'rest']);
  });

  it('answers a request made within the hour first, then older ones newest first, and counts a fresh inbound lead among them', async () => {
    const core = await store(
      'late,L,+12125550100,lead,10,2026-11-01,Contact sales,2026-11-23 14:00,,',
      'early,E,+12125550101,lead,10,2026-11-01,Request a demo,2026-11-22 09:00,,',
      'inbound,I,+12125550102,lead,10,2026-11-23 13:00,,,,Organic Search',
      'old-inbound,O,+12125550103,marketingqualifiedlead,90,2026-11-01,,,,Organic Search',
    );
    expect(await order(core)).toEqual(['late', 'inbound', 'early', 'old-inbound']);
    expect((await pickNext(core.store, ctx(core)))?.reasons).toEqual(['Asked for a call 1 h ago', 'Not called yet']);
  });

  it('ranks never-called leads by stage, then score, then latest activity', async () => {
    const core = await store(
      'cold,C,+12125550100,other,90,2026-11-01,,,,',
      'iql,I,+12125550101,lead,50,2026-11-01,,,,',
      'mql-low,M1,+12125550102,marketingqualifiedlead,10,2026-11-01,Ebook: A,2026-11-20,,',
      'mql-high,M2,+12125550103,marketingqualifiedlead,80,2026-11-01,,,,',
      'mql-low-recent,M3,+12125550104,marketingqualifiedlead,10,2026-11-01,Ebook: B,2026-11-22,,',
    );
    expect(await order(core)).toEqual(['mql-high', 'mql-low-recent', 'mql-low', 'iql', 'cold']);
  });

  it('gives back a lead after its wait (no answer: 4 hours) and says why', async () => {
    const core = await store('a,Ada,+12125550100,lead,50,2026-11-01,,,,');
    await log(core, 'a', 'no-answer');
    core.clock.advance(4 * HOUR - 1);
    expect(await next(core)).toBeUndefined();
    core.clock.advance(1);
    expect(await next(core)).toBe('a');
    expect((await pickNext(core.store, ctx(core)))?.reasons).toEqual(['2nd attempt', 'last: No answer 4 h ago']);
  });
  it('still offers a lead when leads span more open time zones than SQLite joins in one statement', async () => {
    // A list from around the world: past some seventy open zones, the tier heads' one UNION ALL
    // would pass SQLite's 500 terms of a compound SELECT.
    const core = await store('far,F,+12125550100,lead,50,2026-11-01,,,,');
    for (const zone of Intl.supportedValuesOf('timeZone').slice(0, 120)) {
      await core.store.run('INSERT INTO queue_zones (time_zone) VALUES (?) ON CONFLICT (time_zone) DO NOTHING', [zone]);
    }
    const always = { window: { days: [1, 2, 3, 4, 5, 6, 7], start: 0, end: 24 * 60 } };
    expect(await next(core, always)).toBe('far');
    expect((await queueSnapshot(core.store, ctx(core, always))).due).toBe(1);
  });
});

describe('what the queue never offers', () => {
  it('a do-not-call lead, a closed stage, a lead with no good number', async () => {
    const core = await store(
      'dnc,D,+12125550100,lead,99,2026-11-01,,,true,',
      'sql,S,+12125550101,salesqualifiedlead,99,2026-11-01,,,,',
      'bad,B,555-01,lead,99,2026-11-01,,,,',
      'ok,O,+12125550103,lead,1,2026-11-01,,,,',
    );
    expect(await order(core)).toEqual(['ok']);
    expect((await whyNot(core.store, await idOf(core, 'dnc'), ctx(core))).blockers.map((b) => b.rule)).toEqual(['do-not-call']);
    expect((await whyNot(core.store, await idOf(core, 'sql'), ctx(core)))).toMatchObject({ blockers: [{ rule: 'closed-stage' }], eligibleFrom: null });
    expect((await whyNot(core.store, await idOf(core, 'bad'), ctx(core))).blockers.map((b) => b.rule)).toEqual(['no-good-number', 'unknown-zone']);
  });

  it('a nurtured lead until its recycle date', async () => {
    const core = await store('n,N,+12125550100,lead,50,2026-11-01,,,,');
    await log(core, 'n', 'not-interested');
    expect((await whyNot(core.store, await idOf(core, 'n'), ctx(core)))).toMatchObject({ blockers: [{ rule: 'retry-wait', until: '2027-02-21T15:00:00.000Z' }] });
    core.clock.set('2027-02-22T15:00:00Z');
    expect(await next(core)).toBe('n');
  });

  it('a lead over its lifetime attempt cap', async () => {
    const core = await store('a,Ada,+12125550100,lead,50,2026-11-01,,,,');
    for (let i = 0; i < 3; i++) {
      await log(core, 'a', 'busy');
      core.clock.advance(HOUR);
    }
    expect(await next(core, { lifetimeAttemptCap: 3 })).toBeUndefined();
    expect((await whyNot(core.store, await idOf(core, 'a'), ctx(core, { lifetimeAttemptCap: 3 }))).blockers.map((b) => b.rule)).toContain('attempt-cap');
  });

  it('a lead on another console, until that console lets go or goes quiet for half an hour', async () => {
    const core = await store('a,Ada,+12125550100,lead,50,2026-11-01,,,,');
    await claimLead(core.store, await idOf(core, 'a'), 'window-one', core.clock.now());
    expect(await pickNext(core.store, ctx(core, {}, 'window-two'))).toBeNull();
    expect(await crmIdOf(core, (await pickNext(core.store, ctx(core, {}, 'window-one')))?.leadId)).toBe('a');
    core.clock.advance(30 * 60_000);
    expect(await crmIdOf(core, (await pickNext(core.store, ctx(core, {}, 'window-two')))?.leadId)).toBe('a');
  });

  it('two consoles asking in turn get two different leads', async () => {
    const core = await store('a,Ada,+12125550100,lead,90,2026-11-01,,,,', 'b,Bob,+12125550101,lead,50,2026-11-01,,,,');
    const first = (await queueSnapshot(core.store, ctx(core, {}, 'window-one'))).next?.card.lead.crmId;
    const second = (await queueSnapshot(core.store, ctx(core, {}, 'window-two'))).next?.card.lead.crmId;
    expect([first, second]).toEqual(['a', 'b']);
  });

  it('a skipped or snoozed lead until its time', async () => {
    const core = await store('a,Ada,+12125550100,lead,50,2026-11-01,,,,');
    await holdLead(core.store, await idOf(core, 'a'), core.clock.now() + 10 * 60_000, core.clock.now());
    expect(await next(core)).toBeUndefined();
    core.clock.advance(10 * 60_000);
    expect(await next(core)).toBe('a');
    await expect(holdLead(core.store, await idOf(core, 'a'), core.clock.now() - 1, core.clock.now())).rejects.toThrow(/in the future/);
  });

  it('a lead with a callback booked for later, until the callback is due', async () => {
    const core = await store('a,Ada,+12125550100,lead,50,2026-11-01,,,,');
    await log(core, 'a', 'callback', '2026-11-23T18:30:00Z');
    expect((await whyNot(core.store, await idOf(core, 'a'), ctx(core)))).toMatchObject({ blockers: [{ rule: 'callback-later' }], eligibleFrom: '2026-11-23T18:30:00.000Z' });
    core.clock.set('2026-11-23T18:30:00Z');
    expect((await pickNext(core.store, ctx(core)))?.reasons[0]).toBe('Callback due 1:30 PM local');
    core.clock.set('2026-11-23T20:00:00Z');
    expect((await pickNext(core.store, ctx(core)))?.reasons[0]).toBe('Callback missed: was due 1:30 PM local');
  });
});

describe('calling hours in the lead’s own time', () => {
  const ny = 'ny,N,+12125550100,lead,50,2026-11-01,,,,';

  it('calls at 8:00 am local, not at 7:59', async () => {
    const core = await store(ny);
    core.clock.set('2026-11-23T12:59:00Z');
    expect(await next(core)).toBeUndefined();
    expect((await whyNot(core.store, await idOf(core, 'ny'), ctx(core)))).toMatchObject({ blockers: [{ rule: 'outside-window' }], eligibleFrom: '2026-11-23T13:00:00.000Z' });
    core.clock.set('2026-11-23T13:00:00Z');
    expect(await next(core)).toBe('ny');
  });

  it('calls at 7:59 pm local, not at 8:00 pm', async () => {
    const core = await store(ny);
    core.clock.set('2026-11-24T00:59:00Z');
    expect(await next(core)).toBe('ny');
    core.clock.set('2026-11-24T01:00:00Z');
    expect(await next(core)).toBeUndefined();
  });

  it('never calls on a weekend with the default window, and says when Monday opens', async () => {
    const core = await store(ny);
    core.clock.set('2026-11-28T16:00:00Z');
    expect(await next(core)).toBeUndefined();
    expect((await whyNot(core.store, await idOf(core, 'ny'), ctx(core))).eligibleFrom).toBe('2026-11-30T13:00:00.000Z');
  });

  it('keeps the federal 9 pm limit even when the list allows later', async () => {
    const core = await store(ny);
    const late = { window: { days: [1, 2, 3, 4, 5, 6, 7], start: 8 * 60, end: 23 * 60 } };
    core.clock.set('2026-11-24T01:59:00Z');
    expect(await next(core, late)).toBe('ny');
    core.clock.set('2026-11-24T02:00:00Z');
    expect(await next(core, late)).toBeUndefined();
  });

  it('follows the lead’s clock across the night daylight saving starts and ends', async () => {
    const core = await store(ny);
    // 8 March 2026 is a Sunday; Monday 9 March, 8:00 am EDT is 12:00 UTC.
    core.clock.set('2026-03-09T11:59:00Z');
    expect(await next(core)).toBeUndefined();
    core.clock.set('2026-03-09T12:00:00Z');
    expect(await next(core)).toBe('ny');
    // Clocks fall back on Sunday 1 November 2026; Monday 2 November 8:00 am EST is 13:00 UTC.
    core.clock.set('2026-11-02T12:30:00Z');
    expect(await next(core)).toBeUndefined();
    core.clock.set('2026-11-02T13:00:00Z');
    expect(await next(core)).toBe('ny');
  });

  it('skips a Florida lead at 8:05 pm local, even when the list calls until 9 pm', async () => {
    const core = await store('fl,F,+13055550100,lead,50,2026-11-01,,,,');
    core.clock.set('2026-11-24T01:05:00Z');
    expect(await next(core, { window: { days: [1, 2, 3, 4, 5], start: 8 * 60, end: 21 * 60 } })).toBeUndefined();
  });

  it('stops at 3 attempts in 24 hours to a Florida number, and offers the 4th a day after the first', async () => {
    const core = await store('fl,F,+13055550100,lead,50,2026-11-01,,,,', 'ny,N,+12125550101,lead,10,2026-11-01,,,,');
    const attempt = async (crmId: string) => {
      await log(core, crmId, 'busy');
      core.clock.advance(31 * 60_000);
    };
    await attempt('fl');
    await attempt('fl');
    await attempt('fl');
    expect(await order(core, { attemptsPer24h: 10 })).toEqual(['ny']);
    expect((await whyNot(core.store, await idOf(core, 'fl'), ctx(core, { attemptsPer24h: 10 })))).toMatchObject({
      blockers: [{ rule: 'daily-cap', until: '2026-11-24T15:00:00.000Z' }],
    });
    for (let i = 0; i < 3; i++) await attempt('ny');
    expect(await order(core, { attemptsPer24h: 10 })).toEqual(['ny']);
  });

  it('holds a lead of unknown zone unless the list allows it, then uses the strictest of its countries', async () => {
    const core = { store: await open(), clock: manualClock(MONDAY_10AM_NY) };
    await seedCsv(core.store, csv('Record ID,Name,Phone', 'unknown,U,+19075550100'), { now: core.clock.now() });
    expect(await next(core)).toBeUndefined();
    expect((await whyNot(core.store, await idOf(core, 'unknown'), ctx(core))).blockers.map((b) => b.rule)).toEqual(['unknown-zone']);
    // 10 am in New York is 5 am in Honolulu: not yet inside every US zone's window.
    expect(await next(core, { allowUnknownZone: true })).toBeUndefined();
    core.clock.set('2026-11-23T20:00:00Z');
    expect(await next(core, { allowUnknownZone: true })).toBe('unknown');
  });
});

describe('a console that asks again', () => {
  it('keeps the lead it shows while that lead may still be called, so two consoles never share one', async () => {
    const core = await store('a,Ada,+12125550100,lead,90,2026-11-01,,,,', 'b,Bob,+12125550101,lead,50,2026-11-01,,,,', 'c,Cy,+12125550102,lead,10,2026-11-01,,,,');
    const one = async () => (await queueSnapshot(core.store, ctx(core, {}, 'window-one'))).next?.card.lead.crmId;
    const two = async () => (await queueSnapshot(core.store, ctx(core, {}, 'window-two'))).next?.card.lead.crmId;
    expect(await one()).toBe('a');
    expect(await two()).toBe('b');
    // An import elsewhere makes both consoles refresh: each keeps its own lead.
    await seedCsv(core.store, csv(HEADER, 'z,Zoe,+12125550109,marketingqualifiedlead,99,2026-11-01,,,,'), { now: core.clock.now() });
    expect(await one()).toBe('a');
    expect(await two()).toBe('b');
  });
});
});
