import { atomically, type Queryable, type SqlValue } from '../store/seam/store.ts';

/**
 * The shared claim, on the seam: a console takes the lead it will show on a lease, so no other
 * console is offered it, on one rep's SQLite store or on a team's PostgreSQL with many server
 * processes. The primitive the converted queue will call; today's queue (claims.ts, on SQLite)
 * keeps the same table and meaning.
 *
 * It does not know the tiers. The queue decides the order (its tier queries and per-lead checks,
 * `eligibleLeads` in next-lead.ts), and hands the claim its candidates best first; the claim takes
 * the first that is still free:
 *
 * - On PostgreSQL the candidate row is locked with `FOR UPDATE … SKIP LOCKED`: consoles claiming at
 *   the same instant each take a different lead instead of queueing behind the same one. On SQLite
 *   the writing transaction already runs alone.
 * - A lease is live while `claimed_at` is younger than the lease; the console's heartbeat renews
 *   it. A console that died holds its lead until the lease runs out; one that died inside its
 *   transaction holds nothing (PostgreSQL drops the lock with the connection).
 * - The upsert only takes over a lease that is this console's or has run out, so even a candidate
 *   list read before another console's claim committed cannot lead to a double claim.
 * - `stillOffered` (a condition on `l`, the lead) is checked again under the lock, in the claim's
 *   own statement: a lead worked and released since the queue read it is passed over.
 * - One claim per console: taking a lead lets go of the one it held.
 */
export interface LeaseRequest {
  consoleId: string;
  now: number;
  leaseMs: number;
  /** Lead ids, best first (the queue's order). */
  candidates: readonly number[];
  stillOffered?: { where: string; params: readonly SqlValue[] };
}

const TAKE_OVER = `INSERT INTO claims (lead_id, console_id, claimed_at) VALUES (?, ?, ?)
  ON CONFLICT (lead_id) DO UPDATE SET console_id = excluded.console_id, claimed_at = excluded.claimed_at
  WHERE claims.console_id = excluded.console_id OR claims.claimed_at <= ?
  RETURNING lead_id`;

/** Claims the first candidate still free, or returns null when every one is held or gone. */
export function claimFirstFree(q: Queryable, { consoleId, now, leaseMs, candidates, stillOffered }: LeaseRequest): Promise<number | null> {
  if (candidates.length === 0) return Promise.resolve(null);
  const lapsed = now - leaseMs;
  const pick = `SELECT l.id FROM ${q.dialect.idsInOrder} AS c JOIN leads l ON l.id = c.id
    WHERE NOT EXISTS (SELECT 1 FROM claims k WHERE k.lead_id = l.id AND k.console_id <> ? AND k.claimed_at > ?)
      AND (${stillOffered?.where ?? '1 = 1'})
    ORDER BY c.position LIMIT 1${q.dialect.lockSkippingLocked('l')}`;
  // Read committed: claimers skip each other's locked rows instead of failing serialization.
  // Inside the caller's transaction (the snapshot's), a part of it.
  return atomically(
    q,
    async (tx) => {
      // Each try is a new statement, which sees every claim committed since the last one.
      for (let tries = 0; tries < candidates.length; tries++) {
        const row = await tx.one<{ id: number }>(pick, [JSON.stringify(candidates), consoleId, lapsed, ...(stillOffered?.params ?? [])]);
        if (!row) return null;
        const taken = await tx.one<{ lead_id: number }>(TAKE_OVER, [row.id, consoleId, now, lapsed]);
        if (!taken) continue; // another console's claim committed after this statement began
        await tx.run('DELETE FROM claims WHERE console_id = ? AND lead_id <> ?', [consoleId, row.id]);
        return row.id;
      }
      return null;
    },
    { isolation: 'read committed' },
  );
}

/**
 * One console's claim moves one request at a time, until the transaction ends. A console sends
 * several at once (a disposition, and a refresh for another console's change): on PostgreSQL,
 * without this, a refresh skipped the console's own lead (locked by its other request) and
 * moved the claim to another, while the console kept the lead on screen unclaimed, and a second
 * console was offered it. Take it first in any transaction that moves a console's claim; on
 * SQLite the writing transaction already runs alone. Same lock space as a number's
 * (`dialect.lockNumber`): a clash of hashes only makes the two take turns.
 */
export async function lockConsole(tx: Queryable, consoleId: string): Promise<void> {
  const lock = tx.dialect.lockNumber;
  if (lock !== null) await tx.one(lock, [`console ${consoleId}`]);
}

/** The console is still on the lead: its lease starts again. False when the lead is no longer its. */
export async function renewLease(q: Queryable, consoleId: string, leadId: number, now: number): Promise<boolean> {
  const { changes } = await q.run('UPDATE claims SET claimed_at = ? WHERE lead_id = ? AND console_id = ?', [now, leadId, consoleId]);
  return changes === 1;
}

/** The console let the lead go (logged it, skipped it, closed the page). */
export async function releaseLease(q: Queryable, consoleId: string, leadId: number): Promise<void> {
  await q.run('DELETE FROM claims WHERE lead_id = ? AND console_id = ?', [leadId, consoleId]);
}

/** Who holds a lead now, if anyone. */
export async function leaseHolder(q: Queryable, leadId: number, now: number, leaseMs: number): Promise<string | null> {
  const row = await q.one<{ console_id: string }>('SELECT console_id FROM claims WHERE lead_id = ? AND claimed_at > ?', [leadId, now - leaseMs]);
  return row?.console_id ?? null;
}
