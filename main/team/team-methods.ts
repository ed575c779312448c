import type { MethodName } from '../../shared/api.ts';

/**
 * The methods the team server serves: those whose handlers run on `core.store` (the async seam,
 * docs/TEAM.md), and so on PostgreSQL. Every other method is refused with a sentence before its
 * handler runs (team-door.ts). This table grows as modules are converted to the seam.
 *
 * `sessions.start` runs on the store when the console names its list (it always does); without
 * one it would read the working list from SQLite, and the stand-in database refuses that too.
 */
export const TEAM_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'people.signIn',
  'people.signOut',
  'people.me',
  'sessions.start',
  'sessions.pause',
  'sessions.resume',
  'sessions.end',
  'sessions.current',
  'leads.previewImport',
  'leads.import',
  'imports.list',
  'imports.undo',
  'imports.rejectedRows',
  'mappings.list',
  'mappings.save',
  'sessions.summary',
  'sessions.export',
  'sessions.reps',
  'sessions.team',
  'sessions.teamExport',
  'team.merge',
  'team.export',
  'lists.list',
]);

export function notOnTeamServer(what: string): string {
  return `${what} is not available on the team server yet: this part of Nextcall still runs only on a rep's own store.`;
}
