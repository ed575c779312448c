import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { previewQueue, type QueueContext } from '../../../main/queue/next-lead.ts';
import { DEFAULT_QUEUE_RULES } from '../../../shared/queue-rules.ts';
import { csv, importCsv, testCore, type TestCore } from '../../helpers/test-core.ts';

// Monday 23 November 2026, 10:00 in New York.
const NOW = '2026-11-23T15:00:00Z';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Never-called leads in New York, each having asked for a call `ago` ms before now. */
async function requests(agos: readonly number[]): Promise<{ core: TestCore; ids: number[] }> {
  const core = testCore(NOW);
  const rows = agos.map((_, i) => `R${i},Lead ${i},+1212555${String(1000 + i)},lead,America/New_York`);
  await importCsv(core, csv('Record ID,Name,Phone,Lifecycle Stage,Time Zone', ...rows));
  const ids = agos.map((ago, i) => {
    const { id } = core.db.prepare('SELECT id FROM leads WHERE crm_id = ?').get(`R${i}`) as { id: number };
    core.db.prepare('UPDATE leads SET hand_raised_at = ? WHERE id = ?').run(core.clock.now() - ago, id);
    return id;
  });
  return { core, ids };
}

const ctx = (core: TestCore): QueueContext => ({ now: core.clock.now(), rules: DEFAULT_QUEUE_RULES, consoleId: null });

describe('speed to lead among hand-raisers', () => {
  it('puts a request made 7 minutes ago before requests 4 to 40 days old, and says so', async () => {
    const agos = [4, 9, 13, 17, 21, 26, 31, 36, 40].map((d) => d * DAY + 5 * MINUTE);
    const { core, ids } = await requests([...agos, 7 * MINUTE]);
    const [first] = await previewQueue(core.store, ctx(core), 1);
    expect(first).toMatchObject({ leadId: ids.at(-1), tier: 'hand-raiser', reasons: ['Asked for a call 7 min ago', 'Not called yet'] });
  });

  it('holds the rule over any set of requests: fresh ones oldest first, then newest first, and past 30 days no hand-raiser at all', async () => {
    const age = fc.oneof(fc.integer({ min: 0, max: 60 * MINUTE - 1 }), fc.integer({ min: 60 * MINUTE + 1, max: 45 * DAY }));
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(age, { minLength: 1, maxLength: 10 }), async (agos) => {
        const { core, ids } = await requests(agos);
        const picks = await previewQueue(core.store, ctx(core), agos.length);
        const ageOf = new Map(ids.map((id, i) => [id, agos[i]!]));
        // The rule, restated from the ages alone.
        const fresh = agos.filter((a) => a < 60 * MINUTE).sort((a, b) => b - a);
        const older = agos.filter((a) => a > 60 * MINUTE && a <= 30 * DAY).sort((a, b) => a - b);
        const raisers = picks.filter((p) => p.tier === 'hand-raiser').map((p) => ageOf.get(p.leadId));
        expect(raisers).toEqual([...fresh, ...older]);
        expect(picks.filter((p) => p.tier !== 'hand-raiser').every((p) => ageOf.get(p.leadId)! > 30 * DAY)).toBe(true);
        core.close();
      }),
      { numRuns: 25 },
    );
  });
});
