import type { UploadReport } from '../../shared/store-upload.ts';
import { insertRows, newIdsOf, updateRows } from '../store/seam/row-batches.ts';
import type { Queryable, SqlValue } from '../store/seam/store.ts';
import type { RepCall, RepLead } from './rep-store-contents.ts';

/**
 * What the rep did with a batch of leads — calls, stage history, callbacks, handoffs, note drafts,
 * numbers found bad — copied onto the team's leads, a statement per table for the whole batch
 * (store-upload.ts' rules: nothing copied twice, the calls under the upload's account). Each
 * team lead is in a batch at most once (upload-leads.ts), so what the team had is read once,
 * before the batch writes.
 */
export interface OntoTeamLead {
  lead: RepLead;
  leadId: number;
  /** Made by this upload's batch, so with no calls, history or callbacks of its own to compare with. */
  fresh: boolean;
}

const INSERT_CALL = `INSERT INTO calls (lead_id, phone_id, phone_e164, disposition_code, disposition_label, notes, started_at, ended_at, stage_before, stage_after,
  counts_as_attempt, rep, script_id, script_version, answers, criteria_met, recommended, override_reason, session_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_HISTORY = 'INSERT INTO stage_history (lead_id, from_stage, to_stage, reason, call_id, at, rep) VALUES (?, ?, ?, ?, ?, ?, ?)';
const INSERT_CALLBACK = 'INSERT INTO callbacks (lead_id, due_at, set_by_call_id, done_by_call_id) VALUES (?, ?, ?, ?)';
const INSERT_HANDOFF = 'INSERT INTO handoffs (lead_id, call_id, rep, at, answers, notes, why) VALUES (?, ?, ?, ?, ?, ?, ?)';
const INSERT_DRAFT = 'INSERT INTO note_drafts (lead_id, text, saved_at) VALUES (?, ?, ?) ON CONFLICT (lead_id) DO NOTHING';

/** A call is the same call when it is on the same lead, started and ended at the same instants, with the same disposition. */
const callKey = (leadId: number, c: { started_at: number; ended_at: number; disposition_code: string }) => `${leadId}/${c.started_at}/${c.ended_at}/${c.disposition_code}`;

type TeamLeadState = { id: number; attempts: number; last_attempt_at: number | null; hand_raised_at: number | null };

/** The team's rows of these leads (`WHERE lead_id IN …` appended), or none when there are no leads to ask about. */
async function teamRowsOf<Row>(q: Queryable, select: string, leadIds: readonly number[]): Promise<Row[]> {
  if (leadIds.length === 0) return [];
  return q.all<Row>(`${select} WHERE ${q.dialect.inIds('lead_id')}`, [JSON.stringify(leadIds)]);
}

/** The batch's history onto the team's leads, counted in the report; the leads' queue columns are the caller's to refresh after. */
export async function copyHistories(q: Queryable, batch: readonly OntoTeamLead[], account: string, report: UploadReport): Promise<void> {
  const { inTexts, inIds } = q.dialect;
  const known = batch.filter((b) => !b.fresh).map((b) => b.leadId);
  // A bad number the rep found is bad for the team too (raised, never lowered).
  const bad = batch.flatMap(({ lead, leadId }) => lead.phones.flatMap((p) => (p.bad === 1 && p.e164 ? [`${leadId} ${p.e164}`] : [])));
  if (bad.length) {
    await q.run(
      `UPDATE phones SET bad = 1 WHERE bad = 0 AND ${inIds('lead_id')} AND ${inTexts("(CAST(lead_id AS TEXT) || ' ' || e164)")}`,
      [JSON.stringify(batch.map((b) => b.leadId)), JSON.stringify(bad)],
    );
  }
  const drafts = batch.filter((b) => b.lead.draft !== null);
  const kept = await insertRows(q, INSERT_DRAFT, drafts.map(({ lead, leadId }) => [leadId, lead.draft!.text, lead.draft!.saved_at]), 'RETURNING lead_id');
  report.noteDrafts.added += kept.length;
  report.noteDrafts.teamHadOne += drafts.length - kept.length;

  const active = batch.filter(({ lead }) => lead.calls.length || lead.history.length || lead.callbacks.length);
  const before = new Map(
    (active.length ? await q.all<TeamLeadState>(`SELECT id, attempts, last_attempt_at, hand_raised_at FROM leads WHERE ${inIds('id')}`, [JSON.stringify(active.map((b) => b.leadId))]) : []).map((row) => [
      Number(row.id),
      row,
    ]),
  );
  const activeKnown = active.filter((b) => !b.fresh).map((b) => b.leadId);
  const teamCalls = new Map(
    (await teamRowsOf<{ id: number; lead_id: number } & RepCall>(q, 'SELECT id, lead_id, started_at, ended_at, disposition_code FROM calls', activeKnown)).map((c) => [callKey(Number(c.lead_id), c), Number(c.id)]),
  );

  /** Per lead, the rep's call id → the team's: for the calls copied now, and for every call of the lead. */
  const added = new Map<number, Map<number, number>>();
  const callIds = new Map<number, Map<number, number>>();
  const newCalls: { leadId: number; call: RepCall }[] = [];
  for (const { lead, leadId } of active) {
    added.set(leadId, new Map());
    const all = new Map<number, number>();
    callIds.set(leadId, all);
    for (const call of lead.calls) {
      const there = teamCalls.get(callKey(leadId, call));
      if (there === undefined) newCalls.push({ leadId, call });
      else {
        all.set(call.id, there);
        report.calls.alreadyInTeam++;
      }
    }
  }
  const phoneIds = new Map(
    (await teamRowsOf<{ id: number; lead_id: number; e164: string }>(q, 'SELECT id, lead_id, e164 FROM phones', [...new Set(newCalls.map((c) => c.leadId))]))
      .filter((p) => p.e164 !== null)
      .map((p) => [`${p.lead_id} ${p.e164}`, Number(p.id)]),
  );
  const callRows = newCalls.map(({ leadId, call }) => [
    leadId,
    call.phone_e164 === null ? null : (phoneIds.get(`${leadId} ${call.phone_e164}`) ?? null),
    call.phone_e164,
    call.disposition_code,
    call.disposition_label,
    call.notes,
    call.started_at,
    call.ended_at,
    call.stage_before,
    call.stage_after,
    call.counts_as_attempt,
    account,
    call.script_id,
    call.script_version,
    call.answers,
    call.criteria_met,
    call.recommended,
    call.override_reason,
    // The calling session is a console's: not uploaded.
    null,
  ]);
  const ids = await newIdsOf(q, INSERT_CALL, callRows);
  newCalls.forEach(({ leadId, call }, i) => {
    added.get(leadId)!.set(call.id, ids[i]!);
    callIds.get(leadId)!.set(call.id, ids[i]!);
  });
  report.calls.added += newCalls.length;

  await copyStageHistory(q, active, known, account, added, report);
  await copyCallbacks(q, active, known, callIds, report);
  const handoffs = active.flatMap(({ lead, leadId }) =>
    lead.handoffs.flatMap((h) => {
      const callId = added.get(leadId)!.get(h.call_id);
      return callId === undefined ? [] : [[leadId, callId, account, h.at, h.answers, h.notes, h.why]];
    }),
  );
  await insertRows(q, INSERT_HANDOFF, handoffs);
  report.handoffs.added += handoffs.length;
  await applyCallState(q, active, before, added);
}

async function copyStageHistory(q: Queryable, active: readonly OntoTeamLead[], known: readonly number[], account: string, added: ReadonlyMap<number, ReadonlyMap<number, number>>, report: UploadReport): Promise<void> {
  const key = (leadId: number, h: { at: number; to_stage: string }) => `${leadId}/${h.at}/${h.to_stage}`;
  const withHistory = active.filter((b) => b.lead.history.length);
  const asked = new Set(known);
  const there = new Set(
    (await teamRowsOf<{ lead_id: number; at: number; to_stage: string }>(q, 'SELECT lead_id, at, to_stage FROM stage_history', withHistory.map((b) => b.leadId).filter((id) => asked.has(id)))).map((h) => key(Number(h.lead_id), h)),
  );
  const rows: SqlValue[][] = [];
  for (const { lead, leadId } of withHistory) {
    for (const row of lead.history) {
      // A change a call made comes with its call; one made otherwise (an edit) is known by its instant and stage.
      const callId = row.call_id === null ? null : (added.get(leadId)!.get(row.call_id) ?? undefined);
      if (callId === undefined || there.has(key(leadId, row))) {
        report.stageHistory.alreadyInTeam++;
        continue;
      }
      rows.push([leadId, row.from_stage, row.to_stage, row.reason, callId, row.at, row.rep === null ? null : account]);
    }
  }
  await insertRows(q, INSERT_HISTORY, rows);
  report.stageHistory.added += rows.length;
}

async function copyCallbacks(q: Queryable, active: readonly OntoTeamLead[], known: readonly number[], callIds: ReadonlyMap<number, ReadonlyMap<number, number>>, report: UploadReport): Promise<void> {
  const withCallbacks = active.filter((b) => b.lead.callbacks.length);
  const asked = new Set(known);
  const there = new Set(
    (await teamRowsOf<{ lead_id: number; due_at: number }>(q, 'SELECT lead_id, due_at FROM callbacks', withCallbacks.map((b) => b.leadId).filter((id) => asked.has(id)))).map((c) => `${c.lead_id}/${Number(c.due_at)}`),
  );
  const rows: SqlValue[][] = [];
  for (const { lead, leadId } of withCallbacks) {
    const mapped = (id: number | null): SqlValue => (id === null ? null : (callIds.get(leadId)!.get(id) ?? null));
    for (const callback of lead.callbacks) {
      if (there.has(`${leadId}/${callback.due_at}`)) {
        report.callbacks.alreadyInTeam++;
        continue;
      }
      rows.push([leadId, callback.due_at, mapped(callback.set_by_call_id), mapped(callback.done_by_call_id)]);
    }
  }
  await insertRows(q, INSERT_CALLBACK, rows);
  report.callbacks.added += rows.length;
}

/**
 * The leads' calling state after the rep's calls: their attempts are added; when the rep's last
 * call is newer than any the team logged, the rep's lead says where it stands (stage, last
 * disposition, retry time), and a request for a call the rep answered is answered for the team,
 * unless the team's request came after the rep's last call. Older calls are history only.
 */
async function applyCallState(q: Queryable, active: readonly OntoTeamLead[], before: ReadonlyMap<number, TeamLeadState>, added: ReadonlyMap<number, ReadonlyMap<number, number>>): Promise<void> {
  const taken: SqlValue[][] = [];
  const counted: SqlValue[][] = [];
  for (const { lead, leadId } of active) {
    const copied = added.get(leadId)!;
    if (copied.size === 0) continue;
    const attempts = lead.calls.reduce((n, c) => n + (copied.has(c.id) ? c.counts_as_attempt : 0), 0);
    const team = before.get(leadId)!;
    const repLast = lead.last_attempt_at;
    const teamLast = team.last_attempt_at === null ? null : Number(team.last_attempt_at);
    if (repLast !== null && (teamLast === null || repLast > teamLast)) {
      const teamRaised = team.hand_raised_at === null ? null : Number(team.hand_raised_at);
      const raised = teamRaised !== null && teamRaised > repLast ? teamRaised : lead.hand_raised_at;
      taken.push([leadId, attempts, repLast, lead.last_disposition, lead.stage, lead.retry_at, lead.not_before, raised]);
    } else counted.push([leadId, attempts]);
  }
  await updateRows(
    q,
    'leads',
    {
      types: ['BIGINT', 'BIGINT', 'BIGINT', 'TEXT', 'TEXT', 'BIGINT', 'BIGINT', 'BIGINT'],
      set: 'attempts = leads.attempts + v.column2, last_attempt_at = v.column3, last_disposition = v.column4, stage = v.column5, retry_at = v.column6, not_before = v.column7, hand_raised_at = v.column8',
      where: 'leads.id = v.column1',
    },
    taken,
  );
  await updateRows(q, 'leads', { types: ['BIGINT', 'BIGINT'], set: 'attempts = leads.attempts + v.column2', where: 'leads.id = v.column1' }, counted);
}
