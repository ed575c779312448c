import { listCallLists, saveCallList } from '../../leads/call-lists.ts';
import { assignList, moveRep, pauseList, setOwnerWindow } from '../../leads/list-assignments.ts';
import { chooseWorkingList, workingLists } from '../../leads/working-list.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function listsHandlers({ core }: HandlerContext): HandlersOf<'lists'> {
  const { store, clock, prefs } = core;
  return {
    'lists.list': () => listCallLists(store),
    'lists.save': (list) => saveCallList(store, clock, list),
    'lists.working': () => workingLists(store, prefs, clock.now()),
    'lists.work': ({ listName }) => chooseWorkingList(store, prefs, listName, clock.now()),
    'lists.assign': ({ listName, reps }) => assignList(store, listName, reps),
    'lists.moveRep': ({ rep, from, to }) => moveRep(store, rep, from, to),
    'lists.pause': ({ listName, paused }) => pauseList(store, listName, paused),
    'lists.ownerWindow': ({ listName, minutes }) => setOwnerWindow(store, listName, minutes),
  };
}
