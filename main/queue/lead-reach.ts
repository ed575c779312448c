import { OPEN_DIAL_MS } from '../calls/dials.ts';
import { currentCaller } from '../people/caller.ts';
import { signedInRep } from '../sessions/summary-access.ts';
import type { Queryable } from '../store/seam/store.ts';
import { callerAccess, checkLeadAccess, leadWithin } from './list-access.ts';

/**
 * The lead a rep's console works on, on a team: one their lists offer them (callerAccess), or one
 * theirs already: the console's claim (the queue gave it, and keeps it until the console asks
 * again) or a dial their account placed and has not logged (a call dialled is logged whatever the
 * lists became meanwhile, as the queue keeps it on screen). Another lead, known by its id, is not
 * theirs to skip, snooze, dial, log or write a note on. A team lead, an admin and a rep working
 * alone reach every lead.
 */
export async function leadInReach(q: Queryable, leadId: number, consoleId: string | undefined, now: number): Promise<boolean> {
  // The console's own lead first: its beat, every few seconds, then reads no list.
  if (signedInRep() === null || (await heldByCaller(q, leadId, consoleId, now))) return true;
  return leadWithin(q, leadId, await callerAccess(q, now));
}

/** The same, refused with the sentence a lead outside the rep's lists gets everywhere (checkLeadAccess). */
export async function checkLeadInReach(q: Queryable, leadId: number, consoleId: string | undefined, now: number): Promise<void> {
  if (!(await leadInReach(q, leadId, consoleId, now))) await checkLeadAccess(q, leadId, await callerAccess(q, now));
}

async function heldByCaller(q: Queryable, leadId: number, consoleId: string | undefined, now: number): Promise<boolean> {
  if (consoleId !== undefined && (await q.one('SELECT 1 AS held FROM claims WHERE lead_id = ? AND console_id = ?', [leadId, consoleId]))) return true;
  const account = currentCaller()?.person?.id;
  if (account === undefined) return false;
  const dial = await q.one('SELECT 1 AS held FROM dials WHERE lead_id = ? AND account_id = ? AND call_id IS NULL AND closed_at IS NULL AND at > ?', [leadId, account, now - OPEN_DIAL_MS]);
  return Boolean(dial);
}
