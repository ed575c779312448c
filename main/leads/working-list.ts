import type { WorkingList, WorkingLists } from '../../shared/lead-context.ts';
import { ApiError } from '../../shared/api-error.ts';
import type { RepOnRecord } from '../people/caller.ts';
import type { PreferenceStore } from '../preferences/preferences.ts';
import { eligibleLeads } from '../queue/next-lead.ts';
import { queueContext } from '../queue/queue-scope.ts';
import type { Queryable } from '../store/seam/store.ts';
import { listCallLists } from './call-lists.ts';
import { leadCount } from './lead-count.ts';

/** The picker counts up to here ("100+"): enough to choose a list, cheap on every refresh. */
export const WAITING_COUNT_CAP = 100;

/**
 * The call list the console works: on a team the signed-in account's (kept in the database, so
 * every server process and every console of theirs agrees), alone the preferences'; undefined
 * (every lead) when none is chosen or the chosen one no longer exists, so a renamed list never
 * stops the queue.
 */
export async function workingListName(q: Queryable, prefs: PreferenceStore, accountId: number | null): Promise<string | undefined> {
  const name = accountId === null ? prefs.read().callList : (await q.one<{ working_list: string | null }>('SELECT working_list FROM accounts WHERE id = ?', [accountId]))?.working_list;
  if (!name) return undefined;
  return (await q.one('SELECT 1 FROM call_lists WHERE name = ?', [name])) ? name : undefined;
}

/**
 * Every call list (and "every lead") with how many of its leads the queue may offer this rep now:
 * a paused list, or one assigned to other reps, counts none (list-access.ts), as the queue offers.
 */
export async function workingLists(q: Queryable, prefs: PreferenceStore, now: number, rep: RepOnRecord | null): Promise<WorkingLists> {
  const waiting = async (listName: string | undefined): Promise<number> => {
    let n = 0;
    for await (const _ of eligibleLeads(q, await queueContext(q, prefs, now, { rep: rep?.name ?? null, ...(listName ? { listName } : {}) }))) {
      if (++n >= WAITING_COUNT_CAP) break;
    }
    return n;
  };
  const total = await leadCount(q);
  const lists: WorkingList[] = [{ name: null, leads: total, waiting: await waiting(undefined), waitingCapped: WAITING_COUNT_CAP }];
  for (const l of await listCallLists(q)) lists.push({ name: l.name, leads: l.leads, waiting: await waiting(l.name), waitingCapped: WAITING_COUNT_CAP });
  return { current: (await workingListName(q, prefs, rep?.id ?? null)) ?? null, lists };
}

/** Works this list from now on (null: every lead). An unknown list is refused by name. */
export async function chooseWorkingList(q: Queryable, prefs: PreferenceStore, name: string | null, now: number, rep: RepOnRecord | null): Promise<WorkingLists> {
  if (name !== null) {
    const row = await q.one<{ name: string }>('SELECT name FROM call_lists WHERE name = ?', [name]);
    if (!row) throw new ApiError('not-found', `There is no call list named "${name}".`);
    name = row.name;
  }
  if (rep?.id != null) await q.run('UPDATE accounts SET working_list = ? WHERE id = ?', [name, rep.id]);
  else prefs.update({ callList: name });
  return workingLists(q, prefs, now, rep);
}
