import { ApiError } from '../../shared/api-error.ts';
import { callListFilterSchema, type CallList, type CallListFilter } from '../../shared/call-lists.ts';
import { queueRulesSchema, type QueueRules } from '../../shared/queue-rules.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../store/database.ts';

/**
 * Call lists: saved filters over the store (see shared/call-lists.ts). Importing into a list
 * adds the import's batch to its filter, so the list is "everything these files brought", and
 * stays so after merges.
 */
export function addBatchToList(db: Database, clock: Clock, name: string, batchId: number): number {
  const existing = db.prepare('SELECT id, filter FROM call_lists WHERE name = ?').get(name) as { id: number; filter: string } | undefined;
  const filter: CallListFilter = existing ? callListFilterSchema.parse(JSON.parse(existing.filter)) : {};
  filter.importBatchIds = [...new Set([...(filter.importBatchIds ?? []), batchId])];
  const id = existing
    ? (db.prepare('UPDATE call_lists SET filter = ? WHERE id = ?').run(JSON.stringify(filter), existing.id), existing.id)
    : Number(db.prepare('INSERT INTO call_lists (name, filter, created_at) VALUES (?, ?, ?)').run(name, JSON.stringify(filter), clock.now()).lastInsertRowid);
  db.prepare('UPDATE import_batches SET call_list_id = ? WHERE id = ?').run(id, batchId);
  return id;
}

export function saveCallList(db: Database, clock: Clock, list: { name: string; filter: CallListFilter; rules: QueueRules | null }): CallList {
  db.prepare(
    `INSERT INTO call_lists (name, filter, rules, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET filter = excluded.filter, rules = excluded.rules`,
  ).run(list.name, JSON.stringify(list.filter), list.rules === null ? null : JSON.stringify(list.rules), clock.now());
  return listCallLists(db).find((l) => l.name.toLowerCase() === list.name.toLowerCase())!;
}

export function listCallLists(db: Database): CallList[] {
  const rows = db.prepare('SELECT name, filter, rules FROM call_lists ORDER BY name').all() as { name: string; filter: string; rules: string | null }[];
  return rows.map((row) => {
    const filter = callListFilterSchema.parse(JSON.parse(row.filter));
    const { sql, params } = filterSql(filter);
    const { n } = db.prepare(`SELECT count(*) AS n FROM leads WHERE ${sql}`).get(params) as { n: number };
    return { name: row.name, filter, rules: row.rules === null ? null : queueRulesSchema.parse(JSON.parse(row.rules)), leads: n };
  });
}

/** The filter as a WHERE condition over `leads` (named parameters). */
function filterSql(filter: CallListFilter): { sql: string; params: Record<string, string | number> } {
  const conditions: string[] = [];
  const params: Record<string, string | number> = {};
  const inList = (column: string, key: string, values: readonly (string | number)[] | undefined) => {
    if (!values) return;
    params[key] = JSON.stringify(values);
    conditions.push(`${column} IN (SELECT value FROM json_each(:${key}))`);
  };
  if (filter.importBatchIds) {
    params.batches = JSON.stringify(filter.importBatchIds);
    conditions.push(`(import_batch_id IN (SELECT value FROM json_each(:batches))
      OR id IN (SELECT lead_id FROM import_changes WHERE batch_id IN (SELECT value FROM json_each(:batches))))`);
  }
  inList('stage', 'stages', filter.stages);
  inList('source', 'sources', filter.sources);
  inList('owner', 'owners', filter.owners);
  inList("coalesce(time_zone, '')", 'zones', filter.timeZones);
  if (filter.createdSince) {
    params.since = Date.parse(filter.createdSince);
    conditions.push('created_at >= :since');
  }
  if (filter.requestedCall !== undefined) {
    params.raised = filter.requestedCall ? 1 : 0;
    conditions.push('requested_call = :raised');
  }
  return { sql: conditions.length ? conditions.join(' AND ') : '1', params };
}

function findList(db: Database, name: string): { filter: CallListFilter; rules: QueueRules | null } {
  const row = db.prepare('SELECT filter, rules FROM call_lists WHERE name = ?').get(name) as { filter: string; rules: string | null } | undefined;
  if (!row) throw new ApiError('not-found', `There is no call list named "${name}".`);
  return { filter: callListFilterSchema.parse(JSON.parse(row.filter)), rules: row.rules === null ? null : queueRulesSchema.parse(JSON.parse(row.rules)) };
}

/** The ids of the leads in a list, or null when there is no such list. */
export function leadIdsOfList(db: Database, name: string): number[] | null {
  const exists = db.prepare('SELECT 1 FROM call_lists WHERE name = ?').get(name);
  if (!exists) return null;
  const { sql, params } = filterSql(findList(db, name).filter);
  return (db.prepare(`SELECT id FROM leads WHERE ${sql} ORDER BY id`).all(params) as { id: number }[]).map((r) => r.id);
}

/** A list as the queue uses it: who is on it, and its own calling rules if it has any. */
export function callListScope(db: Database, name: string): { inList: (leadId: number) => boolean; rules: QueueRules | null } {
  const { filter, rules } = findList(db, name);
  const { sql, params } = filterSql(filter);
  const member = db.prepare(`SELECT 1 FROM leads WHERE id = :id AND ${sql}`);
  return { inList: (id) => member.get({ ...params, id }) !== undefined, rules };
}
