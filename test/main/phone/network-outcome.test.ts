import { describe, expect, it } from 'vitest';
import { recordDial } from '../../../main/calls/dials.ts';
import { getLeadCard } from '../../../main/leads/lead-rows.ts';
import { recordNetworkOutcome } from '../../../main/phone/network-outcome.ts';
import { DEFAULT_QUEUE_RULES } from '../../../shared/queue-rules.ts';
import { csv, importCsv, testCore } from '../../helpers/test-core.ts';

async function leadWithTwoNumbers() {
  const core = testCore();
  await importCsv(core, csv('Record ID,Name,Phone,Mobile Phone Number', '1,Ada Lovelace,+12125550100,+12125550111'));
  const id = (core.db.prepare('SELECT id FROM leads').get() as { id: number }).id;
  const dial = await recordDial(core.store, id, '+12125550100', core.clock.now(), DEFAULT_QUEUE_RULES);
  const bad = () => getLeadCard(core.db, id)!.phones.map((p) => [p.e164, p.bad]);
  return { core, id, dial, bad };
}

describe('the network’s answer to a dial', () => {
  it('flags the dialled number bad when the network says it does not exist, and only that number', async () => {
    const { core, id, dial, bad } = await leadWithTwoNumbers();
    expect(await recordNetworkOutcome(core.store, { leadId: id, dialId: dial.dialId, number: '+12125550100', outcome: 'invalid-number' })).toEqual({ flaggedBad: true });
    expect(bad()).toEqual([
      ['+12125550100', true],
      ['+12125550111', false],
    ]);
  });

  it.each(['busy', 'no-answer', 'unreachable'] as const)('leaves the number alone when the line was %s', async (outcome) => {
    const { core, id, dial, bad } = await leadWithTwoNumbers();
    expect(await recordNetworkOutcome(core.store, { leadId: id, dialId: dial.dialId, number: '+12125550100', outcome })).toEqual({ flaggedBad: false });
    expect(bad()).toEqual([
      ['+12125550100', false],
      ['+12125550111', false],
    ]);
  });

  it('refuses a dial that is not this lead’s, or a number that is not the dial’s, and flags nothing', async () => {
    const { core, id, dial, bad } = await leadWithTwoNumbers();
    await expect(recordNetworkOutcome(core.store, { leadId: id, dialId: dial.dialId, number: '+12125550111', outcome: 'invalid-number' })).rejects.toThrow(`Dial #${dial.dialId} was to +12125550100, not +12125550111.`);
    await expect(recordNetworkOutcome(core.store, { leadId: id + 1, dialId: dial.dialId, number: '+12125550100', outcome: 'invalid-number' })).rejects.toThrow('is not an open dial of this lead');
    expect(bad()).toEqual([
      ['+12125550100', false],
      ['+12125550111', false],
    ]);
  });
});
