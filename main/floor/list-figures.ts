import type { FloorView } from '../../shared/floor.ts';
import type { QueueRules } from '../../shared/queue-rules.ts';
import { requestBounds } from '../queue/next-lead.ts';
import { ON_TIME } from '../sessions/summary.ts';
import type { Queryable, SqlValue } from '../store/seam/store.ts';
import type { Today } from './today-calls.ts';

/**
 * The list's side of the floor: how much of it no call has reached, who asked for a call and
 * waits, and the callbacks of the day. `list` is the queue's own condition over `leads` (the
 * console's call list), so the floor counts the leads the queue works; none means every lead.
 */
export interface ListScope {
  name: string | null;
  where: string;
  params: readonly SqlValue[];
}

export const EVERY_LEAD: ListScope = { name: null, where: '1 = 1', params: [] };

/** The summary's coverage (main/sessions/summary.ts): a lead is contacted once a call to it had a disposition that says a person answered. */
export async function coverage(q: Queryable, list: ListScope, contacts: ReadonlySet<string>): Promise<FloorView['coverage']> {
  const codes = [...contacts];
  const { leads } = (await q.one<{ leads: number }>(`SELECT count(*) AS leads FROM leads WHERE ${list.where}`, list.params))!;
  // The leads reached, counted from the calls that reached them: most leads were never called,
  // so this reads far fewer rows than asking every lead about its calls.
  const reached =
    codes.length === 0
      ? 0
      : (await q.one<{ reached: number }>(
          `SELECT count(DISTINCT c.lead_id) AS reached FROM calls c JOIN leads ON leads.id = c.lead_id
           WHERE c.disposition_code IN (${codes.map(() => '?').join(', ')}) AND (${list.where})`,
          [...codes, ...list.params],
        ))!.reached;
  const neverContacted = leads - reached;
  return { listName: list.name, leads, neverContacted, neverContactedShare: leads === 0 ? 0 : neverContacted / leads };
}

/**
 * Leads whose request for a call is still unanswered: a contact answers it (main/calls clears
 * hand_raised_at), a request older than the queue's handRaiserMaxDays no longer counts as one
 * (main/queue/next-lead.ts), and a lead that may not be called (do-not-call, closed) waits for nobody.
 */
export async function handRaisersWaiting(q: Queryable, list: ListScope, rules: QueueRules, now: number): Promise<FloorView['handRaisers']> {
  // Asked once per partial index of the queue's hand-raisers (never tried, tried again), each
  // condition the index's own, so neither store reads every lead.
  const rows = await q.all<{ waiting: number; oldest: number | null }>(
    `SELECT count(*) AS waiting, min(hand_raised_at) AS oldest FROM leads
     WHERE callable = 1 AND hand_raised_at IS NOT NULL AND attempts = 0 AND hand_raised_at >= ? AND hand_raised_at <= ? AND (${list.where})
     UNION ALL
     SELECT count(*) AS waiting, min(hand_raised_at) AS oldest FROM leads
     WHERE callable = 1 AND hand_raised_at IS NOT NULL AND attempts > 0 AND hand_raised_at >= ? AND hand_raised_at <= ? AND (${list.where})`,
    [...[requestBounds({ now, rules }).stale, now, ...list.params], ...[requestBounds({ now, rules }).stale, now, ...list.params]],
  );
  const oldest = rows.map((r) => r.oldest).filter((at) => at !== null);
  return { waiting: rows.reduce((n, r) => n + r.waiting, 0), oldestSince: oldest.length === 0 ? null : new Date(Math.min(...oldest)).toISOString() };
}

/** Kept on time means within ON_TIME of the time promised, as in every summary; later, or never, is missed. */
export async function callbacksToday(q: Queryable, list: ListScope, today: Today, now: number): Promise<FloorView['callbacks']> {
  const row = (await q.one<{ due_today: number | null; due_now: number | null; missed: number | null }>(
    `SELECT sum(CASE WHEN cb.done_by_call_id IS NULL AND cb.due_at < ? AND cb.due_at + ? >= ? THEN 1 ELSE 0 END) AS due_today,
            sum(CASE WHEN cb.done_by_call_id IS NULL AND cb.due_at <= ? AND cb.due_at + ? >= ? THEN 1 ELSE 0 END) AS due_now,
            sum(CASE WHEN cb.due_at >= ? AND cb.due_at + ? < ? AND (done.started_at IS NULL OR done.started_at > cb.due_at + ?) THEN 1 ELSE 0 END) AS missed
     FROM callbacks cb JOIN leads ON leads.id = cb.lead_id LEFT JOIN calls done ON done.id = cb.done_by_call_id
     WHERE cb.due_at < ? AND (cb.done_by_call_id IS NULL OR cb.due_at >= ?) AND (${list.where})`,
    [today.to, ON_TIME, now, now, ON_TIME, now, today.from, ON_TIME, now, ON_TIME, today.to, today.from, ...list.params],
  ))!;
  return { dueToday: row.due_today ?? 0, dueNow: row.due_now ?? 0, missedToday: row.missed ?? 0 };
}
