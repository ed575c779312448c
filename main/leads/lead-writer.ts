import { DEFAULT_QUEUE_RULES } from '../../shared/queue-rules.ts';
import { refreshQueueColumns } from '../queue/queue-columns.ts';
import type { Database } from '../store/database.ts';
import { manyRows } from '../store/seam/row-batches.ts';
import type { SqlValue } from '../store/seam/store.ts';
import { NO_PHONE, type ImportedLead } from './lead-row.ts';
import {
  IMPORT_UPDATED_COLUMNS,
  LEAD_SQL as SQL,
  importedColumnsJson,
  mergedColumns,
  newLeadValues,
  updateMergedValues,
  chooseMatch,
  type Candidate,
  type MergeRow,
} from './lead-merge.ts';
import { importedLeadKeys } from './import-lead-keys.ts';

export type WriteOutcome = 'created' | 'updated' | 'merged';

/**
 * Writes imported leads for one batch on the rep's SQLite store, synchronously: the import's hot
 * path (100,000 rows, issue 12's budget), with its statements compiled once. A lead is matched by
 * CRM id, then email, then any of its E.164 numbers; a match is completed, never duplicated and
 * never overwritten (the rules: lead-merge.ts, which the seam's writer, lead-upsert.ts, calls
 * too). What a lead was before is logged once per batch so the import can be undone.
 *
 * `storeWasEmpty`: the store held no lead when the import began, so every match is a lead this
 * import made, looked up in memory (import-lead-keys.ts) rather than by three statements a row.
 */
export function leadWriter(db: Database, batchId: number, lifetimeAttemptCap = DEFAULT_QUEUE_RULES.lifetimeAttemptCap, storeWasEmpty = false) {
  const byCrmId = db.prepare(SQL.byCrmId);
  const byEmail = db.prepare(SQL.byEmail);
  const byNumber = db.prepare(SQL.byNumber);
  // New leads are held and written 50 at a time like their numbers and activities, so each is
  // numbered here: the import holds the write lock, and these are the ids SQLite would give them
  // (max + 1: the table has no AUTOINCREMENT). Held leads are written before anything else that
  // names them (their numbers' and activities' foreign keys) and before any read of the table.
  let nextId = (db.prepare('SELECT coalesce(max(id), 0) + 1 AS id FROM leads').get() as { id: number }).id;
  const insertLead = bufferedInsert(db, SQL.insertLeadWithId);
  const addZone = db.prepare(SQL.addZone);
  const seenZones = new Set<string>();
  const readLead = db.prepare(SQL.mergeRead);
  const logBefore = db.prepare(SQL.logBefore);
  const updateLead = db.prepare(SQL.updateMerged);
  const hasNumber = db.prepare(SQL.hasNumber);
  const nextPosition = db.prepare(SQL.nextPosition);
  const insertPhone = bufferedInsert(db, SQL.insertPhone, insertLead.flush);
  const insertActivity = bufferedInsert(db, SQL.insertActivity, insertLead.flush);
  const identity = db.prepare(SQL.identity);
  const keys = storeWasEmpty
    ? importedLeadKeys((id) => {
        insertLead.flush();
        return identity.get(id) as Candidate;
      })
    : null;

  const createdHere = new Set<number>();
  const updatedHere = new Set<number>();
  /** The lead this row describes (lead-merge.ts' rule), from what the store holds under its keys. */
  const findExisting = (lead: ImportedLead): number | undefined => {
    if (keys) return chooseMatch(lead, keys.candidates(lead));
    // The lookup by number reads the numbers written so far.
    insertPhone.flush();
    return chooseMatch(lead, {
      byCrmId: lead.crmId ? (byCrmId.get(lead.crmId) as { id: number } | undefined)?.id : undefined,
      byEmail: lead.email ? (byEmail.get(lead.email) as Candidate | undefined) : undefined,
      byNumber: lead.phones.flatMap((p) => (p.e164 ? [byNumber.all(p.e164) as Candidate[]] : [])),
    });
  };

  const addActivities = (leadId: number, lead: ImportedLead) => {
    for (const a of lead.activities) insertActivity.add(leadId, a.type, a.title, a.url, a.occurredAt, a.details, batchId);
  };

  const recordAfter = db.prepare(`
    UPDATE import_changes SET after = (SELECT json_object(${IMPORT_UPDATED_COLUMNS.map((c) => `'${c}', ${c}`).join(', ')}) FROM leads WHERE leads.id = import_changes.lead_id)
    WHERE batch_id = ?`);

  return {
    /** Once every row is written: what the import left on each lead it changed. */
    finish(): void {
      insertLead.flush();
      insertPhone.flush();
      insertActivity.flush();
      recordAfter.run(batchId);
    },
    write(lead: ImportedLead): WriteOutcome | typeof NO_PHONE {
      const existing = findExisting(lead);
      // A row with no number only completes a lead the store already has; it never makes one.
      if (existing === undefined && lead.phones.length === 0) return NO_PHONE;
      if (existing === undefined) {
        const id = nextId++;
        insertLead.add(id, ...newLeadValues(lead, batchId, lifetimeAttemptCap));
        const zone = lead.timeZone ?? '';
        if (!seenZones.has(zone)) {
          seenZones.add(zone);
          addZone.run(zone);
        }
        lead.phones.forEach((p, position) => insertPhone.add(id, position, p.raw, p.e164, p.type, batchId, p.bad ? 1 : 0));
        addActivities(id, lead);
        createdHere.add(id);
        keys?.created(id, lead);
        return 'created';
      }

      // What follows reads the lead's numbers (its next position, which it has, its queue columns).
      insertPhone.flush();
      const seenInThisFile = createdHere.has(existing) || updatedHere.has(existing);
      const now = readLead.get(existing) as MergeRow;
      if (!createdHere.has(existing)) logBefore.run(batchId, existing, importedColumnsJson(now));
      const merged = mergedColumns(now, lead);
      updateLead.run(...updateMergedValues(existing, merged));
      if (lead.timeZone) addZone.run(lead.timeZone);
      let position = (nextPosition.get(existing) as { p: number }).p;
      const added: string[] = [];
      for (const p of lead.phones) {
        if (hasNumber.get(existing, p.e164, p.raw)) continue;
        // A number the lead already has keeps the flag this store gave it; a new one comes with the file's.
        insertPhone.runNow(existing, position++, p.raw, p.e164, p.type, batchId, p.bad ? 1 : 0);
        if (p.e164) added.push(p.e164);
      }
      addActivities(existing, lead);
      refreshQueueColumns(db, existing, lifetimeAttemptCap);
      keys?.completed(existing, merged, added);
      if (!createdHere.has(existing)) updatedHere.add(existing);
      return seenInThisFile ? 'merged' : 'updated';
    },
  };
}

