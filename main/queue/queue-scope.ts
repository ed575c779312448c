import type { QueueRules } from '../../shared/queue-rules.ts';
import { callListScope } from '../leads/call-lists.ts';
import type { PreferenceStore } from '../preferences/preferences.ts';
import type { Database } from '../store/database.ts';
import type { QueueContext } from './next-lead.ts';

/** The queue as one console sees it now: its list (if any), that list's rules or everyone's. */
export function queueContext(
  db: Database,
  prefs: PreferenceStore,
  now: number,
  scope: { consoleId?: string | undefined; listName?: string | undefined },
): QueueContext {
  const list = scope.listName ? callListScope(db, scope.listName) : null;
  const rules: QueueRules = list?.rules ?? prefs.read().queueRules;
  return { now, rules, consoleId: scope.consoleId ?? null, ...(list ? { list: list.list } : {}) };
}
