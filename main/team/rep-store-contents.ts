import type { DatabaseSync } from 'node:sqlite';
import type { LeadRow } from '../leads/lead-rows.ts';

/** What an upload takes from a rep's store, per lead: the lead's row and what hangs off it, as the store holds them. */
export interface RepLead extends Omit<LeadRow, 'source' | 'attempts'> {
  /** As the rep's store holds it: whatever text the lead's CRM wrote. */
  source: string | null;
  region: string | null;
  country: string | null;
  retry_at: number | null;
  not_before: number | null;
  hand_raised_at: number | null;
  phones: { raw: string; e164: string | null; type: string; bad: number }[];
  activities: { type: string; title: string; url: string | null; occurred_at: number; details: string | null }[];
  calls: RepCall[];
  history: { from_stage: string | null; to_stage: string; reason: string; call_id: number | null; at: number; rep: string | null }[];
  callbacks: { due_at: number; set_by_call_id: number | null; done_by_call_id: number | null }[];
  handoffs: { call_id: number; at: number; answers: string; notes: string; why: string }[];
  draft: { text: string; saved_at: number } | null;
}

export interface RepCall {
  id: number;
  phone_e164: string | null;
  disposition_code: string;
  disposition_label: string;
  notes: string;
  started_at: number;
  ended_at: number;
  stage_before: string;
  stage_after: string;
  counts_as_attempt: number;
  rep: string | null;
  script_id: string | null;
  script_version: number | null;
  answers: string | null;
  criteria_met: string | null;
  recommended: string | null;
  override_reason: string | null;
}

export interface RepStoreContents {
  leads: RepLead[];
}

const LEAD_COLUMNS = `id, crm_id, first_name, last_name, email, company, title, owner, stage, source, time_zone, region, country,
  requested_call, do_not_call, score, created_at, last_attempt_at, last_disposition, retry_at, not_before, hand_raised_at`;

/**
 * The whole store read in one pass per table (not a query per lead), in the order it was written,
 * each row handed to its lead. Held in memory: a rep's store is a call list, not a CRM
 * (measured: see docs/TEAM.md, "A rep joins with their store").
 */
export function repStoreContents(db: DatabaseSync): RepStoreContents {
  const leads = db.prepare(`SELECT ${LEAD_COLUMNS} FROM leads ORDER BY id`).all() as unknown as Omit<RepLead, 'phones' | 'activities' | 'calls' | 'history' | 'callbacks' | 'handoffs' | 'draft'>[];
  const byId = new Map<number, RepLead>(leads.map((l) => [l.id, { ...l, phones: [], activities: [], calls: [], history: [], callbacks: [], handoffs: [], draft: null }]));
  const each = <Row extends { lead_id: number }>(sql: string, add: (lead: RepLead, row: Omit<Row, 'lead_id'>) => void) => {
    for (const { lead_id, ...row } of db.prepare(sql).iterate() as Iterable<Row>) {
      const lead = byId.get(lead_id);
      if (lead) add(lead, row);
    }
  };
  each<RepLead['phones'][number] & { lead_id: number }>('SELECT lead_id, raw, e164, type, bad FROM phones ORDER BY lead_id, position', (l, p) => l.phones.push(p));
  each<RepLead['activities'][number] & { lead_id: number }>('SELECT lead_id, type, title, url, occurred_at, details FROM activities ORDER BY id', (l, a) => l.activities.push(a));
  each<RepCall & { lead_id: number }>(
    `SELECT lead_id, id, phone_e164, disposition_code, disposition_label, notes, started_at, ended_at, stage_before, stage_after, counts_as_attempt, rep,
            script_id, script_version, answers, criteria_met, recommended, override_reason FROM calls ORDER BY started_at, id`,
    (l, c) => l.calls.push(c),
  );
  each<RepLead['history'][number] & { lead_id: number }>('SELECT lead_id, from_stage, to_stage, reason, call_id, at, rep FROM stage_history ORDER BY at, id', (l, h) => l.history.push(h));
  each<RepLead['callbacks'][number] & { lead_id: number }>('SELECT lead_id, due_at, set_by_call_id, done_by_call_id FROM callbacks ORDER BY due_at, id', (l, c) => l.callbacks.push(c));
  each<RepLead['handoffs'][number] & { lead_id: number }>('SELECT lead_id, call_id, at, answers, notes, why FROM handoffs ORDER BY at, id', (l, h) => l.handoffs.push(h));
  each<{ lead_id: number; text: string; saved_at: number }>('SELECT lead_id, text, saved_at FROM note_drafts', (l, d) => (l.draft = d));
  return { leads: [...byId.values()] };
}
