import { listCallLists, saveCallList } from '../../leads/call-lists.ts';
import { chooseWorkingList, workingLists } from '../../leads/working-list.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function listsHandlers({ core }: HandlerContext): HandlersOf<'lists'> {
  const { db, clock, prefs } = core;
  return {
    'lists.list': () => listCallLists(db),
    'lists.save': (list) => saveCallList(db, clock, list),
    'lists.working': () => workingLists(db, prefs, clock.now()),
    'lists.work': ({ listName }) => chooseWorkingList(db, prefs, listName, clock.now()),
  };
}
