import { ApiError } from '../../shared/api-error.ts';
import { callingSummarySchema, callingSummaryV1Schema, SUMMARY_SCHEMA_VERSION, upgradeSummary, type CallingSummary, type TeamSummary } from '../../shared/summary.ts';
import { csvDocument, csvLine } from '../csv/csv-write.ts';
import { mergeReasons } from './summary-reasons.ts';

/**
 * Several reps' summaries (their JSON exports) merged into one team view. Counts add up exactly; a
 * rate is recomputed from them; a median cannot be rebuilt from medians, nor coverage from lists
 * that may overlap, so the total leaves those out. Hours of the day add up only when every summary
 * counted them in the same zone; when reps exported in their own zones, the total has no hourly
 * figures rather than a mix of clocks.
 */

/** A rep's summary file, read and checked: the message names the file and what is wrong with it. */
export function parseSummaryFile(fileName: string, text: string): CallingSummary {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ApiError('invalid-input', `${fileName} is not JSON. Export a rep's summary as JSON (the session's JSON link, or npm run cli -- summary --format json).`);
  }
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version !== 'number') throw new ApiError('invalid-input', `${fileName} is not a Nextcall summary: it has no schemaVersion.`);
  if (version !== SUMMARY_SCHEMA_VERSION && version !== 1) {
    throw new ApiError('invalid-input', `${fileName} is a summary of schema version ${version}; this Nextcall reads versions 1 to ${SUMMARY_SCHEMA_VERSION}. Export it again from this version.`);
  }
  // A version-1 file (speed to lead measured the old way) is read and brought to this version.
  const parsed = version === 1 ? callingSummaryV1Schema.safeParse(json) : callingSummarySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ApiError('invalid-input', `${fileName} is not a valid Nextcall summary: ${issue.path.join('.') || 'the file'}: ${issue.message}.`);
  }
  return parsed.data.schemaVersion === 1 ? upgradeSummary(parsed.data) : parsed.data;
}

export function mergeSummaries(named: { source: string; summary: CallingSummary }[]): TeamSummary {
  if (named.length === 0) throw new ApiError('invalid-input', 'Give at least one summary to merge.');
  // A summary with no rep (a range of everyone's calls, or an old session) is nobody's by name:
  // a file name is not a person, so it is shown as what it is.
  let unnamed = 0;
  const unnamedCount = named.filter(({ summary }) => !summary.scope.rep).length;
  const summaries = named.map(({ summary }) => ({ rep: summary.scope.rep || (unnamedCount > 1 ? `Unnamed rep ${++unnamed}` : 'Unnamed rep'), summary }));
  const all = summaries.map((s) => s.summary);
  const sum = (pick: (s: CallingSummary) => number) => all.reduce((total, s) => total + pick(s), 0);
  const dispositions = new Map<string, { code: string; label: string; count: number }>();
  const funnel = new Map<string, { from: string; to: string; count: number }>();
  for (const s of all) {
    for (const d of s.dispositions) {
      const entry = dispositions.get(d.code) ?? { code: d.code, label: d.label, count: 0 };
      entry.count += d.count;
      dispositions.set(d.code, entry);
    }
    for (const f of s.funnel) {
      const key = `${f.from}>${f.to}`;
      const entry = funnel.get(key) ?? { from: f.from, to: f.to, count: 0 };
      entry.count += f.count;
      funnel.set(key, entry);
    }
  }
  const calls = sum((s) => s.calls);
  const dials = sum((s) => s.dials);
  const contacts = sum((s) => s.contacts);
  const reached = sum((s) => s.attemptsToFirstContact.leads);
  const zones = new Set(all.map((s) => s.scope.timeZone));
  const timeZone = zones.size === 1 ? [...zones][0]! : null;
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    reps: summaries,
    timeZone,
    total: {
      schemaVersion: SUMMARY_SCHEMA_VERSION,
      calls,
      dials,
      contacts,
      conversations: sum((s) => s.conversations),
      qualified: sum((s) => s.qualified),
      contactRate: dials === 0 ? 0 : contacts / dials,
      dispositions: [...dispositions.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)).map((d) => ({ ...d, share: calls === 0 ? 0 : d.count / calls })),
      funnel: [...funnel.values()].sort((a, b) => b.count - a.count),
      // Counts add up (each rep's own store has its own requests); medians cannot be rebuilt from medians.
      speedToLead: {
        requests: sum((s) => s.speedToLead.requests),
        toDial: { count: sum((s) => s.speedToLead.toDial.count), medianMs: null, p90Ms: null },
        toContact: { count: sum((s) => s.speedToLead.toContact.count), medianMs: null, p90Ms: null },
      },
      attemptsToFirstContact: {
        leads: reached,
        average: reached === 0 ? null : sum((s) => (s.attemptsToFirstContact.average ?? 0) * s.attemptsToFirstContact.leads) / reached,
      },
      callbacks: { set: sum((s) => s.callbacks.set), keptOnTime: sum((s) => s.callbacks.keptOnTime), missed: sum((s) => s.callbacks.missed) },
      dncAdded: sum((s) => s.dncAdded),
      pausesBetweenCalls: { count: sum((s) => s.pausesBetweenCalls.count), seconds: sum((s) => s.pausesBetweenCalls.seconds) },
      handoffs: all.flatMap((s) => s.handoffs).sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
      callsByHour: timeZone === null ? null : Array.from({ length: 24 }, (_, h) => sum((s) => s.callsByHour[h] ?? 0)),
      reasons: mergeReasons(all.map((s) => s.reasons)),
    },
  };
}

