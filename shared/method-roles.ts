import type { MethodName } from './api.ts';
import { ROLES, type Role } from './people.ts';

/** Who may call a method on the team server: the least role, or anyone (signing in, asking who is signed in). */
export type Access = Role | 'anyone';

/**
 * Every method of the contract and the least role that may call it on the team server. Typed
 * over every method name: a method added to the contract without its line here fails the
 * typecheck, so nothing is served to a role by forgetting it. Checked once, before any handler
 * runs (`checkAccess` in main/people/method-roles.ts, called by the team server's door); the
 * console asks it too, to leave out what the signed-in person may not do (`mayCall`).
 *
 * A rep works the lists: the queue, calls, their calling session, leads' details and notes. A team
 * lead also imports, edits dispositions, scripts, lists and the queue's rules, and reads everyone's
 * figures (summaries, exports). An admin also backs up and restores.
 */
export const METHOD_ROLES: Record<MethodName, Access> = {
  'people.signIn': 'anyone',
  'people.signOut': 'anyone',
  'people.me': 'anyone',
  'people.list': 'team-lead',

  'app.capabilities': 'rep',
  'prefs.get': 'rep',
  'prefs.set': 'team-lead',
  'floor.view': 'team-lead',
  'greetings.list': 'rep',
  'greetings.add': 'rep',
  'greetings.rename': 'rep',
  'greetings.delete': 'rep',
  'greetings.choose': 'rep',
  'greetings.audio': 'rep',
  'recordings.settings': 'rep',
  'recordings.saveSettings': 'team-lead',
  'recordings.save': 'rep',
  'recordings.ofLead': 'rep',
  'recordings.audio': 'rep',
  // A rep's own recordings; a team lead's and an admin's every one (main/phone/recordings.ts).
  'recordings.list': 'rep',
  'leads.delete': 'team-lead',

  'queue.next': 'rep',
  'queue.heartbeat': 'rep',
  'queue.release': 'rep',
  'queue.skip': 'rep',
  'queue.snooze': 'rep',
  'queue.preview': 'rep',
  'queue.whyNot': 'rep',
  'queue.callingWindows': 'rep',
  'callbacks.upcoming': 'rep',

  'calls.dial': 'rep',
  'calls.disposition': 'rep',
  'calls.saveDraft': 'rep',
  'calls.undo': 'rep',
  'calls.recent': 'rep',
  'handoffs.list': 'rep',
  'handoffs.export': 'team-lead',

  'leads.get': 'rep',
  'leads.search': 'rep',
  'leads.account': 'rep',
  'leads.edit': 'rep',
  'leads.edits': 'rep',
  'leads.export': 'team-lead',
  'leads.import': 'team-lead',
  // A rep's store, with its calls and history, into the team: an import.
  'leads.uploadStore': 'team-lead',
  'leads.importActivities': 'team-lead',
  'leads.previewImport': 'team-lead',
  'leads.loadDemo': 'team-lead',
  'imports.list': 'team-lead',
  'imports.rejectedRows': 'team-lead',
  'imports.undo': 'team-lead',
  'mappings.list': 'team-lead',
  'mappings.save': 'team-lead',

  'lists.list': 'rep',
  'lists.working': 'rep',
  'lists.work': 'rep',
  'lists.save': 'team-lead',
  'lists.assign': 'team-lead',
  'lists.moveRep': 'team-lead',
  'lists.pause': 'team-lead',
  'lists.ownerWindow': 'team-lead',

  'dispositions.list': 'rep',
  'dispositions.save': 'team-lead',
  'dispositions.retire': 'team-lead',
  'dispositions.import': 'team-lead',
  'reasons.list': 'rep',
  'reasons.save': 'team-lead',

  'scripts.active': 'rep',
  'scripts.list': 'rep',
  'scripts.export': 'rep',
  'scripts.validate': 'team-lead',
  'scripts.import': 'team-lead',
  'scripts.activate': 'team-lead',

  'sessions.start': 'rep',
  'sessions.pause': 'rep',
  'sessions.pauseDialing': 'rep',
  'sessions.resumeDialing': 'rep',
  'sessions.resume': 'rep',
  'sessions.end': 'rep',
  'sessions.current': 'rep',
  // A rep may ask, for their own figures only (main/sessions/summary-access.ts); everyone's are a team lead's.
  'sessions.summary': 'rep',
  'sessions.export': 'rep',
  'sessions.reps': 'rep',
  'sessions.team': 'team-lead',
  'sessions.teamExport': 'team-lead',
  'team.merge': 'team-lead',
  'team.export': 'team-lead',
  // A console's own choice of team server: its main process answers, never the team server.
  'teamServer.status': 'anyone',
  'teamServer.join': 'anyone',
  'teamServer.leave': 'anyone',
  // Answered by the console's own main, which sends the store on to the team server's leads.uploadStore (a team lead's).
  'teamServer.uploadStore': 'anyone',

  'phone.settings': 'rep',
  'phone.save': 'rep',
  'phone.account': 'rep',
  'phone.outcome': 'rep',

  'store.backup': 'admin',
  'store.backups': 'admin',
  'store.restore': 'admin',
};

/** Each role can do what the one before it can, and more. */
export function hasRole(person: { role: Role }, atLeast: Role): boolean {
  return ROLES.indexOf(person.role) >= ROLES.indexOf(atLeast);
}

/** Whether someone of this role may call the method on the team server. */
export function mayCall(method: MethodName, role: Role): boolean {
  const access = METHOD_ROLES[method];
  return access === 'anyone' || hasRole({ role }, access);
}
