import type { Handlers, MethodName } from '../../../shared/api.ts';
import type { ApiEvents } from '../../../shared/events.ts';
import { floorView } from '../../floor/floor-view.ts';
import { workingListName } from '../../leads/working-list.ts';
import { currentCaller } from '../../people/caller.ts';
import type { EventHub } from '../event-hub.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function floorHandlers({ core, queueContext, rep }: HandlerContext): HandlersOf<'floor'> {
  const { store, clock, prefs } = core;
  return {
    'floor.view': async ({ timeZone, listName }) => {
      // The list the queue works (the console's own when none is named), with its rules.
      const { rules, list } = await queueContext({ listName });
      const name = listName ?? (await workingListName(store, prefs, rep()?.id ?? null)) ?? null;
      return floorView(store, {
        now: clock.now(),
        timeZone,
        // On the team server someone is signed in (only a team lead or an admin reaches here): the
        // team's accounts are the roster. Elsewhere the store is a rep's own: one rep, by the name
        // on the calls it logs.
        roster: currentCaller() ? { kind: 'accounts' } : { kind: 'solo', rep: prefs.read().repName || null },
        rules,
        ...(list ? { list: { name, ...list } } : {}),
      });
    },
  };
}

/**
 * The methods that change what the floor shows without changing the store's leads (those send
 * `store.changed`): a session's state, a call begun or let go, and who is signed in. Each sends `floor.changed`
 * once it has succeeded, so an open floor reads itself again instead of polling.
 */
export const FLOOR_CHANGES: Partial<Record<MethodName, ApiEvents['floor.changed']['reason']>> = {
  'sessions.start': 'session',
  'sessions.pause': 'session',
  'sessions.resume': 'session',
  'sessions.end': 'session',
  'calls.dial': 'dial',
  'queue.skip': 'dial',
  'queue.snooze': 'dial',
  // On the team server a rep signed out is "Signed out" on the floor.
  'people.signIn': 'sign-in',
  'people.signOut': 'sign-in',
};

/** The handlers, those in FLOOR_CHANGES announcing their success; a handler that answers at once still does. */
export function announceFloorChanges(events: EventHub, handlers: Handlers): Handlers {
  const announced: Record<string, unknown> = { ...handlers };
  for (const [method, reason] of Object.entries(FLOOR_CHANGES)) {
    const handler = handlers[method as MethodName] as (input: unknown) => unknown;
    const announce = <T>(value: T) => (events.emit('floor.changed', { reason }), value);
    announced[method] = (input: unknown) => {
      const value = handler(input);
      return value instanceof Promise ? value.then(announce) : announce(value);
    };
  }
  return announced as Handlers;
}
