import { closeDials } from '../../calls/dials.ts';
import { holdLead, releaseClaims, renewClaim } from '../../queue/claims.ts';
import { leadCallingWindows, upcomingCallbacks } from '../../queue/lead-callbacks.ts';
import { queuePreview, queueSnapshot, whyNot } from '../../queue/queue-view.ts';
import { transaction } from '../../store/database.ts';
import { MINUTE_MS } from '../../../shared/time-units.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function queueHandlers({ core, queueContext, snapshot }: HandlerContext): HandlersOf<'queue' | 'callbacks'> {
  const { db, clock } = core;
  return {
    'queue.next': (scope) => snapshot(scope),
    'queue.preview': ({ listName, limit }) => queuePreview(db, queueContext({ listName }), limit),
    'queue.whyNot': ({ leadId, listName }) => whyNot(db, leadId, queueContext({ listName })),
    'queue.skip': ({ leadId, ...scope }) =>
      transaction(db, () => {
        const ctx = queueContext(scope);
        holdLead(db, leadId, ctx.now + ctx.rules.skipMinutes * MINUTE_MS, ctx.now);
        closeDials(db, leadId, ctx.now);
        return queueSnapshot(db, queueContext(scope));
      }),
    'queue.snooze': ({ leadId, until, ...scope }) =>
      transaction(db, () => {
        holdLead(db, leadId, Date.parse(until), clock.now());
        closeDials(db, leadId, clock.now());
        return queueSnapshot(db, queueContext(scope));
      }),
    'queue.release': ({ consoleId }) => {
      releaseClaims(db, consoleId);
      return { released: true };
    },
    'queue.callingWindows': ({ leadId, listName }) => leadCallingWindows(db, queueContext({ listName }).rules, leadId, clock.now()),
    'queue.heartbeat': ({ consoleId, leadId, listName }) => {
      // The list is checked before the lease is renewed: a refused beat writes nothing.
      const { rules } = queueContext({ listName });
      return { held: renewClaim(db, leadId, consoleId, clock.now()), leaseSeconds: rules.claimLeaseSeconds };
    },
    'callbacks.upcoming': () => upcomingCallbacks(db, clock.now()),
  };
}
