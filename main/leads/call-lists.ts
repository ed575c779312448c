import { ApiError } from '../../shared/api-error.ts';
import { callListFilterSchema, type CallList, type CallListFilter } from '../../shared/call-lists.ts';
import { queueRulesSchema, type QueueRules } from '../../shared/queue-rules.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../store/database.ts';
import { sqliteDialect, type Dialect } from '../store/seam/dialect.ts';
import type { Queryable } from '../store/seam/store.ts';

/**
 * Call lists: saved filters over the store (see shared/call-lists.ts). Importing into a list
 * adds the import's batch to its filter, so the list is "everything these files brought", and
 * stays so after merges.
 */
export async function addBatchToList(q: Queryable, clock: Clock, name: string, batchId: number): Promise<number> {
  const existing = await q.one<{ id: number; filter: string }>('SELECT id, filter FROM call_lists WHERE name = ?', [name]);
  const filter: CallListFilter = existing ? callListFilterSchema.parse(JSON.parse(existing.filter)) : {};
  filter.importBatchIds = [...new Set([...(filter.importBatchIds ?? []), batchId])];
  const id = existing
    ? (await q.run('UPDATE call_lists SET filter = ? WHERE id = ?', [JSON.stringify(filter), existing.id]), existing.id)
    : (await q.one<{ id: number }>('INSERT INTO call_lists (name, filter, created_at) VALUES (?, ?, ?) RETURNING id', [name, JSON.stringify(filter), clock.now()]))!.id;
  await q.run('UPDATE import_batches SET call_list_id = ? WHERE id = ?', [id, batchId]);
  return id;
}

export async function saveCallList(q: Queryable, clock: Clock, list: { name: string; filter: CallListFilter; rules: QueueRules | null }): Promise<CallList> {
  await q.run(
    `INSERT INTO call_lists (name, filter, rules, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET filter = excluded.filter, rules = excluded.rules`,
    [list.name, JSON.stringify(list.filter), list.rules === null ? null : JSON.stringify(list.rules), clock.now()],
  );
  return (await listCallLists(q)).find((l) => l.name.toLowerCase() === list.name.toLowerCase())!;
}

export async function listCallLists(q: Queryable): Promise<CallList[]> {
  const rows = await q.all<{ id: number; name: string; filter: string; rules: string | null; everyone: number; paused: number; owner_window_minutes: number }>(
    'SELECT id, name, filter, rules, everyone, paused, owner_window_minutes FROM call_lists ORDER BY name',
  );
  const assigned = await q.all<{ list_id: number; rep: string }>('SELECT list_id, rep FROM call_list_reps ORDER BY rep');
  const lists: CallList[] = [];
  for (const row of rows) {
    const filter = callListFilterSchema.parse(JSON.parse(row.filter));
    const { where, params } = filterSql(filter, q.dialect);
    const { n } = (await q.one<{ n: number }>(`SELECT count(*) AS n FROM leads WHERE ${where}`, params))!;
    const reps = assigned.filter((a) => Number(a.list_id) === Number(row.id)).map((a) => a.rep);
    lists.push({
      name: row.name,
      filter,
      rules: parseRules(row.rules),
      leads: Number(n),
      reps: row.everyone ? 'everyone' : reps,
      paused: row.paused === 1,
      ownerWindowMinutes: row.owner_window_minutes,
    });
  }
  return lists;
}

const parseRules = (rules: string | null): QueueRules | null => (rules === null ? null : queueRulesSchema.parse(JSON.parse(rules)));

/** The filter as a condition over `leads` (columns written leads.x), with positional parameters. */
export function filterSql(filter: CallListFilter, dialect: Dialect = sqliteDialect): { where: string; params: (string | number)[] } {
  const conditions: string[] = [];
  const params: (string | number)[] = [];
  const inList = (column: string, values: readonly (string | number)[] | undefined) => {
    if (!values) return;
    conditions.push(dialect.inTexts(column));
    params.push(JSON.stringify(values));
  };
  if (filter.importBatchIds) {
    conditions.push(`(${dialect.inIds('leads.import_batch_id')}
      OR leads.id IN (SELECT lead_id FROM import_changes WHERE ${dialect.inIds('batch_id')}))`);
    params.push(JSON.stringify(filter.importBatchIds), JSON.stringify(filter.importBatchIds));
  }
  inList('leads.stage', filter.stages);
  inList('leads.source', filter.sources);
  inList('leads.owner', filter.owners);
  inList("coalesce(leads.time_zone, '')", filter.timeZones);
  if (filter.createdSince) {
    conditions.push('leads.created_at >= ?');
    params.push(Date.parse(filter.createdSince));
  }
  if (filter.requestedCall !== undefined) {
    conditions.push('leads.requested_call = ?');
    params.push(filter.requestedCall ? 1 : 0);
  }
  return { where: conditions.length ? conditions.join(' AND ') : '1 = 1', params };
}

function findList(db: Database, name: string): { filter: CallListFilter; rules: QueueRules | null } {
  const row = db.prepare('SELECT filter, rules FROM call_lists WHERE name = ?').get(name) as { filter: string; rules: string | null } | undefined;
  if (!row) throw new ApiError('not-found', `There is no call list named "${name}".`);
  return { filter: callListFilterSchema.parse(JSON.parse(row.filter)), rules: parseRules(row.rules) };
}

/** The ids of the leads in a list, or null when there is no such list. */
export function leadIdsOfList(db: Database, name: string): number[] | null {
  const exists = db.prepare('SELECT 1 FROM call_lists WHERE name = ?').get(name);
  if (!exists) return null;
  const { where, params } = filterSql(findList(db, name).filter);
  return (db.prepare(`SELECT id FROM leads WHERE ${where} ORDER BY id`).all(...params) as { id: number }[]).map((r) => r.id);
}

export interface ListScope {
  list: { where: string; params: (string | number)[] };
  rules: QueueRules | null;
}

/** A list as the export uses it (on the rep's SQLite store): the condition its leads meet, and its own calling rules if any. */
export function callListScope(db: Database, name: string): ListScope {
  const { filter, rules } = findList(db, name);
  return { list: filterSql(filter), rules };
}

/** A list as the queue uses it, on either store. An unknown list is refused by name. */
export async function listScope(q: Queryable, name: string): Promise<ListScope> {
  const row = await q.one<{ filter: string; rules: string | null }>('SELECT filter, rules FROM call_lists WHERE name = ?', [name]);
  if (!row) throw new ApiError('not-found', `There is no call list named "${name}".`);
  return { list: filterSql(callListFilterSchema.parse(JSON.parse(row.filter)), q.dialect), rules: parseRules(row.rules) };
}
