import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logDisposition } from '../../../main/calls/log-disposition.ts';
import { ApiError } from '../../../shared/api-error.ts';
import { claimLead, holdLead } from '../../../main/queue/claims.ts';
import { pickNext, type QueueContext } from '../../../main/queue/next-lead.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { DEFAULT_QUEUE_RULES } from '../../../shared/queue-rules.ts';
import { toZonedInput } from '../../../shared/zoned-time.ts';
import { csv, importCsv, testCore, type TestCore } from '../../helpers/test-core.ts';

/**
 * Over random stores and instants: the queue never offers a lead that a rule forbids, and every
 * lead the rules allow is offered in the end. The rules are restated here the plain way, from the
 * raw rows, so the check does not lean on the code it checks.
 */
const ZONES = ['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Europe/Paris', ''] as const;
const NUMBERS = ['+1212555', '+1305555', '+1312555', '+1405555', 'bad'] as const; // NY, FL, IL, OK, unparseable
const STAGES = ['other', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'unqualified'] as const;
const CODES = ['no-answer', 'busy', 'voicemail', 'wrong-person', 'interested-not-yet', 'bad-number'] as const;
const HOUR = 3_600_000;
const START = Date.parse('2026-11-16T00:00:00Z');

const leadArbitrary = fc.record({
  zone: fc.constantFrom(...ZONES),
  number: fc.constantFrom(...NUMBERS),
  stage: fc.constantFrom(...STAGES),
  dnc: fc.boolean(),
  raised: fc.boolean(),
  /** Calls before `now`: hours before it, and the outcome. */
  calls: fc.array(fc.record({ hoursBefore: fc.integer({ min: 1, max: 40 }), code: fc.constantFrom(...CODES) }), { maxLength: 4 }),
  snoozedForHours: fc.option(fc.integer({ min: 1, max: 5 })),
  claimedByOther: fc.boolean(),
});

const storeArbitrary = fc.record({
  leads: fc.array(leadArbitrary, { minLength: 1, maxLength: 12 }),
  /** Hours after Monday 16 November 2026 00:00 UTC: any hour of a week, weekend included. */
  hour: fc.integer({ min: 0, max: 7 * 24 - 1 }),
});

type Scenario = typeof storeArbitrary extends fc.Arbitrary<infer T> ? T : never;

async function build(scenario: Scenario): Promise<{ core: TestCore; now: number }> {
  const now = START + scenario.hour * HOUR + 7 * 60_000;
  const core = testCore(new Date(now - 48 * HOUR).toISOString());
  const rows = scenario.leads.map((lead, i) => {
    const phone = lead.number === 'bad' ? '555-01' : `${lead.number}${String(1000 + i)}`;
    return [`L${i}`, `Lead ${i}`, phone, lead.stage, lead.zone, lead.dnc ? 'true' : '', lead.raised ? 'Contact sales' : ''].join(',');
  });
  await importCsv(core, csv('Record ID,Name,Phone,Lifecycle Stage,Time Zone,Do Not Call,Recent Conversion', ...rows));
  // Calls happen in time order, across leads, as they would on the floor.
  const calls = scenario.leads
    .flatMap((lead, i) => lead.calls.map((call) => ({ ...call, i })))
    .sort((a, b) => b.hoursBefore - a.hoursBefore);
  for (const call of calls) {
    core.clock.set(new Date(now - call.hoursBefore * HOUR).toISOString());
    const leadId = idOf(core, `L${call.i}`);
    try {
      await logDisposition(core.store, core.clock, DEFAULT_DISPOSITIONS, { leadId, code: call.code, notes: '' });
    } catch (error) {
      // A call the dial check refuses (after hours, do-not-call, a cap) could not have happened: no history.
      if (!(error instanceof ApiError && error.message.startsWith('Not logged'))) throw error;
    }
  }
  core.clock.set(new Date(now).toISOString());
  for (const [i, lead] of scenario.leads.entries()) {
    if (lead.snoozedForHours !== null) await holdLead(core.store, idOf(core, `L${i}`), now + lead.snoozedForHours * HOUR, now);
    if (lead.claimedByOther) await claimLead(core.store, idOf(core, `L${i}`), 'other-console', now - 60_000);
  }
  return { core, now };
}

