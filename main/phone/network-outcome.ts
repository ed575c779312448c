import type { NetworkOutcome } from '../../shared/phone.ts';
import { openDial } from '../calls/dials.ts';
import type { Database } from '../store/database.ts';
import { cachedStatement } from '../store/statement-cache.ts';
import { ApiError } from '../../shared/api-error.ts';

/**
 * The network's answer to a dial, heard by the softphone. A number the network says does not
 * exist is flagged bad at once, whatever the rep logs next: the queue never offers it again and
 * the next dial of it is refused. The dial must be this lead's open dial of this very number, so
 * a stale or crafted call cannot flag another number.
 */
export function recordNetworkOutcome(db: Database, input: { leadId: number; dialId: number; number: string; outcome: NetworkOutcome }): { flaggedBad: boolean } {
  const dial = openDial(db, input.dialId, input.leadId);
  if (dial.number !== input.number) throw new ApiError('invalid-input', `Dial #${input.dialId} was to ${dial.number}, not ${input.number}.`);
  if (input.outcome !== 'invalid-number') return { flaggedBad: false };
  cachedStatement(db, 'UPDATE phones SET bad = 1 WHERE lead_id = ? AND e164 = ?').run(input.leadId, input.number);
  return { flaggedBad: true };
}
