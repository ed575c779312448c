import type { QueueRules } from '../../shared/queue-rules.ts';
import { listScope } from '../leads/call-lists.ts';
import type { PreferenceStore } from '../preferences/preferences.ts';
import type { Queryable } from '../store/seam/store.ts';
import { repAccess } from './list-access.ts';
import type { QueueContext } from './next-lead.ts';

/** The queue as one console sees it now: its list (if any), that list's rules or everyone's, and the lists its rep may work. */
export async function queueContext(
  q: Queryable,
  prefs: PreferenceStore,
  now: number,
  scope: { consoleId?: string | undefined; listName?: string | undefined; rep?: string | null | undefined },
): Promise<QueueContext> {
  const list = scope.listName ? await listScope(q, scope.listName) : null;
  const rules: QueueRules = list?.rules ?? prefs.read().queueRules;
  // Only a console's queue is held to its rep's lists (a rep asking); the floor and exports see every lead.
  const access = scope.rep !== undefined ? await repAccess(q, scope.rep, now) : null;
  return { now, rules, consoleId: scope.consoleId ?? null, ...(list ? { list: list.list } : {}), ...(access ? { access } : {}) };
}
