import type { MethodName } from '../../shared/api.ts';
import type { Person, Role } from '../../shared/people.ts';
import { ApiError } from '../../shared/api-error.ts';
import { hasRole } from './accounts.ts';

/** Who may call a method on the team server: the least role, or anyone (signing in, asking who is signed in). */
export type Access = Role | 'anyone';

/**
 * Every method of the contract and the least role that may call it on the team server. Typed
 * over every method name: a method added to the contract without its line here fails the
 * typecheck, so nothing is served to a role by forgetting it. Checked once, before any handler
 * runs (`checkAccess`, called by the team server's door).
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

  'phone.settings': 'rep',
  'phone.save': 'rep',
  'phone.account': 'rep',
  'phone.outcome': 'rep',

  'store.backup': 'admin',
  'store.backups': 'admin',
  'store.restore': 'admin',
};

const ROLE_WORDS: Record<Role, string> = { rep: 'a rep', 'team-lead': 'a team lead', admin: 'an admin' };

/** Refuses the call unless the person may make it; says who may. */
export function checkAccess(method: MethodName, person: Person | null): void {
  const access = METHOD_ROLES[method];
  if (access === 'anyone') return;
  if (!person) throw new ApiError('unauthorized', 'Sign in first: your session has ended or you have not signed in.');
  if (!hasRole(person, access)) {
    throw new ApiError('forbidden', `Only ${ROLE_WORDS[access]}${access === 'admin' ? '' : ' or above'} may do this (${method}); you are signed in as ${ROLE_WORDS[person.role]}.`);
  }
}
