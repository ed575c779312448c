import type { Disposition } from '../../shared/dispositions.ts';
import type { SpeedToLead, WaitFigures } from '../../shared/floor.ts';
import { callFigures, type CallFigures, type CountedCall } from '../../shared/summary-figures.ts';
import type { Queryable, SqlValue } from '../store/seam/store.ts';
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

/** The codes of the dispositions whose definition has the flag, retired ones included (old calls keep their meaning). */
export async function codesWith(q: Queryable, flag: 'contact' | 'doNotCall' | 'needsReason'): Promise<Set<string>> {
  const rows = await q.all<{ code: string; definition: string }>('SELECT code, definition FROM dispositions');
  return new Set(rows.filter((d) => (JSON.parse(d.definition) as Partial<Disposition>)[flag] === true).map((d) => d.code));
}

/** The codes of the dispositions that say a person answered. */
export const contactCodes = (q: Queryable) => codesWith(q, 'contact');

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

export interface SpeedToLeadFigures {
  team: SpeedToLead;
  /** Keyed by `repKey`. */
  byRep: Map<string | null, Omit<SpeedToLead, 'requests'>>;
}

/** Which leads' requests count: a condition over `leads` (a call list's), every lead by default. */
export interface LeadCondition {
  where: string;
  params: readonly SqlValue[];
}

const EVERY_LEAD: LeadCondition = { where: '1 = 1', params: [] };

/**
 * Each request for a call that arrived in the range (today, for the floor; a summary's days) — a
 * call or demo request among the lead's activity, or, for a lead flagged as a hand-raiser with no
 * such activity, its arrival in the store — and the first dial and first contact made after it
 * within the range: by whom, and how long after. The one definition of speed to lead: the floor
 * and every summary read it here.
 */
export async function speedToLead(q: Queryable, range: Today, contacts: ReadonlySet<string>, leads: LeadCondition = EVERY_LEAD): Promise<SpeedToLeadFigures> {
  const requests = await q.all<{ lead_id: number; arrived: number }>(
    `SELECT a.lead_id, a.occurred_at AS arrived FROM activities a JOIN leads ON leads.id = a.lead_id
     WHERE a.type IN ${REQUEST_TYPES} AND a.occurred_at >= ? AND a.occurred_at < ? AND (${leads.where})
     UNION ALL
     SELECT leads.id AS lead_id, leads.created_at AS arrived FROM leads
     WHERE leads.requested_call = 1 AND leads.created_at >= ? AND leads.created_at < ? AND (${leads.where})
       AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.lead_id = leads.id AND a.type IN ${REQUEST_TYPES})`,
    [range.from, range.to, ...leads.params, range.from, range.to, ...leads.params],
  );
  const leadIds = [...new Set(requests.map((r) => r.lead_id))];
  const calls =
    leadIds.length === 0
      ? []
      : await q.all<{ lead_id: number; rep: string | null; started_at: number; counts_as_attempt: number; disposition_code: string }>(
          `SELECT c.lead_id, c.rep, c.started_at, c.counts_as_attempt, c.disposition_code FROM calls c
           WHERE c.lead_id IN (SELECT ids.id FROM ${q.dialect.idsInOrder} AS ids) AND c.started_at >= ? AND c.started_at < ?
           ORDER BY c.started_at, c.id`,
          [JSON.stringify(leadIds), range.from, range.to],
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

/** The nearest-rank percentile of sorted figures (the median is the 50th). */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
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
