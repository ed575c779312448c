import { SUMMARY_SCHEMA_VERSION, type TeamSummary } from '../../shared/summary.ts';
import type { Queryable } from '../store/seam/store.ts';
import { repsOfRange, summarize } from './summary.ts';

export interface TeamScope {
  from: number;
  to: number;
  listName: string | null;
  timeZone: string;
}

/**
 * A team summary read from the store (a team's PostgreSQL, or a rep's own file): each rep who
 * logged a call in the range, with their own summary, and the team's total counted from every
 * call in it, so its speed to lead has its median and p90 (a merge of reps' files cannot rebuild
 * them). The figures are those of `summarize`, one definition for a rep, a session and a team.
 */
export async function teamFromStore(q: Queryable, scope: TeamScope, now: number): Promise<TeamSummary> {
  const everyone = await summarize(q, { ...scope, rep: null }, now);
  const reps: TeamSummary['reps'] = [];
  for (const rep of await repsOfRange(q, scope.from, scope.to, scope.listName)) reps.push({ rep, summary: await summarize(q, { ...scope, rep }, now) });
  const { scope: _scope, coverage: _coverage, ...total } = everyone;
  return { schemaVersion: SUMMARY_SCHEMA_VERSION, reps, timeZone: scope.timeZone, total };
}
