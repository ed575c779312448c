import type { DatabaseSync } from 'node:sqlite';
import type { ActivityType, PhoneType } from '../../shared/leads.ts';
import { DEFAULT_QUEUE_RULES } from '../../shared/queue-rules.ts';
import type { UploadReport } from '../../shared/store-upload.ts';
import { NO_PHONE, type ImportedLead } from '../leads/lead-row.ts';
import { manyRows } from '../leads/lead-merge.ts';
import { seamLeadWriter } from '../leads/lead-upsert.ts';
import { refreshLeadQueueColumns } from '../queue/queue-columns.ts';
import { UsageError } from '../runtime-options.ts';
import type { Queryable, SqlValue, Store } from '../store/seam/store.ts';
import { repStoreContents, type RepCall, type RepLead, type RepStoreContents } from './rep-store-contents.ts';

/**
 * A rep's own store merged into the team's: each lead created or merged with the importer's rules
 * (`seamLeadWriter`: by CRM id, email, number), then what the rep did with it — calls, stage
 * history, callbacks, handoffs, note drafts — copied onto the team's lead. One transaction: all
 * of it lands or none. Uploading the same store again adds nothing: a call already in the team
 * (same lead, start, end and disposition) is not copied twice, nor a history row, a callback or a
 * draft, and the lead's merge only fills blanks and raises flags, which it already did.
 *
 * Whose calls: every call, stage change and handoff of the store is recorded under the account
 * the upload names (`--as`). A solo store is one person's, and the names its calls carry are
 * whatever that console's "Your name" said (or nothing); the team counts a rep by their account.
 * The report lists the names the store carried, so a shared machine is noticed.
 */
export interface UploadOptions {
  /** The team account the rep's calls are recorded under. */
  as: string;
  dryRun: boolean;
  /** Leads done so far, of all (called every PROGRESS_EVERY leads and at the end). */
  onProgress?: (done: number, total: number) => void;
}


export type { UploadReport };

export const PROGRESS_EVERY = 1000;

const NO_NUMBER_REASON = 'it has no number, and the team has no lead with its CRM id or email';

class DryRun extends Error {
  readonly report: UploadReport;
  constructor(report: UploadReport) {
    super('dry run');
    this.report = report;
  }
}

