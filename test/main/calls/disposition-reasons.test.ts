import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { syncHandlers } from '../../helpers/sync-handlers.ts';
import { mergeSummaries } from '../../../main/sessions/team-summary.ts';
import { otherReason } from '../../../shared/lead-context.ts';
import { csv, importCsv, testCore } from '../../helpers/test-core.ts';

async function fiveLeads() {
  const core = testCore('2026-11-23T15:00:00Z');
  await importCsv(core, csv('First Name,Phone Number', ...['Ada', 'Bob', 'Cy', 'Dee', 'Eve'].map((n, i) => `${n},+1212555010${i}`)));
  const handlers = syncHandlers(core);
  const ids = (core.db.prepare('SELECT id FROM leads ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  return { core, handlers, ids, dispatch: createDispatcher(handlers, () => undefined) };
}

describe('the reasons a team lead lists', () => {
  it('refuse an empty or repeated reason, or an unknown disposition, and change nothing', async () => {
    const { dispatch } = await fiveLeads();
    const before = await dispatch('reasons.list', {});
    expect(await dispatch('reasons.save', { code: 'disqualified', reasons: ['No budget', 'no budget'] })).toMatchObject({ ok: false, error: { message: /listed twice/ } });
    expect(await dispatch('reasons.save', { code: 'disqualified', reasons: [' '] })).toMatchObject({ ok: false, error: { message: /cannot be empty/ } });
    expect(await dispatch('reasons.save', { code: 'nope', reasons: ['x'] })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await dispatch('reasons.list', {})).toEqual(before);
  });

  it('group the calls in the summary: each listed reason counted, free text under Other', async () => {
    const { handlers, ids } = await fiveLeads();
    const log = (leadId: number, code: string, reason: string) => handlers['calls.disposition']({ leadId, code, notes: '', reason });
    await log(ids[0]!, 'disqualified', 'No budget');
    await log(ids[1]!, 'disqualified', 'no budget');
    await log(ids[2]!, 'disqualified', otherReason('Bought a rival last week'));
    await log(ids[3]!, 'not-interested', 'Bad timing');
    await log(ids[4]!, 'no-answer', 'line was noisy');
    const summary = await handlers['sessions.summary']({ from: '2026-11-23T00:00:00Z', to: '2026-11-24T00:00:00Z', timeZone: 'UTC' });
    expect(summary.reasons).toEqual([
      { code: 'disqualified', label: 'Disqualified', reason: 'No budget', count: 2 },
      { code: 'disqualified', label: 'Disqualified', reason: 'Other', count: 1 },
      { code: 'not-interested', label: 'Not interested', reason: 'Bad timing', count: 1 },
    ]);
    // A team's total adds the reps' reasons up; a summary file from before reasons reads as none.
    const { reasons: _gone, ...older } = summary;
    const team = mergeSummaries([
      { source: 'a.json', summary },
      { source: 'b.json', summary: { ...older, reasons: [] } },
      { source: 'c.json', summary },
    ]);
    expect(team.total.reasons.find((r) => r.reason === 'No budget')?.count).toBe(4);
  });
});
