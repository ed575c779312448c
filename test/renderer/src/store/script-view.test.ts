import { describe, expect, it } from 'vitest';
import { BANT_PLAYBOOK, PERMISSION_PLAYBOOK } from '../../../../main/scripts/playbooks.ts';
import { validateScript } from '../../../../main/scripts/script-store.ts';
import { selectRecommendation, selectScriptView, type ScriptViewInputs } from '../../../../renderer/src/store/script-view.ts';
import { DEFAULT_DISPOSITIONS } from '../../../../shared/dispositions.ts';
import type { LeadCard, QueueSnapshot } from '../../../../shared/leads.ts';
import type { Answers } from '../../../../shared/scripts/script-schema.ts';
import { DAY_MS } from '../../../../shared/time-units.ts';

const NOW = Date.parse('2026-11-23T15:00:00.000Z');
const codes = DEFAULT_DISPOSITIONS.map((d) => d.code);
const active = (text: string) => ({ id: 'x', version: 1, script: validateScript(text, 'script.yaml', codes) });

const lead = (id: number): LeadCard =>
  ({
    lead: { id, firstName: 'Ada', lastName: 'Test', stage: 'IQL', source: null, createdAt: '2026-11-01T00:00:00.000Z' },
    phones: [],
    activities: [],
    calls: [],
    stageHistory: [],
    draft: '',
  }) as unknown as LeadCard;
const onScreen = (card: LeadCard): QueueSnapshot => ({ now: new Date(NOW).toISOString(), next: { card, reasons: [], tier: 'never-called', number: '+12125550100' }, due: 1, dueCapped: 1000, total: 1 });

const state = (text: string, answers: Answers, answersFor: number | null = 7): ScriptViewInputs => ({ script: active(text), snapshot: onScreen(lead(7)), answers, answersFor });

describe('the script’s view, derived from the store at an instant', () => {
  it('is nothing without a script or a lead on screen', () => {
    expect(selectScriptView({ script: null, snapshot: onScreen(lead(7)), answers: {}, answersFor: null }, NOW)).toBeNull();
    expect(selectScriptView({ script: active(PERMISSION_PLAYBOOK), snapshot: null, answers: {}, answersFor: null }, NOW)).toBeNull();
  });

  it('recommends nothing before an answer, and Qualified once the lead asks for a specialist', () => {
    const before = selectScriptView(state(PERMISSION_PLAYBOOK, {}), NOW);
    expect(before?.opener).toContain('Ada');
    expect(before?.recommendation).toBeNull();
    expect(selectRecommendation(state(PERMISSION_PLAYBOOK, { specialist: 'yes' }), NOW)?.disposition).toBe('qualified');
  });

  it('ignores answers given to another lead', () => {
    expect(selectRecommendation(state(PERMISSION_PLAYBOOK, { specialist: 'yes' }, 8), NOW)).toBeNull();
  });

  it('judges a timeline against the instant it is asked at: 60 days out meets BANT today, not 100 days earlier', () => {
    const inSixtyDays = new Date(NOW + 60 * DAY_MS).toISOString().slice(0, 10);
    const answers: Answers = { need: 'yes', budget: 'yes', authority: 'yes', timeline: inSixtyDays };
    const timeline = (now: number) => selectScriptView(state(BANT_PLAYBOOK, answers), now)?.criteria.find((c) => c.id === 'timeline')?.met;
    expect(timeline(NOW)).toBe(true);
    expect(timeline(NOW - 100 * DAY_MS)).toBe(false);
  });
});
