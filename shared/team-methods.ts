import type { MethodName } from './api.ts';

/**
 * The methods the team server serves: those whose handlers run on `core.store` (the async seam,
 * docs/TEAM.md), and so on PostgreSQL. Every other method is refused with a sentence before its
 * handler runs (main/team/team-door.ts), and a console signed in to a team leaves out what would
 * only be refused (renderer: `selectMay`). This table grows as modules are converted to the seam.
 *
 * `sessions.start` runs on the store when the console names its list (it always does); without
 * one it would read the working list from SQLite, and the stand-in database refuses that too.
 */
export const TEAM_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'people.signIn',
  'people.signOut',
  'people.me',
  'people.list',
  'sessions.start',
  'sessions.pause',
  'sessions.resume',
  'sessions.end',
  'sessions.current',
  // Power dialing's pauses between calls, counted in the console's session (main/sessions/sessions.ts).
  'sessions.pauseDialing',
  'sessions.resumeDialing',
  'leads.previewImport',
  'leads.import',
  'leads.importActivities',
  // The demo list is an import of a made-up file (every number in a range kept for fiction).
  'leads.loadDemo',
  // A rep's solo store (its bytes, from Settings → Team) into the team, a team lead's: main/team/sent-store.ts.
  'leads.uploadStore',
  'imports.list',
  'imports.undo',
  'imports.rejectedRows',
  'mappings.list',
  'mappings.save',
  // The Reports screen's summaries and the file merge.
  'sessions.summary',
  'sessions.export',
  'sessions.reps',
  'sessions.team',
  'sessions.teamExport',
  'team.merge',
  'team.export',
  // The rep's console: the queue (the next lead claimed through the shared lease, heartbeat,
  // release on hide or close), calls, the dispositions and their reasons, the scripts.
  'queue.next',
  'queue.heartbeat',
  'queue.release',
  'queue.skip',
  'queue.snooze',
  'queue.preview',
  'queue.whyNot',
  'queue.callingWindows',
  'callbacks.upcoming',
  'calls.dial',
  'calls.disposition',
  'calls.saveDraft',
  'calls.undo',
  'calls.recent',
  'handoffs.list',
  'handoffs.export',
  'leads.get',
  'leads.account',
  // Find lead: a rep finds only the leads their lists offer them, a team lead any (list-access.ts, callerAccess).
  'leads.search',
  // A lead's corrections, recorded with the signed-in account's name; a rep's only on leads they may find.
  'leads.edit',
  'leads.edits',
  // A team lead's: a lead deleted with everything kept about it, the leads exported for the CRM.
  'leads.delete',
  'leads.export',
  'lists.list',
  'lists.working',
  // The list a rep works is their account's (PostgreSQL migration 11), the same on every process.
  'lists.work',
  'lists.save',
  // A team lead's lists and reps (the queue enforces them: main/queue/list-access.ts).
  'lists.assign',
  'lists.moveRep',
  'lists.pause',
  'lists.ownerWindow',
  'dispositions.list',
  'dispositions.save',
  'dispositions.retire',
  'dispositions.import',
  'reasons.list',
  'reasons.save',
  'scripts.active',
  'scripts.list',
  'scripts.export',
  'scripts.validate',
  'scripts.import',
  'scripts.activate',
  // The live floor, a team lead's: the team's accounts are its roster (docs/FLOOR.md).
  'floor.view',
  // The team's settings, in the database and the same in every process (team-settings.ts): read
  // by everyone, set by a team lead. The capabilities are the shell's (no PDF printer on a server).
  'prefs.get',
  'prefs.set',
  'app.capabilities',
  // The built-in phone: each rep's own SIP account, kept with their account (PostgreSQL migration
  // 12), the password's digest sealed under the server's NEXTCALL_PHONE_KEY; a network outcome
  // flags a number bad on the rep's own dial only.
  'phone.settings',
  'phone.save',
  'phone.account',
  'phone.outcome',
  // Each rep's voicemail greetings, the audio in their account's rows (PostgreSQL migration 13):
  // a rep lists, plays and changes only their own, on any process.
  'greetings.list',
  'greetings.add',
  'greetings.rename',
  'greetings.delete',
  'greetings.choose',
  'greetings.audio',
  // Recorded calls, the audio in the recording's row (PostgreSQL migration 14): a rep records only
  // their own dial and plays the recordings of a lead they may reach (leads.get's rule); whether
  // calls are recorded, and the announcement played first, is the team's setting, a team lead's.
  'recordings.settings',
  'recordings.saveSettings',
  'recordings.save',
  'recordings.ofLead',
  'recordings.audio',
  // The list of recordings, newest first: a team lead hears the team's without opening each lead.
  'recordings.list',
]);

export function notOnTeamServer(what: string): string {
  return `${what} is not available on the team server yet: this part of Nextcall still runs only on a rep's own store.`;
}
