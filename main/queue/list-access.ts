import { ApiError } from '../../shared/api-error.ts';
import { callListFilterSchema } from '../../shared/call-lists.ts';
import { MINUTE_MS } from '../../shared/time-units.ts';
import { filterSql } from '../leads/call-lists.ts';
import { hasRole } from '../../shared/method-roles.ts';
import { currentCaller } from '../people/caller.ts';
import type { Queryable } from '../store/seam/store.ts';

/** A condition over `leads` (columns written leads.x), with its positional parameters. */
export interface LeadCondition {
  where: string;
  params: (string | number)[];
}

interface ListRow {
  id: number;
  filter: string;
  everyone: number;
  paused: number;
  owner_window_minutes: number;
}

/**
 * Which leads a rep may be offered, as the team lead set the lists (one rule for both stores; the
 * queue adds it to every tier query and to the lead a console already holds, so a change takes
 * effect at the console's next refresh):
 * - a lead on a list is offered only through a list that is running and assigned to everyone or
 *   to this rep; a lead on no list, or only on lists open to the rep, is offered as before;
 * - a list's owner window holds a lead back from every rep but its owner for that many minutes
 *   from its arrival or its request for a call, whichever is later; then anyone may have it. Only
 *   an owner who is another rep of the team holds a lead back (a CRM owner in sales does not).
 * Null when nothing restricts this rep: the queue's queries stay as they were.
 */
export async function repAccess(q: Queryable, rep: string | null, now: number): Promise<LeadCondition | null> {
  const lists = await q.all<ListRow>('SELECT id, filter, everyone, paused, owner_window_minutes FROM call_lists ORDER BY id');
  if (!lists.some((l) => l.paused || !l.everyone || l.owner_window_minutes > 0)) return null;
  const assigned = new Set(
    rep === null ? [] : (await q.all<{ list_id: number }>(`SELECT list_id FROM call_list_reps WHERE ${q.dialect.sameTextAs('rep')}`, [rep])).map((r) => Number(r.list_id)),
  );
  const others = (await otherReps(q, rep)).map((name) => name.toLowerCase());
  const through: LeadCondition[] = [];
  const restricting: LeadCondition[] = [];
  for (const list of lists) {
    const where = filterSql(callListFilterSchema.parse(JSON.parse(list.filter)), q.dialect);
    const open = !list.paused && (list.everyone === 1 || assigned.has(Number(list.id)));
    if (open) through.push(list.owner_window_minutes > 0 && others.length ? withOwnerWindow(where, q, others, now - list.owner_window_minutes * MINUTE_MS) : where);
    if (!open || list.owner_window_minutes > 0) restricting.push(where);
  }
  if (!restricting.length) return null;
  const anyOf = (conditions: LeadCondition[]) => ({ where: conditions.map((c) => `(${c.where})`).join(' OR '), params: conditions.flatMap((c) => c.params) });
  // A lead's membership of a list can be unknown (a NULL column in a filter): CASE reads it as
  // "not on the list", where NOT would drop the lead.
  const outside = anyOf(restricting);
  const offered = anyOf(through);
  return {
    where: `${through.length ? `${offered.where} OR ` : ''}(CASE WHEN ${outside.where} THEN 1 ELSE 0 END) = 0`,
    params: [...offered.params, ...outside.params],
  };
}

/** When a lead arrived, for its owner window: its arrival or its request for a call, whichever is later. */
const ARRIVED = 'CASE WHEN leads.hand_raised_at > leads.created_at THEN leads.hand_raised_at ELSE leads.created_at END';

/** The list's condition, less the leads another rep owns whose window has not yet passed (arrived after `since`). */
function withOwnerWindow(list: LeadCondition, q: Queryable, others: string[], since: number): LeadCondition {
  return {
    where: `(${list.where}) AND (CASE WHEN ${q.dialect.inTexts('lower(leads.owner)')} AND ${ARRIVED} > ? THEN 0 ELSE 1 END) = 1`,
    params: [...list.params, JSON.stringify(others), since],
  };
}

/**
 * The team's other reps, by name: the accounts of the team store. A rep's own SQLite store has
 * no accounts (its one rep works alone), so there no lead is held back for an owner.
 */
async function otherReps(q: Queryable, rep: string | null): Promise<string[]> {
  if (q.dialect.kind !== 'postgres') return [];
  return (await q.all<{ name: string }>('SELECT name FROM accounts WHERE lower(name) <> lower(?)', [rep ?? ''])).map((r) => r.name);
}

/**
 * The leads the person making the call may find, open and correct: on a team, a rep those their
 * lists offer them (the queue's own rule, above); a team lead or an admin every lead. A rep
 * working alone (no one signed in) has every lead of their own store: null.
 */
export async function callerAccess(q: Queryable, now: number): Promise<LeadCondition | null> {
  const person = currentCaller()?.person;
  return person && !hasRole(person, 'team-lead') ? repAccess(q, person.name, now) : null;
}

/**
 * Refuses a lead the person may not reach (a rep on a team, a lead their lists do not offer them),
 * in words a rep understands; a lead that does not exist is said so. Null access: every lead.
 */
export async function checkLeadAccess(q: Queryable, leadId: number, access: LeadCondition | null): Promise<void> {
  if (await leadWithin(q, leadId, access)) return;
  if (!(await q.one('SELECT 1 AS seen FROM leads WHERE id = ?', [leadId]))) throw new ApiError('not-found', `No lead with id ${leadId}.`);
  throw new ApiError('forbidden', `Lead ${leadId} is not on a call list you work: ask your team lead to assign you its list.`);
}

/** Whether the lead is one the condition lets the person reach (null: every lead). */
export async function leadWithin(q: Queryable, leadId: number, access: LeadCondition | null): Promise<boolean> {
  return access === null || Boolean(await q.one(`SELECT 1 AS seen FROM leads WHERE leads.id = ? AND (${access.where})`, [leadId, ...access.params]));
}

/**
 * The first instant after `now` at which a running list's owner window lets a lead go: a callable
 * lead on the list, owned by one of the team's reps, arrived less than the window ago. Then the
 * lead is every rep's, and the consoles must learn it (main/team/owner-window-ends.ts). Null when
 * no window is running, and always on a rep's own store (no accounts: nothing is held back).
 */
export async function nextOwnerWindowEnd(q: Queryable, now: number): Promise<number | null> {
  if (q.dialect.kind !== 'postgres') return null;
  const lists = await q.all<ListRow>('SELECT id, filter, everyone, paused, owner_window_minutes FROM call_lists WHERE owner_window_minutes > 0 AND paused = 0');
  let first: number | null = null;
  for (const list of lists) {
    const windowMs = list.owner_window_minutes * MINUTE_MS;
    const { where, params } = filterSql(callListFilterSchema.parse(JSON.parse(list.filter)), q.dialect);
    const row = await q.one<{ at: number | null }>(
      `SELECT min(${ARRIVED}) AS at FROM leads WHERE leads.callable = 1 AND (${where}) AND lower(leads.owner) IN (SELECT lower(name) FROM accounts) AND ${ARRIVED} > ?`,
      [...params, now - windowMs],
    );
    if (row?.at != null) first = Math.min(first ?? Infinity, Number(row.at) + windowMs);
  }
  return first;
}
