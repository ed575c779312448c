import { DEFAULT_QUEUE_RULES } from '../../shared/queue-rules.ts';
import { refreshQueueColumns } from '../queue/queue-columns.ts';
import type { Database } from '../store/database.ts';
import { NO_PHONE, type ImportedLead } from './lead-row.ts';
import { IMPORT_UPDATED_COLUMNS, LEAD_SQL as SQL, importedColumnsJson, mergedColumns, newLeadValues, updateMergedValues, chooseMatch, type Candidate, type MergeRow } from './lead-merge.ts';


export type WriteOutcome = 'created' | 'updated' | 'merged';

/**
 * Writes imported leads for one batch on the rep's SQLite store, synchronously: the import's hot
 * path (100,000 rows, issue 12's budget), with its statements compiled once. A lead is matched by
 * CRM id, then email, then any of its E.164 numbers; a match is completed, never duplicated and
 * never overwritten (the rules: lead-merge.ts, which the seam's writer, lead-upsert.ts, calls
 * too). What a lead was before is logged once per batch so the import can be undone.
 */
export function leadWriter(db: Database, batchId: number, lifetimeAttemptCap = DEFAULT_QUEUE_RULES.lifetimeAttemptCap) {
  const byCrmId = db.prepare(SQL.byCrmId);
  const byEmail = db.prepare(SQL.byEmail);
  const byNumber = db.prepare(SQL.byNumber);
  const insertLead = db.prepare(SQL.insertLead);
  const addZone = db.prepare(SQL.addZone);
  const seenZones = new Set<string>();
  const readLead = db.prepare(SQL.mergeRead);
  const logBefore = db.prepare(SQL.logBefore);
  const updateLead = db.prepare(SQL.updateMerged);
  const hasNumber = db.prepare(SQL.hasNumber);
  const nextPosition = db.prepare(SQL.nextPosition);
  const insertPhone = db.prepare(SQL.insertPhone);
  const insertActivity = db.prepare(SQL.insertActivity);

  const createdHere = new Set<number>();
  const updatedHere = new Set<number>();
  /** The lead this row describes (lead-merge.ts' rule), from what the store holds under its keys. */
  const findExisting = (lead: ImportedLead): number | undefined =>
    chooseMatch(lead, {
      byCrmId: lead.crmId ? (byCrmId.get(lead.crmId) as { id: number } | undefined)?.id : undefined,
      byEmail: lead.email ? (byEmail.get(lead.email) as Candidate | undefined) : undefined,
      byNumber: lead.phones.flatMap((p) => (p.e164 ? [byNumber.all(p.e164) as Candidate[]] : [])),
    });

  const addActivities = (leadId: number, lead: ImportedLead) => {
    for (const a of lead.activities) insertActivity.run(leadId, a.type, a.title, a.url, a.occurredAt, a.details, batchId);
  };

  const recordAfter = db.prepare(`
    UPDATE import_changes SET after = (SELECT json_object(${IMPORT_UPDATED_COLUMNS.map((c) => `'${c}', ${c}`).join(', ')}) FROM leads WHERE leads.id = import_changes.lead_id)
    WHERE batch_id = ?`);

  return {
    /** Once every row is written: what the import left on each lead it changed. */
    finish(): void {
      recordAfter.run(batchId);
    },
    write(lead: ImportedLead): WriteOutcome | typeof NO_PHONE {
      const existing = findExisting(lead);
      // A row with no number only completes a lead the store already has; it never makes one.
      if (existing === undefined && lead.phones.length === 0) return NO_PHONE;
      if (existing === undefined) {
        const id = Number(insertLead.run(...newLeadValues(lead, batchId, lifetimeAttemptCap)).lastInsertRowid);
        const zone = lead.timeZone ?? '';
        if (!seenZones.has(zone)) {
          seenZones.add(zone);
          addZone.run(zone);
        }
        lead.phones.forEach((p, position) => insertPhone.run(id, position, p.raw, p.e164, p.type, batchId, p.bad ? 1 : 0));
        addActivities(id, lead);
        createdHere.add(id);
        return 'created';
      }

      const seenInThisFile = createdHere.has(existing) || updatedHere.has(existing);
      const now = readLead.get(existing) as MergeRow;
      if (!createdHere.has(existing)) logBefore.run(batchId, existing, importedColumnsJson(now));
      updateLead.run(...updateMergedValues(existing, mergedColumns(now, lead)));
      if (lead.timeZone) addZone.run(lead.timeZone);
      let position = (nextPosition.get(existing) as { p: number }).p;
      for (const p of lead.phones) {
        if (hasNumber.get(existing, p.e164, p.raw)) continue;
        // A number the lead already has keeps the flag this store gave it; a new one comes with the file's.
        insertPhone.run(existing, position++, p.raw, p.e164, p.type, batchId, p.bad ? 1 : 0);
      }
      addActivities(existing, lead);
      refreshQueueColumns(db, existing, lifetimeAttemptCap);
      if (!createdHere.has(existing)) updatedHere.add(existing);
      return seenInThisFile ? 'merged' : 'updated';
    },
  };
}
