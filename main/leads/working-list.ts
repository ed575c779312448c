import type { WorkingList, WorkingLists } from '../../shared/lead-context.ts';
import { ApiError } from '../../shared/api-error.ts';
import type { PreferenceStore } from '../preferences/preferences.ts';
import { eligibleLeads } from '../queue/next-lead.ts';
import { queueContext } from '../queue/queue-scope.ts';
import type { Database } from '../store/database.ts';
import { listCallLists } from './call-lists.ts';

/** The picker counts up to here ("100+"): enough to choose a list, cheap on every refresh. */
export const WAITING_COUNT_CAP = 100;

/**
 * The call list the console works, from the preferences; undefined (every lead) when none is
 * chosen or the chosen one no longer exists, so a renamed list never stops the queue.
 */
export function workingListName(db: Database, prefs: PreferenceStore): string | undefined {
  const name = prefs.read().callList;
  if (!name) return undefined;
  return db.prepare('SELECT 1 FROM call_lists WHERE name = ?').get(name) ? name : undefined;
}

/** Every call list (and "every lead") with how many of its leads the queue may offer now. */
export function workingLists(db: Database, prefs: PreferenceStore, now: number): WorkingLists {
  const waiting = (listName: string | undefined): number => {
    let n = 0;
    for (const _ of eligibleLeads(db, queueContext(db, prefs, now, listName ? { listName } : {}))) {
      if (++n >= WAITING_COUNT_CAP) break;
    }
    return n;
  };
  const total = (db.prepare('SELECT count(*) AS n FROM leads').get() as { n: number }).n;
  const lists: WorkingList[] = [
    { name: null, leads: total, waiting: waiting(undefined), waitingCapped: WAITING_COUNT_CAP },
    ...listCallLists(db).map((l) => ({ name: l.name, leads: l.leads, waiting: waiting(l.name), waitingCapped: WAITING_COUNT_CAP })),
  ];
  return { current: workingListName(db, prefs) ?? null, lists };
}

/** Works this list from now on (null: every lead). An unknown list is refused by name. */
export function chooseWorkingList(db: Database, prefs: PreferenceStore, name: string | null, now: number): WorkingLists {
  if (name !== null) {
    const row = db.prepare('SELECT name FROM call_lists WHERE name = ?').get(name) as { name: string } | undefined;
    if (!row) throw new ApiError('not-found', `There is no call list named "${name}".`);
    name = row.name;
  }
  prefs.update({ callList: name });
  return workingLists(db, prefs, now);
}
