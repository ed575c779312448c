import type { DatabaseSync } from 'node:sqlite';
import type { ActivityType, PhoneType } from '../../shared/leads.ts';
import { DEFAULT_QUEUE_RULES } from '../../shared/queue-rules.ts';
import type { UploadReport } from '../../shared/store-upload.ts';
import type { ImportedLead } from '../leads/lead-row.ts';
import { refreshManyQueueColumns } from '../queue/queue-columns.ts';
import { UsageError } from '../runtime-options.ts';
import type { Queryable, Store } from '../store/seam/store.ts';
import { repStoreContents, type RepLead, type RepStoreContents } from './rep-store-contents.ts';
import { copyHistories, type OntoTeamLead } from './upload-history.ts';
import { LEADS_PER_BATCH, nextBatch, writeBatch } from './upload-leads.ts';

/**
 * A rep's own store merged into the team's: each lead created or merged with the importer's rules
 * (`seamLeadWriter`: by CRM id, email, number), then what the rep did with it — calls, stage
 * history, callbacks, handoffs, note drafts — copied onto the team's lead. One transaction: all
 * of it lands or none. Uploading the same store again adds nothing: a call already in the team
 * (same lead, start, end and disposition) is not copied twice, nor a history row, a callback or a
 * draft, and the lead's merge only fills blanks and raises flags, which it already did.
 *
 * Written a batch of leads at a time (upload-leads.ts, upload-history.ts: a statement per table
 * per batch, the team database a round trip away), with the outcome lead-by-lead writing gives.
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
  const leads = store.leads.map(importedLeadOf);
  const zones = new Set<string>();
  for (let done = 0; done < leads.length; ) {
    // A batch ends at the next thousand, so progress is told at each.
    const most = Math.min(LEADS_PER_BATCH, PROGRESS_EVERY - (done % PROGRESS_EVERY));
    const matches = await nextBatch(tx, leads, done, most);
    const written = await writeBatch(tx, leads.slice(done, done + matches.length), matches, zones);
    const onto: OntoTeamLead[] = [];
    written.forEach((w, i) => {
      const lead = store.leads[done + i]!;
      if (w === null) {
        report.leads.skipped++;
        report.leads.skippedLeads.push({ id: lead.id, name: [lead.first_name, lead.last_name].filter(Boolean).join(' ') || `lead #${lead.id}`, reason: NO_NUMBER_REASON });
        return;
      }
      report.leads[w.created ? 'created' : 'merged']++;
      onto.push({ lead, leadId: w.leadId, fresh: w.created });
    });
    await copyHistories(tx, onto, account, report);
    await refreshManyQueueColumns(tx, onto.map((o) => o.leadId), DEFAULT_QUEUE_RULES.lifetimeAttemptCap);
    done += matches.length;
    if (done % PROGRESS_EVERY === 0 || done === leads.length) onProgress?.(done, leads.length);
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