/** Uploads the rep's store (read-only connection) into the team's store; a dry run rolls everything back and reports the same. */
export async function uploadStore(team: Store, rep: DatabaseSync, { as, dryRun, onProgress }: UploadOptions): Promise<UploadReport> {
  const account = await team.one<{ name: string }>('SELECT name FROM accounts WHERE name = ?', [as]);
  if (!account) throw new UsageError(`The team has no account named "${as}": an admin makes it first (npm run team -- add-person --name ${as} …). Nothing was uploaded.`);
  const contents = repStoreContents(rep);
  try {
    return await team.transaction(async (tx) => {
      const report = await uploadInto(tx, contents, account.name, onProgress);
      if (dryRun) throw new DryRun({ ...report, dryRun: true });
      return report;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.report;
    throw error;
  }
}

async function uploadInto(tx: Queryable, store: RepStoreContents, account: string, onProgress: UploadOptions['onProgress']): Promise<UploadReport> {
  const report = emptyReport(account, store);
  const count = async (table: string) => (await tx.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n;
  const [phonesBefore, activitiesBefore] = [await count('phones'), await count('activities')];
  const writer = seamLeadWriter(tx, { batchId: null });
  let done = 0;
  for (const lead of store.leads) {
    const written = await writer.write(importedLeadOf(lead));
    if (written.outcome === NO_PHONE) {
      report.leads.skipped++;
      report.leads.skippedLeads.push({ id: lead.id, name: [lead.first_name, lead.last_name].filter(Boolean).join(' ') || `lead #${lead.id}`, reason: NO_NUMBER_REASON });
    } else {
      report.leads[written.outcome === 'created' ? 'created' : 'merged']++;
      await copyHistory(tx, lead, written.leadId, account, report, written.outcome === 'created');
    }
    if (++done % PROGRESS_EVERY === 0 || done === store.leads.length) onProgress?.(done, store.leads.length);
  }
  report.phones.added = Number(await count('phones')) - Number(phonesBefore);
  report.activities.added = Number(await count('activities')) - Number(activitiesBefore);
  const known = new Set((await tx.all<{ code: string }>('SELECT code FROM dispositions')).map((d) => d.code));
  report.unknownDispositions = [...new Set(store.leads.flatMap((l) => l.calls.map((c) => c.disposition_code)))].filter((code) => !known.has(code)).sort();
  return report;
}

function emptyReport(account: string, store: RepStoreContents): UploadReport {
  const all = <T>(pick: (lead: RepLead) => readonly T[]) => store.leads.reduce((n, lead) => n + pick(lead).length, 0);
  const names = new Map<string | null, number>();
  for (const lead of store.leads) for (const call of lead.calls) names.set(call.rep, (names.get(call.rep) ?? 0) + 1);
  return {
    account,
    dryRun: false,
    leads: { read: store.leads.length, created: 0, merged: 0, skipped: 0, skippedLeads: [] },
    phones: { added: 0 },
    activities: { added: 0 },
    calls: { read: all((l) => l.calls), added: 0, alreadyInTeam: 0 },
    stageHistory: { read: all((l) => l.history), added: 0, alreadyInTeam: 0 },
    callbacks: { read: all((l) => l.callbacks), added: 0, alreadyInTeam: 0 },
    handoffs: { added: 0 },
    noteDrafts: { read: store.leads.filter((l) => l.draft !== null).length, added: 0, teamHadOne: 0 },
    repNames: [...names].map(([name, calls]) => ({ name, calls })).sort((a, b) => b.calls - a.calls),
    unknownDispositions: [],
  };
}

/** The rep's lead as the importer's rules read a row: its own fields, numbers and activities. */
function importedLeadOf(lead: RepLead): ImportedLead {
  return {
    crmId: lead.crm_id,
    firstName: lead.first_name,
    lastName: lead.last_name,
    email: lead.email,
    company: lead.company,
    title: lead.title,
    owner: lead.owner,
    stage: lead.stage,
    source: lead.source as ImportedLead['source'],
    timeZone: lead.time_zone,
    requestedCall: lead.requested_call === 1,
    doNotCall: lead.do_not_call === 1,
    score: lead.score,
    region: lead.region,
    country: lead.country,
    createdAt: lead.created_at,
    phones: lead.phones.map((p) => ({ raw: p.raw, e164: p.e164, type: p.type as PhoneType, bad: p.bad === 1 })),
    activities: lead.activities.map((a) => ({ type: a.type as ActivityType, title: a.title, url: a.url, occurredAt: a.occurred_at, details: a.details })),
    invalidEmail: null,
  };
}

const INSERT_CALL = `INSERT INTO calls (lead_id, phone_id, phone_e164, disposition_code, disposition_label, notes, started_at, ended_at, stage_before, stage_after,
  counts_as_attempt, rep, script_id, script_version, answers, criteria_met, recommended, override_reason, session_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
/** 19 parameters a call: well under PostgreSQL's 65,535 a statement. */
const CALLS_PER_STATEMENT = 1000;

/** A call is the same call when it is on the same lead, started and ended at the same instants, with the same disposition. */
const callKey = (c: { started_at: number; ended_at: number; disposition_code: string }) => `${c.started_at}/${c.ended_at}/${c.disposition_code}`;

type TeamLeadState = { attempts: number; last_attempt_at: number | null; hand_raised_at: number | null };

/** What the rep did with a lead, onto the team's lead `leadId` (`fresh`: made by this upload, so with nothing of its own yet); counted in the report. */
async function copyHistory(tx: Queryable, lead: RepLead, leadId: number, account: string, report: UploadReport, fresh: boolean): Promise<void> {
  // A bad number the rep found is bad for the team too (raised, never lowered).
  for (const phone of lead.phones) {
    if (phone.bad === 1 && phone.e164) await tx.run('UPDATE phones SET bad = 1 WHERE lead_id = ? AND e164 = ? AND bad = 0', [leadId, phone.e164]);
  }
  if (lead.draft !== null) {
    const { changes } = await tx.run('INSERT INTO note_drafts (lead_id, text, saved_at) VALUES (?, ?, ?) ON CONFLICT (lead_id) DO NOTHING', [leadId, lead.draft.text, lead.draft.saved_at]);
    report.noteDrafts[changes ? 'added' : 'teamHadOne']++;
  }
  if (lead.calls.length === 0 && lead.history.length === 0 && lead.callbacks.length === 0) {
    if (lead.phones.some((p) => p.bad === 1)) await refreshLeadQueueColumns(tx, leadId);
    return;
  }
  const before = (await tx.one<TeamLeadState>('SELECT attempts, last_attempt_at, hand_raised_at FROM leads WHERE id = ?', [leadId]))!;
  // A lead this upload made has no calls, history or callbacks to compare with: three round trips saved per lead.
  const teamRows = async <Row>(sql: string): Promise<Row[]> => (fresh ? [] : tx.all<Row>(sql, [leadId]));
  const teamCalls = new Map((await teamRows<RepCall & { id: number }>('SELECT id, started_at, ended_at, disposition_code FROM calls WHERE lead_id = ?')).map((c) => [callKey(c), c.id]));

  /** The rep's call id → the team's, for the calls copied now. */
  const added = new Map<number, number>();
  /** The rep's call id → the team's, for every call of the lead (copied now or before). */
  const callIds = new Map<number, number>();
  const newCalls: RepCall[] = [];
  for (const call of lead.calls) {
    const there = teamCalls.get(callKey(call));
    if (there === undefined) {
      newCalls.push(call);
      continue;
    }
    callIds.set(call.id, there);
    report.calls.alreadyInTeam++;
  }
  const phoneIds = new Map(
    newCalls.length === 0 ? [] : (await tx.all<{ id: number; e164: string }>('SELECT id, e164 FROM phones WHERE lead_id = ? AND e164 IS NOT NULL', [leadId])).map((p) => [p.e164, p.id]),
  );
  // The lead's new calls in one statement (a few per lead, at most CALLS_PER_STATEMENT at once), known again by their key.
  for (let from = 0; from < newCalls.length; from += CALLS_PER_STATEMENT) {
    const batch = newCalls.slice(from, from + CALLS_PER_STATEMENT);
    const rows = await tx.all<RepCall & { id: number }>(
      `${manyRows(INSERT_CALL, batch.length)} RETURNING id, started_at, ended_at, disposition_code`,
      batch.flatMap((call) => [
        leadId,
        call.phone_e164 === null ? null : (phoneIds.get(call.phone_e164) ?? null),
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
      ]),
    );
    const ids = new Map(rows.map((row) => [callKey(row), row.id]));
    for (const call of batch) {
      const id = ids.get(callKey(call))!;
      added.set(call.id, id);
      callIds.set(call.id, id);
    }
    report.calls.added += batch.length;
  }

  await copyStageHistory(lead, leadId, account, added, report, tx, teamRows);
  await copyCallbacks(lead, leadId, callIds, report, tx, teamRows);
  for (const handoff of lead.handoffs) {
    const callId = added.get(handoff.call_id);
    if (callId === undefined) continue;
    await tx.run('INSERT INTO handoffs (lead_id, call_id, rep, at, answers, notes, why) VALUES (?, ?, ?, ?, ?, ?, ?)', [leadId, callId, account, handoff.at, handoff.answers, handoff.notes, handoff.why]);
    report.handoffs.added++;
  }
  await applyCallState(tx, lead, leadId, before, lead.calls.filter((c) => added.has(c.id)));
}

type TeamRows = <Row>(sql: string) => Promise<Row[]>;

async function copyStageHistory(lead: RepLead, leadId: number, account: string, added: ReadonlyMap<number, number>, report: UploadReport, tx: Queryable, teamRows: TeamRows): Promise<void> {
  if (lead.history.length === 0) return;
  const key = (h: { at: number; to_stage: string }) => `${h.at}/${h.to_stage}`;
  const there = new Set((await teamRows<{ at: number; to_stage: string }>('SELECT at, to_stage FROM stage_history WHERE lead_id = ?')).map(key));
  for (const row of lead.history) {
    // A change a call made comes with its call; one made otherwise (an edit) is known by its instant and stage.
    const callId = row.call_id === null ? null : (added.get(row.call_id) ?? undefined);
    if (callId === undefined || there.has(key(row))) {
      report.stageHistory.alreadyInTeam++;
      continue;
    }
    await tx.run('INSERT INTO stage_history (lead_id, from_stage, to_stage, reason, call_id, at, rep) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      leadId,
      row.from_stage,
      row.to_stage,
      row.reason,
      callId,
      row.at,
      row.rep === null ? null : account,
    ]);
    report.stageHistory.added++;
  }
}

async function copyCallbacks(lead: RepLead, leadId: number, callIds: ReadonlyMap<number, number>, report: UploadReport, tx: Queryable, teamRows: TeamRows): Promise<void> {
  if (lead.callbacks.length === 0) return;
  const there = new Set((await teamRows<{ due_at: number }>('SELECT due_at FROM callbacks WHERE lead_id = ?')).map((c) => Number(c.due_at)));
  const mapped = (id: number | null): SqlValue => (id === null ? null : (callIds.get(id) ?? null));
  for (const callback of lead.callbacks) {
    if (there.has(callback.due_at)) {
      report.callbacks.alreadyInTeam++;
      continue;
    }
    await tx.run('INSERT INTO callbacks (lead_id, due_at, set_by_call_id, done_by_call_id) VALUES (?, ?, ?, ?)', [leadId, callback.due_at, mapped(callback.set_by_call_id), mapped(callback.done_by_call_id)]);
    report.callbacks.added++;
  }
}

/**
 * The lead's calling state after the rep's calls: their attempts are added; when the rep's last
 * call is newer than any the team logged, the rep's lead says where it stands (stage, last
 * disposition, retry time), and a request for a call the rep answered is answered for the team,
 * unless the team's request came after the rep's last call. Older calls are history only.
 */
async function applyCallState(tx: Queryable, lead: RepLead, leadId: number, before: TeamLeadState, newCalls: readonly RepCall[]): Promise<void> {
  if (newCalls.length === 0) return;
  const attempts = newCalls.reduce((n, c) => n + c.counts_as_attempt, 0);
  const repLast = lead.last_attempt_at;
  const teamLast = before.last_attempt_at === null ? null : Number(before.last_attempt_at);
  if (repLast !== null && (teamLast === null || repLast > teamLast)) {
    const teamRaised = before.hand_raised_at === null ? null : Number(before.hand_raised_at);
    const raised = teamRaised !== null && teamRaised > repLast ? teamRaised : lead.hand_raised_at;
    await tx.run('UPDATE leads SET attempts = attempts + ?, last_attempt_at = ?, last_disposition = ?, stage = ?, retry_at = ?, not_before = ?, hand_raised_at = ? WHERE id = ?', [
      attempts,
      repLast,
      lead.last_disposition,
      lead.stage,
      lead.retry_at,
      lead.not_before,
      raised,
      leadId,
    ]);
  } else {
    await tx.run('UPDATE leads SET attempts = attempts + ? WHERE id = ?', [attempts, leadId]);
  }
  await refreshLeadQueueColumns(tx, leadId, DEFAULT_QUEUE_RULES.lifetimeAttemptCap);
}
