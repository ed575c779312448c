import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../main/api/handlers.ts';
import { dialJustAccepted, recordDial } from '../../../main/calls/dials.ts';
import { logDisposition } from '../../../main/calls/log-disposition.ts';
import { dialRefusals } from '../../../main/queue/dial-check.ts';
import type { LeadFacts } from '../../../main/queue/eligibility.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { DEFAULT_QUEUE_RULES } from '../../../shared/queue-rules.ts';
import { count, csv, importCsv, testCore } from '../../helpers/test-core.ts';

// Monday 23 November 2026, 10:00 in New York.
const MONDAY_10AM_NY = '2026-11-23T15:00:00Z';
const HEADER = 'Record ID,Name,Phone,Mobile Phone Number,Do Not Call,Time Zone';
const ADA = '1,Ada Lovelace,+12125550100,+12125550199,false,America/New_York';
const BOB = '2,Bob Babbage,+12125550101,,false,America/New_York';

async function twoLeads() {
  const core = testCore(MONDAY_10AM_NY);
  await importCsv(core, csv(HEADER, ADA, BOB));
  const idOf = (crm: string) => (core.db.prepare('SELECT id FROM leads WHERE crm_id = ?').get(crm) as { id: number }).id;
  return { core, ada: idOf('1'), bob: idOf('2'), api: createHandlers(core) };
}

/** An import (as another console or the CLI would run it) marks Ada do-not-call. */
const markAdaDoNotCall = (core: Awaited<ReturnType<typeof twoLeads>>['core']) =>
  importCsv(core, csv(HEADER, '1,Ada Lovelace,+12125550100,+12125550199,true,America/New_York'));

describe('the check at the instant of the dial (a pure function of the facts, the rules and now)', () => {
  const facts: LeadFacts = {
    leadId: 1,
    stage: 'IQL',
    doNotCall: false,
    attempts: 0,
    retryAt: null,
    notBefore: null,
    place: { timeZone: 'America/New_York', region: null, country: 'US', numbers: ['+12125550100'] },
    goodNumbers: ['+12125550100'],
    badNumbers: ['+12125550199'],
    recentAttempts: new Map(),
    claim: null,
    callbackDueAt: null,
  };
  const at = Date.parse(MONDAY_10AM_NY);
  const rules = (facts: LeadFacts, number = '+12125550100', now = at) => dialRefusals(facts, number, DEFAULT_QUEUE_RULES, now).map((r) => r.rule);

  it('lets a good number of a callable lead be dialled inside its hours', () => {
    expect(rules(facts)).toEqual([]);
  });

  it('refuses do-not-call, a bad number, a number not the lead’s, hours closed in the lead’s zone, and both caps', () => {
    expect(rules({ ...facts, doNotCall: true })).toEqual(['do-not-call']);
    expect(rules(facts, '+12125550199')).toEqual(['bad-number']);
    expect(rules(facts, '+12125550142')).toEqual(['not-a-number-of-the-lead']);
    // 8:05 pm in New York: the list's window (8 am–8 pm) has closed.
    expect(rules(facts, '+12125550100', Date.parse('2026-11-24T01:05:00Z'))).toEqual(['outside-window']);
    expect(rules({ ...facts, place: { ...facts.place, timeZone: null } })).toEqual(['unknown-zone']);
    expect(rules({ ...facts, attempts: 6 })).toEqual(['attempt-cap']);
    expect(rules({ ...facts, recentAttempts: new Map([['+12125550100', [at - 3_600_000, at - 7_200_000, at - 10_800_000]]]) })).toEqual(['daily-cap']);
  });

  it('says why in words, the lead’s own clock included', () => {
    const [refusal] = dialRefusals(facts, '+12125550100', DEFAULT_QUEUE_RULES, Date.parse('2026-11-24T01:05:00Z'));
    expect(refusal!.reason).toMatch(/^outside calling hours \(it is 8:05 pm Mon for the lead\)/);
  });
});

