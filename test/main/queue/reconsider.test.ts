import { expect, it } from 'vitest';
import { queueSnapshot } from '../../../main/queue/queue-view.ts';
import type { Store } from '../../../main/store/seam/store.ts';
import { DEFAULT_QUEUE_RULES } from '../../../shared/queue-rules.ts';
import { seedLeads } from '../../helpers/seed-leads.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

// Monday 23 November 2026, 10:00 in New York.
const NOW = Date.parse('2026-11-23T15:00:00Z');

/** `queue.next` as a console asks it (handler-context.ts), with or without `reconsider`. */
const next = (store: Store, consoleId: string, reconsider = false) =>
  store.transaction((tx) => queueSnapshot(tx, { now: NOW, rules: DEFAULT_QUEUE_RULES, consoleId, reconsider }), { isolation: 'read committed' });

describeEachStore('a console between calls asking the queue again (an inbound lead arrived)', ({ open }) => {
  it('is offered the new hand-raiser before the lead it held, which is let go quietly; a second console is not given the same one', async () => {
    const store = await open();
    await seedLeads(store, [
      { firstName: 'Ada', phones: ['+12125550100'] },
      { firstName: 'Bob', phones: ['+12125550101'] },
    ]);
    const adaOnOne = (await next(store, 'one')).next!.card.lead.id;
    const bobOnTwo = (await next(store, 'two')).next!.card.lead.id;
    const [dana] = await seedLeads(store, [{ firstName: 'Dana', phones: ['+12125550142'], requestedCall: true, handRaisedAt: NOW - 5_000 }], { now: NOW });

    // Asked as before (a refresh), the console keeps its lead: a key pressed now logs that call.
    expect((await next(store, 'one')).next!.card.lead.id).toBe(adaOnOne);
    // Reconsidered: the hand-raiser, and no "may no longer be called" about the lead it showed.
    const reconsidered = await next(store, 'one', true);
    expect(reconsidered.next).toMatchObject({ card: { lead: { id: dana } }, tier: 'hand-raiser' });
    expect(reconsidered.released).toBeUndefined();
    // The other console reconsiders too: Dana is held by the first, so it is offered the best of
    // the rest (Ada, let go a moment ago, before its own Bob), never Dana.
    const other = (await next(store, 'two', true)).next!.card.lead.id;
    expect(other).toBe(adaOnOne);
    expect(await store.all('SELECT lead_id, console_id FROM claims ORDER BY console_id')).toEqual([
      { lead_id: dana, console_id: 'one' },
      { lead_id: adaOnOne, console_id: 'two' },
    ]);
    expect(bobOnTwo).not.toBe(adaOnOne);
  });
});
