import { afterEach, describe, expect, it } from 'vitest';
import type { QueueSnapshot } from '../../../shared/leads.ts';
import { openPostgresStore } from '../../../main/store/seam/postgres-store.ts';
import { seedLeads } from '../../helpers/seed-leads.ts';
import { startTeam, stopTeam, TEAM_PASSWORD } from '../../helpers/team-fixture.ts';
import { cookieOf, teamRequest, type TeamServerProcess } from '../../helpers/team-server-process.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

/**
 * The shared queue as a team uses it: twenty consoles, each signed in as its own rep over HTTP,
 * half on each of two team server processes, work one list of 120 leads to its end, as fast as
 * they can. Read from the team's calls table afterwards: every lead called exactly once, no lead
 * called by two reps, every acknowledged disposition there under the rep who logged it.
 */
// A Monday, 10:00 in New York: the leads' numbers (212) are inside their calling hours.
const CLOCK = '2026-11-23T15:00:00Z';
const REPS = 20;
const LEADS = 120;
const cluster = usePostgresCluster();
const running: TeamServerProcess[] = [];
afterEach(() => stopTeam(running.splice(0)));

interface TeamConsole {
  rep: string;
  origin: string;
  consoleId: string;
  cookie: string;
}

interface Envelope<Value> {
  ok: boolean;
  value: Value;
  error?: { message: string };
}

describe('the shared queue through two team server processes', () => {
  it('twenty consoles work one list to its end: each lead called once, by one rep, nothing acknowledged lost', { timeout: 240_000 }, async () => {
    const databaseUrl = await cluster().createDatabase();
    const reps = Array.from({ length: REPS }, (_, i) => `rep${i + 1}`);
    const servers = await startTeam(databaseUrl, {
      people: reps.map((name) => [name, 'rep'] as const),
      processes: 2,
      clock: CLOCK,
      seed: async (store) =>
        void (await seedLeads(
          store,
          Array.from({ length: LEADS }, (_, i) => ({ firstName: `Lead ${i + 1}`, phones: [`+1212${String(5_550_000 + i)}`] })),
        )),
    });
    running.push(...servers);
    const consoles: TeamConsole[] = [];
    for (const [i, rep] of reps.entries()) {
      const origin = servers[i % 2]!.origin;
      consoles.push({ rep, origin, consoleId: `console-${rep}`, cookie: cookieOf(await teamRequest(origin, '/api/people.signIn', { input: { name: rep, password: TEAM_PASSWORD } })) });
    }
    const call = async <Value>(c: TeamConsole, method: string, input: unknown): Promise<Value> => {
      const answer = await teamRequest(c.origin, `/api/${method}`, { input, cookie: c.cookie });
      const envelope = JSON.parse(answer.body) as Envelope<Value>;
      if (!envelope.ok) throw new Error(`${c.rep} ${method}: ${envelope.error?.message}`);
      return envelope.value;
    };

    const acknowledged: { leadId: number; rep: string }[] = [];
    await Promise.all(
      consoles.map(async (c) => {
        let next = (await call<QueueSnapshot>(c, 'queue.next', { consoleId: c.consoleId })).next;
        while (next) {
          const leadId = next.card.lead.id;
          const { queue } = await call<{ queue: QueueSnapshot }>(c, 'calls.disposition', { leadId, code: 'not-interested', notes: '', consoleId: c.consoleId });
          acknowledged.push({ leadId, rep: c.rep });
          next = queue.next;
        }
      }),
    );

    const store = await openPostgresStore({ connectionString: databaseUrl, max: 1 });
    try {
      const calls = (await store.all<{ lead_id: number; rep: string }>('SELECT lead_id, rep FROM calls')).map((r) => ({ leadId: Number(r.lead_id), rep: r.rep }));
      const byLead = new Map<number, string[]>();
      for (const { leadId, rep } of calls) byLead.set(leadId, [...(byLead.get(leadId) ?? []), rep]);
      expect(byLead.size, 'leads called').toBe(LEADS);
      expect([...byLead.values()].filter((called) => called.length > 1), 'leads called more than once').toEqual([]);
      expect(acknowledged.filter((a) => !byLead.get(a.leadId)?.includes(a.rep)), 'acknowledged dispositions missing from the calls table').toEqual([]);
      expect(calls).toHaveLength(acknowledged.length);
      // Every console took part: the work was shared, not done by the first to ask.
      expect(new Set(calls.map((c) => c.rep)).size).toBe(REPS);
    } finally {
      await store.close();
    }
  });
});
