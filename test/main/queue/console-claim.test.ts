import { expect, it } from 'vitest';
import type { QueueContext } from '../../../main/queue/next-lead.ts';
import { queueSnapshot } from '../../../main/queue/queue-view.ts';
import type { Store } from '../../../main/store/seam/store.ts';
import { DEFAULT_QUEUE_RULES } from '../../../shared/queue-rules.ts';
import { seedLeads } from '../../helpers/seed-leads.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

// Monday 23 November 2026, 10:00 in New York.
const NOW = Date.parse('2026-11-23T15:00:00Z');
const ctx = (consoleId: string): QueueContext => ({ now: NOW, rules: DEFAULT_QUEUE_RULES, consoleId });

/** The next lead as a console's request takes it: one read-committed transaction (handler-context.ts). */
const snapshot = (store: Store, consoleId: string) => store.transaction((tx) => queueSnapshot(tx, ctx(consoleId)), { isolation: 'read committed' });

describeEachStore('a console sending several requests at once', ({ open }) => {
  it('keeps the lead it shows: every answer is that lead, and the claim stays on it', async () => {
    const store = await open();
    await seedLeads(store, Array.from({ length: 12 }, (_, i) => ({ firstName: `Lead ${i + 1}`, phones: [`+1212555${1000 + i}`] })));
    const shown = (await snapshot(store, 'one'))!.next!.card.lead.id;
    // A console's refreshes come in bursts (every other console's change sends one): on
    // PostgreSQL each on its own connection, at the same instant.
    for (let round = 0; round < 15; round++) {
      const answers = await Promise.all([1, 2, 3, 4].map(() => snapshot(store, 'one')));
      expect(answers.map((a) => a.next?.card.lead.id)).toEqual([shown, shown, shown, shown]);
    }
    expect(await store.all('SELECT lead_id, console_id FROM claims')).toEqual([{ lead_id: shown, console_id: 'one' }]);
  });
});
