import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../main/api/handlers.ts';
import type { Core } from '../../../main/core.ts';
import { openTeamCore } from '../../../main/team/team-core.ts';
import { readyToServe } from '../../../main/team/ready-to-serve.ts';
import { databaseDigest } from '../../helpers/team-database.ts';
import { seedLeads } from '../../helpers/seed-leads.ts';
import { manualClock } from '../../helpers/test-core.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

const cluster = usePostgresCluster();
const opened: Core[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((core) => core.store.close()));
});

async function serverCore(connections: number): Promise<Core> {
  const core = await openTeamCore({ database: await cluster().createDatabase(), clock: manualClock('2026-11-23T15:00:00Z'), log: () => {}, connections, keepOpen: true });
  opened.push(core);
  return core;
}

const poolConnections = async (core: Core) =>
  Number((await core.store.one<{ n: number }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'nextcall'"))!.n);

describe('a team server process made ready before it serves', () => {
  it('has every connection of its pool open and taken through the queue, and has written nothing: the first lead is still offered', async () => {
    const core = await serverCore(4);
    const [first] = await seedLeads(core.store, [{ firstName: 'Ada', phones: ['+12125550100'] }, { firstName: 'Bob', phones: ['+12125550101'] }]);
    const before = await databaseDigest(core.store);
    expect(await poolConnections(core)).toBeLessThan(4);

    const log: string[] = [];
    await readyToServe(core, 4, (line) => log.push(line));

    expect(log).toEqual([]);
    expect(await poolConnections(core)).toBe(4);
    expect(await databaseDigest(core.store)).toEqual(before);
    // The warm-up's claim went with its transaction: the first lead is a console's to take.
    const snapshot = await createHandlers(core)['queue.next']({ consoleId: 'a-rep-console' });
    expect(snapshot.next?.card.lead.id).toBe(first);
  });

  it('keeps its connections open through a quiet spell (node-postgres closes one idle for 10 s)', async () => {
    const core = await serverCore(3);
    await readyToServe(core, 3, () => {});
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    expect(await poolConnections(core)).toBe(3);
  }, 20_000);

  it('serves anyway when the warm-up fails, saying so', async () => {
    const core = await serverCore(2);
    await core.store.run('DROP TABLE claims CASCADE');
    const log: string[] = [];
    await readyToServe(core, 2, (line) => log.push(line));
    expect(log).toEqual([expect.stringMatching(/^The warm-up before serving failed \(the first requests may be slower\): .*claims/)]);
  });
});