/** Why the team's total has no calls by hour, for whoever reads it; null when it has them. */
export function mixedZonesNote(team: TeamSummary): string | null {
  if (team.timeZone !== null) return null;
  const zones = team.reps.map((r) => `${r.rep} (${r.summary.scope.timeZone})`).join(', ');
  return `The summaries count hours of the day in different zones: ${zones}. The team total leaves calls by hour out; export every rep's summary with the same --tz to have them.`;
}

/** One row per rep and one for the team: the figures a team lead compares. */
export function teamSummaryCsv(team: TeamSummary): string {
  const header = csvLine(['Rep', 'Calls', 'Dials', 'Contacts', 'Contact rate', 'Conversations', 'Qualified (SQL)', 'Callbacks set', 'Callbacks kept', 'Callbacks missed', 'Do-not-call added']);
  const line = (rep: string, s: TeamSummary['total']) =>
    csvLine([rep, s.calls, s.dials, s.contacts, s.contactRate, s.conversations, s.qualified, s.callbacks.set, s.callbacks.keptOnTime, s.callbacks.missed, s.dncAdded]);
  return csvDocument([header, ...team.reps.map((r) => line(r.rep, r.summary)), line('Team', team.total)]);
}

/** The reps' summary files, each checked, merged into one team view. */
export function teamFromFiles(files: { fileName: string; text: string }[]): TeamSummary {
  return mergeSummaries(files.map(({ fileName, text }) => ({ source: fileName, summary: parseSummaryFile(fileName, text) })));
}

/** What the team lead's screen shows: the team from the files that are summaries, and each file refused, with why. */
export interface MergedFiles {
  team: TeamSummary | null;
  note: string | null;
  refused: { index: number; fileName: string; message: string }[];
}

export function mergeSummaryFiles(files: { fileName: string; text: string }[]): MergedFiles {
  const accepted: { source: string; summary: CallingSummary }[] = [];
  const refused: MergedFiles['refused'] = [];
  files.forEach(({ fileName, text }, index) => {
    try {
      accepted.push({ source: fileName, summary: parseSummaryFile(fileName, text) });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      refused.push({ index, fileName, message: error.message });
    }
  });
  const team = accepted.length === 0 ? null : mergeSummaries(accepted);
  return { team, note: team && mixedZonesNote(team), refused };
}
