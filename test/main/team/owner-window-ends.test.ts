import { afterEach, describe, expect, it } from 'vitest';
import { clockStartingAt } from '../../../main/clock.ts';
import type { Core } from '../../../main/core.ts';
import { openTeamCore } from '../../../main/team/team-core.ts';
import { seedLeads, seedList } from '../../helpers/seed-leads.ts';
import { createTeamDatabase } from '../../helpers/team-database.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

/**
 * A team server process's owner-window announcements (main/team/owner-window-ends.ts) come no
 * closer than a second apart: eleven leads whose windows end a tenth of a second apart make two
 * announcements, not eleven.
 */
// A Monday, 10:00 in New York, running on from the test's start.
const CLOCK = '2026-11-23T15:00:00Z';
const cluster = usePostgresCluster();
const opened: Core[] = [];
afterEach(() => {
  for (const core of opened.splice(0)) core.close();
});

describe('the ends of owner windows on a team server process', () => {
  it('announces a burst of ends a tenth of a second apart twice, a second apart, not once each', async () => {
    const clock = clockStartingAt(new Date(CLOCK));
    // The first window ends 2 s from now, the eleventh 3 s from now.
    const firstEnd = clock.now() + 2_000;
    const database = await createTeamDatabase(cluster(), { avery: 'rep', blake: 'rep' }, 'a long enough passphrase', async (store) => {
      const ids = await seedLeads(
        store,
        Array.from({ length: 11 }, (_, i) => ({ stage: 'MQL' as const, createdAt: firstEnd - 60_000 + i * 100 })),
      );
      for (const id of ids) await store.run("UPDATE leads SET owner = 'avery' WHERE id = ?", [id]);
      await seedList(store, 'Hot', { stages: ['MQL'] });
      await store.run("UPDATE call_lists SET owner_window_minutes = 1 WHERE name = 'Hot'");
    });
    const core = await openTeamCore({ database, clock, log: () => {} });
    opened.push(core);
    const heard: number[] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'store.changed' && (payload as { reason: string }).reason === 'owner-window') heard.push(clock.now() - firstEnd);
    });
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    expect(heard).toHaveLength(2);
    // The first just after the first end; the second a second later, when the other ten have passed.
    expect(heard[0]).toBeGreaterThanOrEqual(0);
    expect(heard[1]! - heard[0]!).toBeGreaterThanOrEqual(1_000);
    expect(heard[1]).toBeGreaterThan(1_000);
  });
});
