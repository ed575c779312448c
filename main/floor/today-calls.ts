import type { Disposition } from '../../shared/dispositions.ts';
import type { SpeedToLead, WaitFigures } from '../../shared/floor.ts';
import { callFigures, type CallFigures, type CountedCall } from '../../shared/summary-figures.ts';
import { percentile } from '../sessions/summary.ts';
import type { Queryable } from '../store/seam/store.ts';
import { repKey } from './rep-states.ts';

/**
 * Today's calls, as the floor counts them: each rep's dials, contacts, conversations and SQLs
 * (counted by `callFigures`, as every summary counts them), and speed to lead per request for a
 * call. Whether a disposition means a person answered is read from its definition in TypeScript,
 * so the queries are the same text on both stores.
 */
export interface Today {
  from: number;
  to: number;
}

/** The codes of the dispositions that say a person answered, retired ones included (old calls keep their meaning). */
export async function contactCodes(q: Queryable): Promise<Set<string>> {
  const rows = await q.all<{ code: string; definition: string }>('SELECT code, definition FROM dispositions');
  return new Set(rows.filter((d) => (JSON.parse(d.definition) as Partial<Disposition>).contact === true).map((d) => d.code));
}

export interface FiguresToday {
  /** By rep, keyed by `repKey` (a name differing in case only is the same rep). */
  byRep: Map<string | null, CallFigures>;
  /** The names the calls were logged under. */
  names: (string | null)[];
  team: CallFigures;
}

/** Every rep's figures for today, and the team's. */
export async function figuresToday(q: Queryable, today: Today, contacts: ReadonlySet<string>): Promise<FiguresToday> {
  const rows = await q.all<Omit<CountedCall, 'contact'> & { rep: string | null; disposition_code: string }>(
    // The callbacks' calls as one set, not one look-up per call: callbacks has no index on the call
    // that set them, and a busy day's thousands of calls made that the floor's dearest read.
    `SELECT c.rep, c.disposition_code, c.counts_as_attempt, c.stage_before, c.stage_after, c.answers,
            c.id IN (SELECT cb.set_by_call_id FROM callbacks cb WHERE cb.set_by_call_id IS NOT NULL) AS set_callback
     FROM calls c WHERE c.started_at >= ? AND c.started_at < ?`,
    [today.from, today.to],
  );
  const calls = rows.map((c) => ({ ...c, contact: contacts.has(c.disposition_code) ? 1 : 0 }));
  const byRep = groupBy(calls, (c) => repKey(c.rep));
  return {
    byRep: new Map([...byRep].map(([rep, repCalls]) => [rep, callFigures(repCalls)])),
    names: [...new Set(rows.map((c) => c.rep))],
    team: callFigures(calls),
  };
}

/** The request types that make a lead a hand-raiser (main/leads/crm-values.ts `isHandRaise`). */
const REQUEST_TYPES = "('call-request', 'demo-request')";

interface Answer {
  ms: number;
  rep: string | null;
}

export interface SpeedToLeadToday {
  team: SpeedToLead;
  /** Keyed by `repKey`. */
  byRep: Map<string | null, Omit<SpeedToLead, 'requests'>>;
}

/**
 * Each request for a call that arrived today (a call or demo request among the lead's activity,
 * or, for a lead flagged as a hand-raiser with no such activity, its arrival in the store), and
 * the first dial and first contact made after it: by whom, and how long after.
 */
export async function speedToLeadToday(q: Queryable, today: Today, contacts: ReadonlySet<string>): Promise<SpeedToLeadToday> {
  const requests = await q.all<{ lead_id: number; arrived: number }>(
    `SELECT a.lead_id, a.occurred_at AS arrived FROM activities a
     WHERE a.type IN ${REQUEST_TYPES} AND a.occurred_at >= ? AND a.occurred_at < ?
     UNION ALL
     SELECT l.id AS lead_id, l.created_at AS arrived FROM leads l
     WHERE l.requested_call = 1 AND l.created_at >= ? AND l.created_at < ?
       AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.lead_id = l.id AND a.type IN ${REQUEST_TYPES})`,
    [today.from, today.to, today.from, today.to],
  );
  const leadIds = [...new Set(requests.map((r) => r.lead_id))];
  const calls =
    leadIds.length === 0
      ? []
      : await q.all<{ lead_id: number; rep: string | null; started_at: number; counts_as_attempt: number; disposition_code: string }>(
          `SELECT c.lead_id, c.rep, c.started_at, c.counts_as_attempt, c.disposition_code FROM calls c
           WHERE c.lead_id IN (SELECT ids.id FROM ${q.dialect.idsInOrder} AS ids) AND c.started_at >= ? AND c.started_at < ?
           ORDER BY c.started_at, c.id`,
          [JSON.stringify(leadIds), today.from, today.to],
        );
  const callsOf = groupBy(calls, (c) => c.lead_id);

  const toDial: Answer[] = [];
  const toContact: Answer[] = [];
  for (const request of requests) {
    const after = (callsOf.get(request.lead_id) ?? []).filter((c) => c.started_at >= request.arrived);
    const dial = after.find((c) => c.counts_as_attempt === 1);
    const contact = after.find((c) => contacts.has(c.disposition_code));
    if (dial) toDial.push({ ms: dial.started_at - request.arrived, rep: repKey(dial.rep) });
    if (contact) toContact.push({ ms: contact.started_at - request.arrived, rep: repKey(contact.rep) });
  }

  const byRep = new Map<string | null, Omit<SpeedToLead, 'requests'>>();
  for (const rep of new Set([...toDial, ...toContact].map((a) => a.rep))) {
    byRep.set(rep, { toDial: waits(toDial.filter((a) => a.rep === rep)), toContact: waits(toContact.filter((a) => a.rep === rep)) });
  }
  return { team: { requests: requests.length, toDial: waits(toDial), toContact: waits(toContact) }, byRep };
}

function waits(answers: Answer[]): WaitFigures {
  const sorted = answers.map((a) => a.ms).sort((a, b) => a - b);
  return { count: sorted.length, medianMs: percentile(sorted, 50), p90Ms: percentile(sorted, 90) };
}

export const NO_WAITS: Omit<SpeedToLead, 'requests'> = { toDial: waits([]), toContact: waits([]) };

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
