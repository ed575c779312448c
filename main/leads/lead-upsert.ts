import { DEFAULT_QUEUE_RULES } from '../../shared/queue-rules.ts';
import { refreshLeadQueueColumns } from '../queue/queue-columns.ts';
import { manyRows } from '../store/seam/row-batches.ts';
import type { Queryable } from '../store/seam/store.ts';
import { NO_PHONE, type ImportedLead } from './lead-row.ts';
import { LEAD_SQL as SQL, importedColumnsJson, mergedColumns, newLeadValues, updateMergedValues, candidatesFrom, candidatesQuery, chooseMatch, type Candidate, type LeadColumns, type MergeRow } from './lead-merge.ts';
import type { WriteOutcome } from './lead-writer.ts';

/**
 * Create-or-merge of leads through the store seam, on either store (a rep's SQLite file or the
 * team's PostgreSQL), with the importer's rules (lead-merge.ts): matched by CRM id, then email,
 * then number; a placeholder email shared by different people does not merge them; a match is
 * completed, never overwritten; a request for a call newer than the lead's last call makes it a
 * hand-raiser again; do-not-call is raised, never lowered; a row with no number only completes.
 */

export interface SeamWriteOptions {
  /** The import batch the writes belong to (undo log, numbers and activities tagged), or null for a lone lead. */
  batchId: number | null;
  /** Everyone's lifetime attempt cap, kept in each lead's `callable` (the queue's preferences). */
  lifetimeAttemptCap?: number;
}

export type UpsertResult = { leadId: number; outcome: 'created' | 'updated' } | { leadId: null; outcome: typeof NO_PHONE };

/**
 * One lead in, created or merged into the lead the store already has, with the importer's rules.
 * For the inbound webhooks (a form, a demo request): build the `ImportedLead` with the importer's
 * row rules (`readLeadRow` in lead-row.ts) or by hand (e164 numbers, `requestedCall` and a
 * `call-request` activity for a hand-raiser), and call this inside the caller's transaction:
 *
 *   await store.transaction((tx) => upsertLead(tx, lead, { lifetimeAttemptCap }));
 *
 * On PostgreSQL run it in the seam's default (serializable) transaction: two requests naming the
 * same new person at once then make one lead (one transaction fails, runs again, and merges).
 * Returns the lead's id and whether it was created or completed; a lead the store does not know
 * that carries no number is not created (`outcome: NO_PHONE`, the importer's sentence).
 */
export async function upsertLead(q: Queryable, lead: ImportedLead, { batchId = null, lifetimeAttemptCap }: Partial<SeamWriteOptions> = {}): Promise<UpsertResult> {
  const written = await seamLeadWriter(q, { batchId, ...(lifetimeAttemptCap === undefined ? {} : { lifetimeAttemptCap }) }).write(lead);
  if (written.outcome === NO_PHONE) return { leadId: null, outcome: NO_PHONE };
  return { leadId: written.leadId, outcome: written.outcome === 'merged' ? 'updated' : written.outcome };
}

/**
 * The writer an import on the seam uses for its batch (import-on-store.ts); `upsertLead` is one
 * call of it. It remembers the leads the batch created and completed, so a second row for one of
 * them reads "merged", and each lead's state before the batch is logged once for the undo.
 */
export function seamLeadWriter(q: Queryable, { batchId, lifetimeAttemptCap = DEFAULT_QUEUE_RULES.lifetimeAttemptCap }: SeamWriteOptions) {
  const createdHere = new Set<number>();
  const updatedHere = new Set<number>();
  /** The importable columns each completed lead was left with: the undo log's `after`. */
  const after = new Map<number, LeadColumns>();
  const seenZones = new Set<string>();

  /** The lead this row describes (lead-merge.ts' rule): every lookup in one round trip. */
  const findExisting = async (lead: ImportedLead): Promise<number | undefined> => {
    const { sql, params } = candidatesQuery(lead);
    if (!sql) return undefined;
    return chooseMatch(lead, candidatesFrom(lead, await q.all<Candidate & { key: string; n: number }>(sql, params)));
  };

  const addZone = async (zone: string) => {
    if (seenZones.has(zone)) return;
    seenZones.add(zone);
    await q.run(SQL.addZone, [zone]);
  };
  const addActivities = async (leadId: number, lead: ImportedLead) => {
    if (lead.activities.length === 0) return;
    await q.run(
      manyRows(SQL.insertActivity, lead.activities.length),
      lead.activities.flatMap((a) => [leadId, a.type, a.title, a.url, a.occurredAt, a.details, batchId]),
    );
  };

  return {
    async write(lead: ImportedLead): Promise<{ leadId: number; outcome: WriteOutcome } | { leadId: null; outcome: typeof NO_PHONE }> {
      const existing = await findExisting(lead);
      // A row with no number only completes a lead the store already has; it never makes one.
      if (existing === undefined && lead.phones.length === 0) return { leadId: null, outcome: NO_PHONE };
      if (existing === undefined) {
        const { id } = (await q.one<{ id: number }>(`${SQL.insertLead} RETURNING id`, newLeadValues(lead, batchId, lifetimeAttemptCap)))!;
        await addZone(lead.timeZone ?? '');
        if (lead.phones.length) {
          await q.run(manyRows(SQL.insertPhone, lead.phones.length), lead.phones.flatMap((p, position) => [id, position, p.raw, p.e164, p.type, batchId, p.bad ? 1 : 0]));
        }
        await addActivities(id, lead);
        createdHere.add(id);
        return { leadId: id, outcome: 'created' };
      }

      const seenInThisFile = createdHere.has(existing) || updatedHere.has(existing);
      const now = (await q.one<MergeRow>(SQL.mergeRead, [existing]))!;
      if (batchId !== null && !createdHere.has(existing)) await q.run(SQL.logBefore, [batchId, existing, importedColumnsJson(now)]);
      const merged = mergedColumns(now, lead);
      await q.run(SQL.updateMerged, updateMergedValues(existing, merged));
      if (!createdHere.has(existing)) after.set(existing, merged);
      if (lead.timeZone) await addZone(lead.timeZone);
      let { p: position } = (await q.one<{ p: number }>(SQL.nextPosition, [existing]))!;
      for (const p of lead.phones) {
        if (await q.one(SQL.hasNumber, [existing, p.e164, p.raw])) continue;
        // A number the lead already has keeps the flag this store gave it; a new one comes with the file's.
        await q.run(SQL.insertPhone, [existing, position++, p.raw, p.e164, p.type, batchId, p.bad ? 1 : 0]);
      }
      await addActivities(existing, lead);
      await refreshLeadQueueColumns(q, existing, lifetimeAttemptCap);
      if (!createdHere.has(existing)) updatedHere.add(existing);
      return { leadId: existing, outcome: seenInThisFile ? 'merged' : 'updated' };
    },
    /** Once every row is written: what the batch left on each lead it completed, for the undo. */
    async finish(): Promise<void> {
      if (batchId === null) return;
      for (const [id, columns] of after) await q.run('UPDATE import_changes SET after = ? WHERE batch_id = ? AND lead_id = ?', [importedColumnsJson(columns), batchId, id]);
    },
  };
}