describe('calls.dial', () => {
  it('refuses, in words, a lead shown on screen and then marked do-not-call by an import, and records nothing', async () => {
    const { core, ada, api } = await twoLeads();
    const shown = await api['queue.next']({ consoleId: 'console-one' });
    expect(shown.next?.card.lead.id).toBe(ada);
    await markAdaDoNotCall(core);
    await expect(api['calls.dial']({ leadId: ada, number: '+12125550100', consoleId: 'console-one' })).rejects.toThrow(
      'Not dialled: Ada Lovelace: the lead is on the do-not-call list.',
    );
    expect(count(core, 'dials')).toBe(0);
  });

  it('refuses a number another console flagged bad, and a dial after hours', async () => {
    const { core, ada } = await twoLeads();
    core.db.prepare("UPDATE phones SET bad = 1 WHERE e164 = '+12125550199'").run();
    await expect(recordDial(core.store, ada, '+12125550199', core.clock.now(), DEFAULT_QUEUE_RULES)).rejects.toThrow(/\+12125550199 is marked as a bad number/);
    await expect(recordDial(core.store, ada, '+12125550100', Date.parse('2026-11-24T01:05:00Z'), DEFAULT_QUEUE_RULES)).rejects.toThrow(/outside calling hours/);
    expect(count(core, 'dials')).toBe(0);
  });

  it('lets the desktop shell open the dial link only just after the dial was accepted, and never for a refused one', async () => {
    const { core, ada } = await twoLeads();
    await recordDial(core.store, ada, '+12125550100', core.clock.now(), DEFAULT_QUEUE_RULES);
    expect(dialJustAccepted(core.db, '+12125550100', core.clock.now() + 1000)).toBe(true);
    expect(dialJustAccepted(core.db, '+12125550100', core.clock.now() + 60_000)).toBe(false);
    await markAdaDoNotCall(core);
    await expect(recordDial(core.store, ada, '+12125550199', core.clock.now(), DEFAULT_QUEUE_RULES)).rejects.toThrow(/do-not-call/);
    expect(dialJustAccepted(core.db, '+12125550199', core.clock.now() + 1000)).toBe(false);
  });

  it('refuses the fourth dial of one number in 24 hours (each dial counts, logged or not)', async () => {
    const { core, bob } = await twoLeads();
    for (let i = 0; i < 3; i++) await recordDial(core.store, bob, '+12125550101', core.clock.now() + i, DEFAULT_QUEUE_RULES);
    await expect(recordDial(core.store, bob, '+12125550101', core.clock.now() + 10, DEFAULT_QUEUE_RULES)).rejects.toThrow(/tried 3 times in the last 24 hours: the cap is 3/);
  });
});

describe('a disposition', () => {
  it('logged without a dial is the dial: refused for a lead marked do-not-call since it was shown, nothing written', async () => {
    const { core, ada } = await twoLeads();
    await markAdaDoNotCall(core);
    await expect(logDisposition(core.store, core.clock, DEFAULT_DISPOSITIONS, { leadId: ada, code: 'no-answer', notes: 'rang out' })).rejects.toThrow(
      'Not logged: Ada Lovelace: the lead is on the do-not-call list.',
    );
    expect(count(core, 'calls')).toBe(0);
  });

  it('of a call dialled while allowed is logged (the call happened), and marking do-not-call is never refused', async () => {
    const { core, ada, bob } = await twoLeads();
    const dial = await recordDial(core.store, ada, '+12125550100', core.clock.now(), DEFAULT_QUEUE_RULES);
    await markAdaDoNotCall(core);
    expect((await logDisposition(core.store, core.clock, DEFAULT_DISPOSITIONS, { leadId: ada, code: 'voicemail', notes: '', dialId: dial.dialId })).phoneE164).toBe('+12125550100');
    core.db.prepare('UPDATE leads SET do_not_call = 1 WHERE id = ?').run(bob);
    expect((await logDisposition(core.store, core.clock, DEFAULT_DISPOSITIONS, { leadId: bob, code: 'do-not-call', notes: 'asked again' })).dispositionCode).toBe('do-not-call');
  });
});

describe('the console’s lead stops being callable', () => {
  it('queue.next lets it go, says why, and offers the next lead', async () => {
    const { core, ada, bob, api } = await twoLeads();
    expect((await api['queue.next']({ consoleId: 'console-one' })).next?.card.lead.id).toBe(ada);
    await markAdaDoNotCall(core);
    const after = await api['queue.next']({ consoleId: 'console-one' });
    expect(after.next?.card.lead.id).toBe(bob);
    expect(after.released).toEqual({ leadId: ada, name: 'Ada Lovelace', reasons: ['On the do-not-call list'] });
  });

  it('stays on screen while the console has a call running on it, so the rep can log that call', async () => {
    const { core, ada, api } = await twoLeads();
    await api['queue.next']({ consoleId: 'console-one' });
    const dial = await api['calls.dial']({ leadId: ada, number: '+12125550199', consoleId: 'console-one' });
    await markAdaDoNotCall(core);
    const after = await api['queue.next']({ consoleId: 'console-one' });
    expect(after.next?.card.lead.id).toBe(ada);
    expect(after.next?.openDial).toEqual({ dialId: dial.dialId, number: '+12125550199', at: dial.at });
    expect(after.released).toBeUndefined();
  });
});
