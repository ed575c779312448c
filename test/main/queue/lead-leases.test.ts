import { expect, it } from 'vitest';
import { claimFirstFree, leaseHolder, releaseLease, renewLease } from '../../../main/queue/lead-leases.ts';
import type { Queryable, Store } from '../../../main/store/seam/store.ts';
import { SECOND_MS } from '../../../shared/time-units.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

const NOW = Date.parse('2026-11-23T15:00:00Z');
const LEASE = 90 * SECOND_MS;

async function addLeads(store: Queryable, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    ids.push((await store.one<{ id: number }>("INSERT INTO leads (first_name, stage, score, created_at) VALUES (?, 'cold', ?, ?) RETURNING id", [`Lead ${i}`, count - i, NOW]))!.id);
  }
  return ids;
}

const claim = (store: Queryable, consoleId: string, candidates: readonly number[], now = NOW) => claimFirstFree(store, { consoleId, now, leaseMs: LEASE, candidates });

describeEachStore('a lead on a lease', ({ open }) => {
  it('goes to the first candidate no other console holds, in the order the queue gave', async () => {
    const store = await open();
    const [a, b, c] = await addLeads(store, 3);
    expect(await claim(store, 'console-1', [b!, a!, c!])).toBe(b);
    expect(await claim(store, 'console-2', [b!, a!, c!])).toBe(a);
    expect(await leaseHolder(store, b!, NOW, LEASE)).toBe('console-1');
    // Its own lead is still its own; taking another lets the first go.
    expect(await claim(store, 'console-1', [b!])).toBe(b);
    expect(await claim(store, 'console-1', [c!])).toBe(c);
    expect(await leaseHolder(store, b!, NOW, LEASE)).toBeNull();
    expect(await claim(store, 'console-3', [a!, c!])).toBeNull();
    expect(await claim(store, 'console-3', [])).toBeNull();
  });

  it('returns to the queue when a console stops renewing it, and not before', async () => {
    const store = await open();
    const [a] = await addLeads(store, 1);
    expect(await claim(store, 'crashed', [a!])).toBe(a);
    expect(await claim(store, 'other', [a!], NOW + LEASE - 1)).toBeNull();
    expect(await claim(store, 'other', [a!], NOW + LEASE)).toBe(a);
    expect(await renewLease(store, 'crashed', a!, NOW + LEASE + 1)).toBe(false);
  });

  it('is kept by the heartbeat, and let go on release', async () => {
    const store = await open();
    const [a] = await addLeads(store, 1);
    await claim(store, 'console-1', [a!]);
    expect(await renewLease(store, 'console-1', a!, NOW + 60 * SECOND_MS)).toBe(true);
    expect(await claim(store, 'console-2', [a!], NOW + LEASE + 30 * SECOND_MS)).toBeNull();
    await releaseLease(store, 'console-1', a!);
    expect(await renewLease(store, 'console-1', a!, NOW + LEASE)).toBe(false);
    expect(await claim(store, 'console-2', [a!], NOW + LEASE)).toBe(a);
  });

  it('passes over a candidate that no longer qualifies, checked again as it is claimed', async () => {
    const store = await open();
    const [a, b] = await addLeads(store, 2);
    await store.run('UPDATE leads SET attempts = 1 WHERE id = ?', [a!]);
    const got = await claimFirstFree(store, { consoleId: 'c', now: NOW, leaseMs: LEASE, candidates: [a!, b!], stillOffered: { where: 'l.attempts = ?', params: [0] } });
    expect(got).toBe(b);
  });
});

describeEachStore(
  'leases under concurrency',
  ({ open, connect }) => {
    it('20 consoles on 20 connections work one list of 200 leads: every lead called once, none on two consoles', async () => {
      const store = await open();
      await addLeads(store, 200);
      const consoles: Store[] = [];
      for (let i = 0; i < 20; i++) consoles.push(await connect({ max: 1 }));
      const never = { where: 'l.attempts = ?', params: [0] };
      const work = async (console: Store, consoleId: string) => {
        let worked = 0;
        for (;;) {
          // The never-called tier's order, read outside the claim: by the time it is used, others
          // have claimed and called some of these leads.
          const candidates = (await console.all<{ id: number }>('SELECT id FROM leads WHERE attempts = 0 ORDER BY score DESC LIMIT 10')).map((r) => r.id);
          if (candidates.length === 0) return worked;
          const leadId = await claimFirstFree(console, { consoleId, now: NOW, leaseMs: LEASE, candidates, stillOffered: never });
          if (leadId === null) continue;
          // While the console shows the lead, no one else holds it.
          expect(await leaseHolder(console, leadId, NOW, LEASE)).toBe(consoleId);
          await console.transaction(
            async (tx) => {
              await tx.run(
                "INSERT INTO calls (lead_id, disposition_code, disposition_label, started_at, ended_at, stage_before, stage_after, rep) VALUES (?, 'no-answer', 'No answer', ?, ?, 'cold', 'cold', ?)",
                [leadId, NOW, NOW, consoleId],
              );
              await tx.run('UPDATE leads SET attempts = attempts + 1 WHERE id = ?', [leadId]);
              await releaseLease(tx, consoleId, leadId);
            },
            { isolation: 'read committed' },
          );
          worked++;
        }
      };
      const worked = await Promise.all(consoles.map((console, i) => work(console, `console-${i + 1}`)));
      expect(worked.reduce((a, b) => a + b, 0)).toBe(200);
      // Checked from the table: one call per lead, every lead called.
      expect(await store.all('SELECT lead_id, count(*) AS n FROM calls GROUP BY lead_id HAVING count(*) > 1')).toEqual([]);
      expect(await store.one('SELECT count(DISTINCT lead_id) AS leads, count(*) AS calls FROM calls')).toEqual({ leads: 200, calls: 200 });
      // The work was shared, not done by one console while the others waited.
      expect(worked.filter((n) => n > 0).length).toBeGreaterThan(5);
      expect(await store.one('SELECT count(*) AS n FROM claims')).toEqual({ n: 0 });
    });

    it('skips a lead another console is claiming, and gets it once that console dies mid-claim', async () => {
      const store = await open();
      const [a, b] = await addLeads(store, 2);
      const dying = await connect({ max: 1 });
      const other = await connect();
      let claimed!: () => void;
      let wake!: () => void;
      const claimedInside = new Promise<void>((resolve) => (claimed = resolve));
      const frozen = new Promise<void>((resolve) => (wake = resolve));
      const died = dying
        .transaction(async (tx) => {
          expect(await claim(tx, 'dying', [a!, b!])).toBe(a);
          claimed();
          await frozen; // the server process hangs here, holding the lock, until its connection dies
        }, { isolation: 'read committed' })
        .catch((error: Error) => error.message);
      await claimedInside;
      // The lock is held: the next console passes over a and takes b at once.
      expect(await claim(other, 'other', [a!, b!])).toBe(b);
      await store.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'nextcall' AND state = 'idle in transaction'");
      // Nothing of the dead console's claim was committed: a is free again at once.
      await expect.poll(() => claim(other, 'other', [a!, b!]), { timeout: 5000 }).toBe(a);
      wake();
      expect(await died).toMatch(/terminat|Connection/i);
      expect(await store.one('SELECT console_id FROM claims WHERE lead_id = ?', [a!])).toEqual({ console_id: 'other' });
    });
  },
  ['postgres'],
);
