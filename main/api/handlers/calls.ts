import { activeDispositions } from '../../calls/disposition-store.ts';
import { recordDial } from '../../calls/dials.ts';
import { exportHandoffs, listHandoffs } from '../../calls/handoffs.ts';
import { logDisposition } from '../../calls/log-disposition.ts';
import { saveNoteDraft } from '../../calls/note-drafts.ts';
import { undoDisposition } from '../../calls/undo-disposition.ts';
import { recentCalls } from '../../leads/lead-rows.ts';
import { queueSnapshot } from '../../queue/queue-view.ts';
import { undoneLeadSnapshot } from '../../queue/undone-lead.ts';
import { activeScript } from '../../scripts/script-store.ts';
import { openSessionId } from '../../sessions/sessions.ts';
import { transaction } from '../../store/database.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function callsHandlers({ core, cap, queueContext }: HandlerContext): HandlersOf<'calls' | 'handoffs'> {
  const { db, clock, events, prefs } = core;
  return {
    'calls.disposition': ({ consoleId, listName, ...input }) => {
      // The call and the next lead's claim commit together: one write to disk, not two.
      const result = transaction(db, () => {
        const sessionId = consoleId ? openSessionId(db, consoleId) : null;
        const call = logDisposition(db, clock, activeDispositions(db), { ...input, sessionId }, {
          rules: queueContext({ listName }).rules,
          callableCap: cap(),
          script: activeScript(db),
          rep: prefs.read().repName || null,
        });
        return { call, queue: queueSnapshot(db, queueContext({ consoleId, listName })) };
      });
      events.emit('store.changed', { reason: 'disposition', ...(consoleId ? { byConsole: consoleId } : {}) });
      return result;
    },
    'calls.dial': ({ leadId, number, consoleId, listName }) => recordDial(db, leadId, number, clock.now(), queueContext({ listName }).rules, consoleId ?? null),
    'calls.saveDraft': ({ leadId, notes }) => {
      saveNoteDraft(db, leadId, notes, clock.now());
      return { saved: true };
    },
    'calls.undo': ({ callId, consoleId }) => {
      const { leadId } = undoDisposition(db, clock, callId, cap());
      events.emit('store.changed', { reason: 'disposition', ...(consoleId ? { byConsole: consoleId } : {}) });
      return transaction(db, () => undoneLeadSnapshot(db, queueContext({ consoleId }), leadId));
    },
    'calls.recent': ({ limit }) => recentCalls(db, limit),
    'handoffs.list': ({ limit }) => listHandoffs(db, limit),
    'handoffs.export': ({ format }) => exportHandoffs(db, format),
  };
}
