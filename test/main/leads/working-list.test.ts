import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { syncHandlers } from '../../helpers/sync-handlers.ts';
import { csv, importCsv, testCore } from '../../helpers/test-core.ts';

// A Monday, 10:00 in New York: every lead below is in its calling hours.
async function twoLists() {
  const core = testCore('2026-11-23T15:00:00Z');
  await importCsv(core, csv('First Name,Phone Number,Time Zone', 'Ada,+12125550100,America/New_York', 'Bob,+12125550101,America/New_York'), { listName: 'Webinar' });
  await importCsv(core, csv('First Name,Phone Number,Time Zone', 'Cy,+12125550102,America/New_York'), { listName: 'Event' });
  const handlers = syncHandlers(core);
  return { core, handlers, dispatch: createDispatcher(handlers, () => undefined) };
}

describe('the call list a console works', () => {
  it('lists every list with its waiting count, beside every lead', async () => {
    const { handlers } = await twoLists();
    expect(await handlers['lists.working']({})).toEqual({
      current: null,
      lists: [
        { name: null, leads: 3, waiting: 3, waitingCapped: 100 },
        { name: 'Event', leads: 1, waiting: 1, waitingCapped: 100 },
        { name: 'Webinar', leads: 2, waiting: 2, waitingCapped: 100 },
      ],
    });
  });

  it('once chosen, the queue, its preview and a new session work that list only; the waiting count falls as leads are called', async () => {
    const { core, handlers } = await twoLists();
    expect((await handlers['lists.work']({ listName: 'event' })).current).toBe('Event');
    expect((await handlers['queue.preview']({ limit: 20 })).next.map((p) => p.name)).toEqual(['Cy']);
    const next = await handlers['queue.next']({ consoleId: 'console-1' });
    expect(next.next?.card.lead.firstName).toBe('Cy');
    core.prefs.update({ repName: 'Ben' });
    // Sessions are on the async store seam: these two answer a moment later.
    expect((await handlers['sessions.start']({ consoleId: 'console-1' })).listName).toBe('Event');
    await handlers['calls.disposition']({ consoleId: 'console-1', leadId: next.next!.card.lead.id, code: 'no-answer', notes: '' });
    expect((await handlers['lists.working']({})).lists.find((l) => l.name === 'Event')?.waiting).toBe(0);

    await handlers['lists.work']({ listName: null });
    expect((await handlers['queue.preview']({ limit: 20 })).next.map((p) => p.name).sort()).toEqual(['Ada', 'Bob']);
  });

  it('refuses a list that does not exist by name, and keeps working the last one', async () => {
    const { dispatch, handlers } = await twoLists();
    await handlers['lists.work']({ listName: 'Webinar' });
    const refused = await dispatch('lists.work', { listName: 'Trade show' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-found', message: 'There is no call list named "Trade show".' } });
    expect((await handlers['lists.working']({})).current).toBe('Webinar');
  });

  it('falls back to every lead when the chosen list is renamed, rather than stopping the queue', async () => {
    const { core, handlers } = await twoLists();
    await handlers['lists.work']({ listName: 'Webinar' });
    core.db.prepare("UPDATE call_lists SET name = 'Webinar (old)' WHERE name = 'Webinar'").run();
    expect((await handlers['queue.next']({ consoleId: 'console-1' })).next).not.toBeNull();
    expect((await handlers['lists.working']({})).current).toBeNull();
  });

  it('counts a paused list, or one assigned to another rep, as nothing waiting: what the queue would offer this rep', async () => {
    const { core, handlers } = await twoLists();
    core.prefs.update({ repName: 'Ben' });
    const waiting = async () => Object.fromEntries((await handlers['lists.working']({})).lists.map((l) => [l.name ?? 'every lead', l.waiting]));
    await handlers['lists.pause']({ listName: 'Webinar', paused: true });
    expect(await waiting()).toEqual({ 'every lead': 1, Event: 1, Webinar: 0 });
    // The top bar's due count likewise.
    expect(Object.values((await handlers['queue.preview']({ limit: 1 })).waitingByTier).reduce((a, b) => a + b, 0)).toBe(1);
    await handlers['lists.pause']({ listName: 'Webinar', paused: false });
    await handlers['lists.assign']({ listName: 'Event', reps: ['Ana'] });
    expect(await waiting()).toEqual({ 'every lead': 2, Event: 0, Webinar: 2 });
    await handlers['lists.assign']({ listName: 'Event', reps: ['ben'] });
    expect(await waiting()).toEqual({ 'every lead': 3, Event: 1, Webinar: 2 });
  });
});
