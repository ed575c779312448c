import { activeDispositions } from '../../calls/disposition-store.ts';
import { recordDial } from '../../calls/dials.ts';
import { exportHandoffs, listHandoffs } from '../../calls/handoffs.ts';
import { logDisposition } from '../../calls/log-disposition.ts';
import { saveNoteDraft } from '../../calls/note-drafts.ts';
import { undoDisposition } from '../../calls/undo-disposition.ts';
import { recentCalls } from '../../leads/lead-cards.ts';
import { lockConsole } from '../../queue/lead-leases.ts';
import { checkLeadInReach } from '../../queue/lead-reach.ts';
import { queueSnapshot } from '../../queue/queue-view.ts';
import { undoneLeadSnapshot } from '../../queue/undone-lead.ts';
import { activeScript } from '../../scripts/script-store.ts';
import { checkOwnConsole, ownSessionId } from '../../sessions/console-access.ts';
import { signedInRep } from '../../sessions/summary-access.ts';
import { checkOwnCall } from '../../calls/call-owner.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function callsHandlers({ core, cap, queueContext, rep }: HandlerContext): HandlersOf<'calls' | 'handoffs'> {
  const { store, clock, events } = core;
  // On the team server a rep calls from their own console, on a lead theirs to work (lead-reach.ts).
  const mayWork = async (leadId: number, consoleId: string | undefined) => {
    await checkOwnConsole(store, consoleId);
    await checkLeadInReach(store, leadId, consoleId, clock.now());
  };
  return {
    'calls.disposition': async ({ consoleId, listName, ...input }) => {
      const sessionId = consoleId ? await ownSessionId(store, consoleId) : null;
      await checkLeadInReach(store, input.leadId, consoleId, clock.now());
      const [dispositions, script] = await Promise.all([activeDispositions(store), activeScript(store)]);
      // The call and the next lead's claim commit together: one write to disk, not two. Read
      // committed on PostgreSQL: the disposition locks its lead and numbers, the claim skips
      // leads other consoles are taking.
      const result = await store.transaction(
        async (tx) => {
          // Before the call's locks: this console's other requests (a refresh) wait, not deadlock.
          if (consoleId) await lockConsole(tx, consoleId);
          const ctx = await queueContext({ consoleId, listName }, tx);
          const call = await logDisposition(tx, clock, dispositions, { ...input, sessionId }, {
            rules: ctx.rules,
            callableCap: cap(),
            script,
            rep: rep()?.name ?? null,
          });
          return { call, queue: await queueSnapshot(tx, { ...ctx, now: clock.now() }, { consoleLocked: true }) };
        },
        { isolation: 'read committed' },
      );
      events.emit('store.changed', { reason: 'disposition', ...(consoleId ? { byConsole: consoleId } : {}) });
      return result;
    },
    'calls.dial': async ({ leadId, number, consoleId, listName }) => {
      await mayWork(leadId, consoleId);
      return recordDial(store, leadId, number, clock.now(), (await queueContext({ listName })).rules, consoleId ?? null, rep()?.id ?? null);
    },
    'calls.saveDraft': async ({ leadId, notes }) => {
      await mayWork(leadId, undefined);
      await saveNoteDraft(store, leadId, notes, clock.now());
      return { saved: true };
    },
    'calls.undo': async ({ callId, consoleId }) => {
      await checkOwnConsole(store, consoleId);
      await checkOwnCall(store, callId);
      const { leadId } = await undoDisposition(store, clock, callId, cap());
      events.emit('store.changed', { reason: 'disposition', ...(consoleId ? { byConsole: consoleId } : {}) });
      return store.transaction(async (tx) => undoneLeadSnapshot(tx, await queueContext({ consoleId }, tx), leadId));
    },
    // A rep on the team server reads their own calls and handoffs; a team lead everyone's (summary-access.ts).
    'calls.recent': ({ limit }) => recentCalls(store, limit, signedInRep()),
    'handoffs.list': ({ limit }) => listHandoffs(store, limit, signedInRep()),
    'handoffs.export': ({ format }) => exportHandoffs(store, format),
  };
}
