import { closeDials } from '../../calls/dials.ts';
import { holdLead, releaseClaims, renewClaim } from '../../queue/claims.ts';
import { leadCallingWindows, upcomingCallbacks } from '../../queue/lead-callbacks.ts';
import { lockConsole } from '../../queue/lead-leases.ts';
import { checkLeadInReach, leadInReach } from '../../queue/lead-reach.ts';
import { callerAccess } from '../../queue/list-access.ts';
import { queuePreview, queueSnapshot, whyNot } from '../../queue/queue-view.ts';
import { checkOwnConsole } from '../../sessions/console-access.ts';
import { MINUTE_MS } from '../../../shared/time-units.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function queueHandlers({ core, queueContext, snapshot }: HandlerContext): HandlersOf<'queue' | 'callbacks'> {
  const { store, clock } = core;
  // A skip or a snooze and the next lead commit together (read committed: see snapshot).
  // On the team server a rep moves only their own console's claim, and a lead theirs to work (lead-reach.ts).
  const holdThenNext = async (scope: Parameters<typeof queueContext>[0], leadId: number, until: (ctx: { now: number; rules: { skipMinutes: number } }) => number) => {
    await checkOwnConsole(store, scope.consoleId);
    await checkLeadInReach(store, leadId, scope.consoleId, clock.now());
    return store.transaction(
      async (tx) => {
        if (scope.consoleId) await lockConsole(tx, scope.consoleId);
        const ctx = await queueContext(scope, tx);
        await holdLead(tx, leadId, until(ctx), ctx.now);
        await closeDials(tx, leadId, ctx.now);
        return queueSnapshot(tx, ctx, { consoleLocked: true });
      },
      { isolation: 'read committed' },
    );
  };
  return {
    'queue.next': async (scope) => {
      await checkOwnConsole(store, scope.consoleId);
      return snapshot(scope);
    },
    'queue.preview': async ({ listName, limit }) => queuePreview(store, await queueContext({ listName }), limit),
    // Asked of a lead the rep opened (leads.get): a lead outside their reach is refused as there.
    'queue.whyNot': async ({ leadId, listName }) => {
      await checkLeadInReach(store, leadId, undefined, clock.now());
      return whyNot(store, leadId, await queueContext({ listName }));
    },
    'queue.skip': ({ leadId, ...scope }) => holdThenNext(scope, leadId, (ctx) => ctx.now + ctx.rules.skipMinutes * MINUTE_MS),
    'queue.snooze': ({ leadId, until, ...scope }) => holdThenNext(scope, leadId, () => Date.parse(until)),
    'queue.release': async ({ consoleId }) => {
      await checkOwnConsole(store, consoleId);
      await releaseClaims(store, consoleId);
      return { released: true };
    },
    'queue.callingWindows': async ({ leadId, listName }) => {
      await checkLeadInReach(store, leadId, undefined, clock.now());
      return leadCallingWindows(store, (await queueContext({ listName })).rules, leadId, clock.now());
    },
    'queue.heartbeat': async ({ consoleId, leadId, listName }) => {
      // The list is checked before the lease is renewed: a refused beat writes nothing.
      const { rules } = await queueContext({ listName });
      await checkOwnConsole(store, consoleId);
      // A lead the rep may not work is not taken by a beat: the console asks for its lead again.
      const held = (await leadInReach(store, leadId, consoleId, clock.now())) && (await renewClaim(store, leadId, consoleId, clock.now()));
      return { held, leaseSeconds: rules.claimLeaseSeconds };
    },
    'callbacks.upcoming': async () => upcomingCallbacks(store, clock.now(), await callerAccess(store, clock.now())),
  };
}
