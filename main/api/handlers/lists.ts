import { listCallLists, saveCallList } from '../../leads/call-lists.ts';
import { assignList, moveRep, pauseList, setOwnerWindow } from '../../leads/list-assignments.ts';
import { chooseWorkingList, workingLists } from '../../leads/working-list.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function listsHandlers({ core, rep }: HandlerContext): HandlersOf<'lists'> {
  const { store, clock, prefs, events } = core;
  // Consoles let a lead go at once when its list stops being theirs (not at their next request),
  // and their list picker counts again: every console re-asks the queue on this announcement.
  const announce = <T>(value: T) => (events.emit('store.changed', { reason: 'lists' }), value);
  return {
    'lists.list': () => listCallLists(store),
    'lists.save': (list) => saveCallList(store, clock, list),
    'lists.working': () => workingLists(store, prefs, clock.now(), rep()),
    'lists.work': ({ listName }) => chooseWorkingList(store, prefs, listName, clock.now(), rep()),
    'lists.assign': async ({ listName, reps }) => announce(await assignList(store, listName, reps)),
    'lists.moveRep': async ({ rep: who, from, to }) => announce(await moveRep(store, who, from, to)),
    'lists.pause': async ({ listName, paused }) => announce(await pauseList(store, listName, paused)),
    'lists.ownerWindow': async ({ listName, minutes }) => announce(await setOwnerWindow(store, listName, minutes)),
  };
}
