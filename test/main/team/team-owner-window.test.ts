import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../main/store/seam/postgres-store.ts';
import type { QueueSnapshot } from '../../../shared/leads.ts';
import { seedLeads, seedList } from '../../helpers/seed-leads.ts';
import { startTeam, stopTeam, TEAM_PASSWORD } from '../../helpers/team-fixture.ts';
import { cookieOf, eventsHeard, teamRequest, type TeamServerProcess } from '../../helpers/team-server-process.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

/**
 * A lead's owner window ends on the team server: the lead, held for its owner until then, is
 * every rep's from that instant, and every console hears so (store.changed, reason
 * 'owner-window') from the process it is connected to, once, without asking: each process tells
 * its own consoles (main/team/owner-window-ends.ts). Two processes.
 */
// A Monday, 10:00 in New York: the lead's number (212) is inside its calling hours.
const CLOCK = '2026-11-23T15:00:00Z';
const HOUR = 3_600_000;
const cluster = usePostgresCluster();
const running: TeamServerProcess[] = [];
afterEach(() => stopTeam(running.splice(0)));

const valueOf = <Value>(answer: { status: number; body: string }) => {
  expect(answer.status, answer.body).toBe(200);
  return (JSON.parse(answer.body) as { value: Value }).value;
};

describe('the end of an owner window on the team server', () => {
  it('reaches the consoles on both processes within a second of the end, once, and the idle rep who asks then gets the lead', async () => {
    const database = await cluster().createDatabase();
    let mia = 0;
    const servers = await startTeam(database, {
      people: [
        ['sam', 'team-lead'],
        ['avery', 'rep'],
        ['blake', 'rep'],
      ],
      processes: 2,
      clock: CLOCK,
      seed: async (store) => {
        // Mia is avery's in the CRM, and arrives in an hour: held for avery until an hour and a minute from now.
        mia = (await seedLeads(store, [{ firstName: 'Mia', lastName: 'Chen', stage: 'MQL', createdAt: Date.parse(CLOCK) + HOUR }]))[0]!;
        await store.run("UPDATE leads SET owner = 'avery' WHERE id = ?", [mia]);
        await seedList(store, 'Hot', { stages: ['MQL'] });
        await store.run("UPDATE call_lists SET owner_window_minutes = 1 WHERE name = 'Hot'");
      },
    });
    running.push(...servers);
    const [one, two] = servers as [TeamServerProcess, TeamServerProcess];
    const signIn = async (server: TeamServerProcess, name: string) => cookieOf(await teamRequest(server.origin, '/api/people.signIn', { input: { name, password: TEAM_PASSWORD } }));
    const [sam, blake] = [await signIn(one, 'sam'), await signIn(two, 'blake')];
    const blakeAsks = async () => valueOf<QueueSnapshot>(await teamRequest(two.origin, '/api/queue.next', { input: { consoleId: 'console-blake' }, cookie: blake }));

    // blake's console is idle: nothing to call, nothing due.
    const idle = await blakeAsks();
    expect([idle.next, idle.due]).toEqual([null, 0]);
    // "Next lead in 1 h (…): …", not "No lead will come back on its own".
    expect(idle.nextEligible).toEqual({ at: new Date(Date.parse(CLOCK) + HOUR + 60_000).toISOString(), reason: 'a lead held for its owner comes free' });
    const streams = [eventsHeard(one.origin, sam), eventsHeard(two.origin, blake)];
    try {
      await Promise.all(streams.map((s) => s.connected));
      // Each process's --clock started when it did: read both, each no earlier than the request's
      // start and late by at most its trip (its offset from this process's clock, and that trip).
      const clocks = await Promise.all(
        [[one, sam] as const, [two, blake] as const].map(async ([server, cookie]) => {
          const asked = Date.now();
          const preview = valueOf<{ now: string }>(await teamRequest(server.origin, '/api/queue.preview', { input: { limit: 1 }, cookie }));
          return { offset: Date.parse(preview.now) - Date.now(), trip: Date.now() - asked };
        }),
      );
      // Mia arrived 57 seconds ago, as process 2's clock reads: her one-minute window ends in 3 seconds.
      // Written behind the servers' backs; the team lead's next change of the window makes them read it.
      const end = Date.now() + clocks[1]!.offset + 3_000;
      const direct = await openPostgresStore({ connectionString: database, max: 1 });
      try {
        await direct.run('UPDATE leads SET created_at = ? WHERE id = ?', [end - 60_000, mia]);
      } finally {
        await direct.close();
      }
      valueOf(await teamRequest(one.origin, '/api/lists.ownerWindow', { input: { listName: 'Hot', minutes: 1 }, cookie: sam }));

      const ended = (s: (typeof streams)[number]) => s.heard.filter((e) => e.event === 'store.changed' && (e.payload as { reason: string }).reason === 'owner-window');
      await expect.poll(() => streams.map((s) => ended(s).length), { timeout: 10_000, interval: 50 }).toEqual([1, 1]);
      // When each console heard it, after the end as its own process's clock reads.
      const late = streams.map((s, i) => ended(s)[0]!.at - (end - clocks[i]!.offset));
      console.log(`owner window end heard on process 1 and 2: ${late.map((ms) => `${ms} ms`).join(', ')} after the end (clock readings ±${clocks.map((c) => c.trip).join(', ')} ms)`);
      // Not before the end by the process's own clock, within a second of it.
      late.forEach((ms, i) => expect(ms).toBeGreaterThan(-clocks[i]!.trip));
      for (const ms of late) expect(ms).toBeLessThan(1_000);

      // Asked on hearing it, blake's console gets Mia.
      const after = await blakeAsks();
      expect(after.next?.card.lead.id).toBe(mia);
      // One announcement for the end on each console.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(streams.map((s) => ended(s).length)).toEqual([1, 1]);
    } finally {
      for (const s of streams) s.close();
    }
  });
});
