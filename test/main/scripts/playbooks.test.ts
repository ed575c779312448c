import { describe, expect, it } from 'vitest';
import { BANT_PLAYBOOK, PERMISSION_PLAYBOOK } from '../../../main/scripts/playbooks.ts';
import { parseScript } from '../../../main/scripts/parse-script.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { evaluateCriteria, openerOf, recommendDisposition, renderText, walkScript, type ScriptContext } from '../../../shared/scripts/script-engine.ts';
import type { Answers, Script } from '../../../shared/scripts/script-schema.ts';

const CODES = DEFAULT_DISPOSITIONS.map((d) => d.code);

function load(text: string): Script {
  const parsed = parseScript(text, CODES);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.script;
}

const NOW = Date.parse('2026-11-23T15:00:00Z');
const ctx: ScriptContext = {
  lead: { firstName: 'Maya', lastName: 'Okonkwo', company: 'BrightPath', title: null, stage: 'MQL', source: 'inbound', score: 72, requestedCall: false },
  activities: [{ type: 'ebook-download', title: 'Ebook: The 2026 Guide to Outbound Prospecting' }],
  now: NOW,
};

const run = (script: Script, answers: Answers) => {
  const results = evaluateCriteria(script, answers, ctx);
  return {
    asked: walkScript(script, answers).path.map((s) => s.id),
    current: walkScript(script, answers).current?.id ?? null,
    met: results.filter((r) => r.met).map((r) => r.id),
    recommended: recommendDisposition(script, results)?.disposition ?? null,
  };
};

describe('the BANT playbook', () => {
  const bant = load(BANT_PLAYBOOK);

  it('opens from the lead’s latest activity', () => {
    expect(openerOf(bant, ctx)).toBe('Hi Maya, I see you downloaded our guide "The 2026 Guide to Outbound Prospecting" — what were you looking for help with?');
    expect(openerOf(bant, { ...ctx, activities: [], lead: { ...ctx.lead, firstName: '', source: 'referral' } })).toBe(
      'Hi there, a colleague of yours suggested we talk — may I ask what you are working on?',
    );
  });

  it('recommends Qualified when need, budget, authority and a timeline within 90 days are met', () => {
    const answers = { need: 'Reps waste hours dialling', budget: 'yes', authority: 'You decide', timeline: '2027-01-15' };
    expect(run(bant, answers)).toEqual({
      asked: ['need', 'budget', 'authority', 'timeline', 'wrap-up'],
      current: null,
      met: ['need', 'budget', 'authority', 'timeline'],
      recommended: 'qualified',
    });
  });

  it('asks who decides when someone else does, and does not qualify without authority', () => {
    const answers = { need: 'x', budget: 'yes', authority: 'Someone else decides', 'decision-maker': 'Our CFO, Ana', timeline: '2026-12-01' };
    expect(run(bant, answers)).toEqual({
      asked: ['need', 'budget', 'authority', 'decision-maker', 'timeline', 'wrap-up'],
      current: null,
      met: ['need', 'budget', 'timeline'],
      recommended: 'interested-not-yet',
    });
  });

  it('does not qualify a timeline beyond the horizon, nor without a budget', () => {
    expect(run(bant, { need: 'x', budget: 'yes', authority: 'You decide', timeline: '2027-06-01' }).recommended).toBe('interested-not-yet');
    expect(run(bant, { need: 'x', budget: 'no', authority: 'You decide', timeline: '2026-12-01' }).met).toEqual(['need', 'authority', 'timeline']);
  });

  it('stops at the first open question, and recommends nothing before a need is heard', () => {
    expect(run(bant, {})).toEqual({ asked: ['need'], current: 'need', met: [], recommended: null });
    expect(run(bant, { need: 'x', budget: 'yes' }).current).toBe('authority');
  });
});

describe('the permission-based playbook', () => {
  const permission = load(PERMISSION_PLAYBOOK);

  it('yes: asks for a good time and recommends Qualified (SQL)', () => {
    expect(run(permission, { specialist: 'yes', 'best-time': 'Tuesday morning' })).toEqual({
      asked: ['specialist', 'best-time', 'thanks'],
      current: null,
      met: ['permission'],
      recommended: 'qualified',
    });
  });

  it('no: asks why and recommends Not interested (nurture)', () => {
    expect(run(permission, { specialist: 'no', 'why-not-now': 'Timing' })).toEqual({
      asked: ['specialist', 'why-not-now', 'thanks'],
      current: null,
      met: ['declined'],
      recommended: 'not-interested',
    });
  });
});

describe('merge fields', () => {
  it('fill from the lead, fall back when empty, and stay text', () => {
    const hostile = { ...ctx, lead: { ...ctx.lead, firstName: '<img src=x onerror=alert(1)>', company: null } };
    expect(renderText('Hi {{lead.firstName}} at {{lead.company|your company}}{{unknown.field}}', hostile)).toBe('Hi <img src=x onerror=alert(1)> at your company');
  });
});

describe('the opener', () => {
  it('speaks of a call or demo request before any page the lead browsed afterwards', () => {
    const bant = load(BANT_PLAYBOOK);
    const browsedAfter = { ...ctx, activities: [{ type: 'page-visit' as const, title: '/customers' }, { type: 'demo-request' as const, title: 'Request a demo' }] };
    expect(openerOf(bant, browsedAfter)).toBe('Hi Maya, you asked for a demo — what would you most like to see?');
  });
});