/**
 * Rows one INSERT names when the writer buffers them. Each statement run from JavaScript costs
 * its call, its binding and its step: one statement for 50 activities instead of 50 statements
 * (the import bench: ~185,000 activities for 100,000 rows).
 */
const ROWS_PER_INSERT = 50;

/**
 * An INSERT of one row (one `?` per column), run for many rows at once, in the order they were
 * added: the same rows, the same ids and the same ON CONFLICT outcome as one by one. Nothing may
 * read the table for what is still held: `flush` first. `first` writes what these rows name
 * (their leads); held rows are written in one statement however many they are, since the leads
 * are flushed whenever their numbers or activities fill a statement (every ~25 leads here).
 */
function bufferedInsert(db: Database, statement: string, first: () => void = () => {}) {
  const width = statement.match(/\(([?, ]+)\)/)![1]!.split('?').length - 1;
  /** The statement for n rows, at index n, compiled when first needed. */
  const forRows: ReturnType<Database['prepare']>[] = [];
  const write = (values: SqlValue[]) => {
    const rows = values.length / width;
    (forRows[rows] ??= db.prepare(manyRows(statement, rows))).run(...values);
  };
  let held: SqlValue[] = [];
  return {
    add(...row: SqlValue[]): void {
      for (const value of row) held.push(value);
      if (held.length === width * ROWS_PER_INSERT) this.flush();
    },
    flush(): void {
      first();
      if (held.length === 0) return;
      write(held);
      held = [];
    },
    /** One row written at once, after those held: the next read sees it. */
    runNow(...row: SqlValue[]): void {
      this.flush();
      write(row);
    },
  };
}
