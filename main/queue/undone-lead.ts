import type { QueueSnapshot } from '../../shared/leads.ts';
import { runningDial } from '../calls/dials.ts';
import { getLeadCard } from '../leads/lead-cards.ts';
import type { Queryable } from '../store/seam/store.ts';
import { claimLead } from './claims.ts';
import { dialableNumbers } from './eligibility.ts';
import { loadLeadFacts } from './lead-facts.ts';
import { lockConsole } from './lead-leases.ts';
import type { QueueContext } from './next-lead.ts';
import { queueSnapshot } from './queue-view.ts';

/**
 * After a disposition is undone, the lead comes back to the console that undid it, first, ahead
 * of whatever the queue would pick, with its call running again if it was dialled: the rep who
 * pressed the wrong key is back where they were. Call inside a transaction.
 */
export async function undoneLeadSnapshot(q: Queryable, ctx: QueueContext, leadId: number): Promise<QueueSnapshot> {
  const { consoleId } = ctx;
  if (consoleId) {
    await lockConsole(q, consoleId);
    await claimLead(q, leadId, consoleId, ctx.now);
  }
  // The counts as any console sees them; the lead shown is the undone one, not the queue's pick.
  const view = await queueSnapshot(q, { ...ctx, consoleId: null });
  const openDial = consoleId ? await runningDial(q, leadId, consoleId, ctx.now) : null;
  const facts = await loadLeadFacts(q, leadId, ctx.now);
  const number = openDial?.number ?? (facts ? (dialableNumbers(facts, ctx.rules, ctx.now)[0] ?? '') : '');
  return { ...view, next: { card: await getLeadCard(q, leadId), tier: 'callback', reasons: ['Disposition undone: back to you'], number, openDial } };
}
