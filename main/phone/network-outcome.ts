import type { NetworkOutcome } from '../../shared/phone.ts';
import { findOpenDial } from '../calls/dials.ts';
import type { Queryable } from '../store/seam/store.ts';
import { ApiError } from '../../shared/api-error.ts';

/**
 * The network's answer to a dial, heard by the softphone. A number the network says does not
 * exist is flagged bad at once, whatever the rep logs next: the queue never offers it again and
 * the next dial of it is refused. The dial must be this lead's open dial of this very number, so
 * a stale or crafted call cannot flag another number; on a team, the dial must also be the
 * signed-in rep's own (`accountId`: the account that placed it).
 */
export async function recordNetworkOutcome(
  q: Queryable,
  input: { leadId: number; dialId: number; number: string; outcome: NetworkOutcome },
  accountId: number | null = null,
): Promise<{ flaggedBad: boolean }> {
  const dial = await findOpenDial(q, input.dialId, input.leadId);
  if (dial.number !== input.number) throw new ApiError('invalid-input', `Dial #${input.dialId} was to ${dial.number}, not ${input.number}.`);
  if (accountId !== null) {
    // Team only: a rep's own store has no accounts (migration 10 of the team database).
    const placed = await q.one<{ account_id: number | null }>('SELECT account_id FROM dials WHERE id = ?', [input.dialId]);
    if (placed?.account_id !== accountId) throw new ApiError('forbidden', `Dial #${input.dialId} was placed from another rep’s console.`);
  }
  if (input.outcome !== 'invalid-number') return { flaggedBad: false };
  await q.run('UPDATE phones SET bad = 1 WHERE lead_id = ? AND e164 = ?', [input.leadId, input.number]);
  return { flaggedBad: true };
}
