import { ApiError } from '../../shared/api-error.ts';
import type { LeadCallingWindows, UpcomingCallback } from '../../shared/callbacks.ts';
import type { Queryable } from '../store/seam/store.ts';
import type { LeadCondition } from './list-access.ts';
import { legalRulesFor, type QueueRules } from './calling-rules.ts';
import { loadLeadFacts } from './lead-facts.ts';
import { DAY_MS } from '../../shared/time-units.ts';

/**
 * What the console needs to book and keep callbacks: the hours a lead may be called (for the
 * picker's quick choices) and the callbacks coming due (to announce each one).
 */
export async function leadCallingWindows(q: Queryable, rules: QueueRules, leadId: number, now: number): Promise<LeadCallingWindows> {
  const facts = await loadLeadFacts(q, leadId, now);
  if (!facts) throw new ApiError('not-found', `There is no lead #${leadId}.`);
  return { timeZone: facts.place.timeZone, windows: [rules.window, ...legalRulesFor(facts.place).map((rule) => rule.window)] };
}

/** How far ahead the console looks: it asks again as the day goes on. */
const LOOK_AHEAD_MS = DAY_MS;

/**
 * Callbacks not made yet, due before a day from now (those already due included), soonest first;
 * on a team, a rep's only on the leads their lists offer them (`access`, list-access.ts), as the
 * queue offers them: another rep's callback is not announced on their console.
 */
export async function upcomingCallbacks(q: Queryable, now: number, access: LeadCondition | null = null, limit = 100): Promise<UpcomingCallback[]> {
  const rows = await q.all<{ lead_id: number; due_at: number; first_name: string; last_name: string; time_zone: string | null }>(
    `SELECT c.lead_id, c.due_at, l.first_name, l.last_name, l.time_zone
       FROM callbacks c INDEXED BY callbacks_open JOIN leads l ON l.id = c.lead_id
      WHERE c.done_by_call_id IS NULL AND c.due_at <= ?${access ? ` AND l.id IN (SELECT leads.id FROM leads WHERE ${access.where})` : ''}
      ORDER BY c.due_at LIMIT ?`,
    [now + LOOK_AHEAD_MS, ...(access?.params ?? []), limit],
  );
  return rows.map((r) => ({
    leadId: r.lead_id,
    leadName: `${r.first_name} ${r.last_name}`.trim() || 'Unnamed lead',
    dueAt: new Date(r.due_at).toISOString(),
    timeZone: r.time_zone,
  }));
}