const idOf = (core: TestCore, crmId: string) => (core.db.prepare('SELECT id FROM leads WHERE crm_id = ?').get(crmId) as { id: number }).id;

/** The rules, the plain way: may this lead be called at `now` by console "me"? */
function allowed(core: TestCore, leadId: number, now: number): boolean {
  const lead = core.db.prepare('SELECT * FROM leads WHERE id = ?').get(leadId) as Record<string, number | string | null>;
  const numbers = core.db.prepare('SELECT e164 FROM phones WHERE lead_id = ? AND bad = 0 AND e164 IS NOT NULL').all(leadId) as { e164: string }[];
  if (lead.do_not_call === 1 || numbers.length === 0) return false;
  if (lead.stage === 'SQL' || lead.stage === 'disqualified') return false;
  if (lead.stage === 'nurture' && (lead.retry_at === null || (lead.retry_at as number) > now)) return false;
  if ((lead.attempts as number) >= DEFAULT_QUEUE_RULES.lifetimeAttemptCap) return false;
  if (lead.retry_at !== null && (lead.retry_at as number) > now) return false;
  if (lead.not_before !== null && (lead.not_before as number) > now) return false;
  const claim = core.db.prepare("SELECT claimed_at FROM claims WHERE lead_id = ? AND console_id <> 'me'").get(leadId) as { claimed_at: number } | undefined;
  if (claim && claim.claimed_at > now - 30 * 60_000) return false;
  const callback = core.db.prepare('SELECT 1 FROM callbacks WHERE lead_id = ? AND done_by_call_id IS NULL AND due_at > ?').get(leadId, now);
  if (callback) return false;
  const zone = lead.time_zone as string | null;
  if (!zone) return false;
  const local = toZonedInput(now, zone);
  const hour = Number(local.slice(11, 13));
  const weekday = new Date(`${local.slice(0, 10)}T12:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6 || hour < 8 || hour >= 20) return false;
  const floridaOrOklahoma = numbers.every((n) => /^\+1(305|405)/.test(n.e164));
  const capFor = floridaOrOklahoma ? 3 : DEFAULT_QUEUE_RULES.attemptsPer24h;
  const underCap = numbers.some(
    (n) => (core.db.prepare('SELECT count(*) AS c FROM calls WHERE phone_e164 = ? AND started_at > ? AND counts_as_attempt = 1').get(n.e164, now - 24 * HOUR) as { c: number }).c < capFor,
  );
  return underCap;
}

const context = (now: number): QueueContext => ({ now, rules: DEFAULT_QUEUE_RULES, consoleId: 'me' });

describe('the queue, over random stores and instants', () => {
  it('never offers a lead a rule forbids, and offers every lead the rules allow', async () => {
    await fc.assert(
      fc.asyncProperty(storeArbitrary, async (scenario) => {
        const { core, now } = await build(scenario);
        const ids = (core.db.prepare('SELECT id FROM leads').all() as { id: number }[]).map((r) => r.id);
        const expected = ids.filter((id) => allowed(core, id, now)).sort((a, b) => a - b);
        const offered: number[] = [];
        // Drain the queue at this instant: each lead offered is qualified, which closes it.
        for (let pick = await pickNext(core.store, context(now)); pick; pick = await pickNext(core.store, context(now))) {
          expect(allowed(core, pick.leadId, now), `lead ${pick.leadId} offered against the rules`).toBe(true);
          offered.push(pick.leadId);
          await logDisposition(core.store, core.clock, DEFAULT_DISPOSITIONS, { leadId: pick.leadId, code: 'qualified', notes: '' });
          if (offered.length > ids.length) throw new Error('the queue offered a lead twice');
        }
        expect(offered.sort((a, b) => a - b)).toEqual(expected);
        core.close();
      }),
      { numRuns: 120 },
    );
  }, 120_000);
});
