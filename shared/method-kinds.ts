import type { MethodName } from './api.ts';

/**
 * What a method does to the store: reads it, writes it, or writes it for seconds to minutes (an
 * import: one transaction of 100,000 rows takes seconds, a million a minute and more).
 */
export type MethodKind = 'read' | 'write' | 'long write';

/**
 * Every method of the contract and its kind. Typed over every method name: a method added to the
 * contract without its line here fails the typecheck.
 *
 * Over one SQLite connection the dispatcher runs calls one at a time (main/api/dispatch.ts);
 * while a long write holds the line, a read is answered at once on a read-only connection of its
 * own (the store as it was before the import, which lands whole or not at all), so the console
 * stays responsive. A read must therefore never write, not even on the side: a method that
 * writes anything to the store (a lease renewed, a working list remembered, a draft saved) is a
 * write, and waits for the import like every write.
 */
export const METHOD_KINDS = {
  'people.signIn': 'write',
  'people.signOut': 'write',
  'people.me': 'read',
  'people.list': 'read',

  'app.capabilities': 'read',
  'prefs.get': 'read',
  'prefs.set': 'write',
  'floor.view': 'read',
  'greetings.list': 'read',
  'greetings.add': 'write',
  'greetings.rename': 'write',
  'greetings.delete': 'write',
  'greetings.choose': 'write',
  'greetings.audio': 'read',
  'recordings.settings': 'read',
  'recordings.saveSettings': 'write',
  'recordings.save': 'write',
  'recordings.ofLead': 'read',
  'recordings.audio': 'read',
  'recordings.list': 'read',

  // Claims a lead for the console, renews or lets go of the claim: writes.
  'queue.next': 'write',
  'queue.heartbeat': 'write',
  'queue.release': 'write',
  'queue.skip': 'write',
  'queue.snooze': 'write',
  'queue.preview': 'read',
  'queue.whyNot': 'read',
  'queue.callingWindows': 'read',
  'callbacks.upcoming': 'read',

  'calls.dial': 'write',
  'calls.disposition': 'write',
  'calls.saveDraft': 'write',
  'calls.undo': 'write',
  'calls.recent': 'read',
  'handoffs.list': 'read',
  'handoffs.export': 'read',

  // Find lead and a lead's card: the console's reads while a list is imported.
  'leads.get': 'read',
  'leads.search': 'read',
  'leads.account': 'read',
  'leads.edits': 'read',
  'leads.edit': 'write',
  'leads.delete': 'write',
  'leads.export': 'read',
  'leads.import': 'long write',
  'leads.uploadStore': 'long write',
  'leads.importActivities': 'long write',
  'leads.loadDemo': 'long write',
  // Reads the file it is given, not the store.
  'leads.previewImport': 'read',
  'imports.list': 'read',
  'imports.rejectedRows': 'read',
  'imports.undo': 'write',
  'mappings.list': 'read',
  'mappings.save': 'write',

  'lists.list': 'read',
  'lists.working': 'read',
  // Remembers the list the console works.
  'lists.work': 'write',
  'lists.save': 'write',
  'lists.assign': 'write',
  'lists.moveRep': 'write',
  'lists.pause': 'write',
  'lists.ownerWindow': 'write',

  'dispositions.list': 'read',
  'dispositions.save': 'write',
  'dispositions.retire': 'write',
  'dispositions.import': 'write',
  'reasons.list': 'read',
  'reasons.save': 'write',

  'scripts.active': 'read',
  'scripts.list': 'read',
  'scripts.export': 'read',
  'scripts.validate': 'read',
  'scripts.import': 'write',
  'scripts.activate': 'write',

  'sessions.start': 'write',
  'sessions.pause': 'write',
  'sessions.pauseDialing': 'write',
  'sessions.resumeDialing': 'write',
  'sessions.resume': 'write',
  'sessions.end': 'write',
  'sessions.current': 'read',
  'sessions.summary': 'read',
  'sessions.export': 'read',
  'sessions.reps': 'read',
  'sessions.team': 'read',
  'sessions.teamExport': 'read',
  'team.merge': 'read',
  'team.export': 'read',
  'teamServer.status': 'read',
  'teamServer.join': 'write',
  'teamServer.leave': 'write',
  'teamServer.uploadStore': 'write',

  'phone.settings': 'read',
  'phone.save': 'write',
  'phone.account': 'read',
  'phone.outcome': 'write',

  'store.backups': 'read',
  // A copy of the store file: taken after the import, not of its half-written pages.
  'store.backup': 'write',
  'store.restore': 'write',
} as const satisfies Record<MethodName, MethodKind>;

/** The methods a read-only connection can answer. */
export type ReadMethod = { [K in MethodName]: (typeof METHOD_KINDS)[K] extends 'read' ? K : never }[MethodName];

export const READ_METHODS = (Object.keys(METHOD_KINDS) as MethodName[]).filter((method): method is ReadMethod => METHOD_KINDS[method] === 'read');
