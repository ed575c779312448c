import { expect, it } from 'vitest';
import { saveCallList } from '../../../main/leads/call-lists.ts';
import { assignList, moveRep, pauseList, setOwnerWindow } from '../../../main/leads/list-assignments.ts';
import { nextOwnerWindowEnd, repAccess } from '../../../main/queue/list-access.ts';
import { previewQueue, type QueueContext } from '../../../main/queue/next-lead.ts';
import { queueSnapshot } from '../../../main/queue/queue-view.ts';
import type { Store } from '../../../main/store/seam/store.ts';
import { DEFAULT_QUEUE_RULES } from '../../../shared/queue-rules.ts';
import { seedLeads } from '../../helpers/seed-leads.ts';
import { manualClock, type ManualClock } from '../../helpers/test-core.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

// Monday 23 November 2026, 10:00 in New York: calling hours.
const MONDAY_10AM_NY = '2026-11-23T15:00:00Z';
const MINUTE = 60_000;

interface Floor {
  store: Store;
  clock: ManualClock;
  /** Lead ids: two on the "Hot" list (MQL), one on no list (IQL). */
  hot: [number, number];
  other: number;
}

async function floor(store: Store): Promise<Floor> {
  const clock = manualClock(MONDAY_10AM_NY);
  const ids = await seedLeads(store, [{ stage: 'MQL', score: 90 }, { stage: 'MQL', score: 80 }, { stage: 'IQL' }], { now: clock.now() - 10 * MINUTE });
  await saveCallList(store, clock, { name: 'Hot', filter: { stages: ['MQL'] }, rules: null });
  // Accounts exist only on the team store; the rule names reps the same way on both.
  if (store.dialect.kind === 'postgres') {
    for (const name of ['Avery', 'Blake']) {
      await store.run("INSERT INTO accounts (name, role, password_hash, created_at, password_changed_at) VALUES (?, 'rep', 'x', 0, 0)", [name]);
    }
  }
  return { store, clock, hot: [ids[0]!, ids[1]!], other: ids[2]! };
}

async function ctxFor(f: Floor, rep: string, consoleId: string | null = null): Promise<QueueContext> {
  const access = await repAccess(f.store, rep, f.clock.now());
  return { now: f.clock.now(), rules: DEFAULT_QUEUE_RULES, consoleId, ...(access ? { access } : {}) };
}

const offeredTo = async (f: Floor, rep: string, consoleId: string | null = null) => (await previewQueue(f.store, await ctxFor(f, rep, consoleId), 50)).map((p) => p.leadId);

describeEachStore('lists and reps in the queue', ({ open, kind }) => {
  it('offers a list assigned to one rep to that rep only; a lead on no list to everyone', async () => {
    const f = await floor(await open());
    expect(await offeredTo(f, 'Blake')).toEqual([...f.hot, f.other]);
    await assignList(f.store, 'Hot', ['Avery']);
    expect(await offeredTo(f, 'Avery')).toEqual([...f.hot, f.other]);
    expect(await offeredTo(f, 'blake')).toEqual([f.other]);
    // Named in another case, Avery is still Avery.
    expect(await offeredTo(f, 'AVERY')).toEqual([...f.hot, f.other]);
    await assignList(f.store, 'Hot', 'everyone');
    expect(await offeredTo(f, 'Blake')).toEqual([...f.hot, f.other]);
  });

  it("moves a rep from one list to another: the first list's leads go, the second's come", async () => {
    const f = await floor(await open());
    await saveCallList(f.store, f.clock, { name: 'Nurture', filter: { stages: ['IQL'] }, rules: null });
    await assignList(f.store, 'Hot', ['Avery', 'Blake']);
    await assignList(f.store, 'Nurture', ['Avery']);
    expect(await offeredTo(f, 'Blake')).toEqual(f.hot);
    const lists = await moveRep(f.store, 'Blake', 'Hot', 'Nurture');
    expect(lists.map((l) => [l.name, l.reps])).toEqual([
      ['Hot', ['Avery']],
      ['Nurture', ['Avery', 'Blake']],
    ]);
    expect(await offeredTo(f, 'Blake')).toEqual([f.other]);
    await expect(moveRep(f.store, 'Blake', 'Hot', 'Nurture')).rejects.toThrow('Blake is not assigned to "Hot".');
  });

  it('stops a paused list at once, the lead a console holds included, and offers it again on resume', async () => {
    const f = await floor(await open());
    await assignList(f.store, 'Hot', ['Avery']);
    const held = await queueSnapshot(f.store, await ctxFor(f, 'Avery', 'console-a'));
    expect(held.next?.card.lead.id).toBe(f.hot[0]);
    await pauseList(f.store, 'Hot', true);
    const after = await queueSnapshot(f.store, await ctxFor(f, 'Avery', 'console-a'));
    expect(after.next?.card.lead.id).toBe(f.other);
    expect(after.released).toMatchObject({ leadId: f.hot[0], reasons: ['Its call list is paused, assigned to other reps, or held for its owner'] });
    expect(await offeredTo(f, 'Avery', 'console-a')).toEqual([f.other]);
    await pauseList(f.store, 'Hot', false);
    expect(await offeredTo(f, 'Avery', 'console-a')).toEqual([f.other, ...f.hot]);
  });

  it('changes nothing for a list everyone works, running, with no owner window', async () => {
    const f = await floor(await open());
    await setOwnerWindow(f.store, 'Hot', 0);
    expect(await repAccess(f.store, 'Blake', f.clock.now())).toBeNull();
  });

  if (kind === 'postgres') {
    it("holds a lead another rep owns for the owner window from its arrival, gives it to its owner at once, then to anyone", async () => {
      const f = await floor(await open());
      await f.store.run('UPDATE leads SET owner = ? WHERE id = ?', ['avery', f.hot[0]]);
      await setOwnerWindow(f.store, 'Hot', 30);
      // Arrived 10 minutes ago: 20 minutes of Avery's window left.
      expect(await offeredTo(f, 'Blake')).toEqual([f.hot[1], f.other]);
      expect(await offeredTo(f, 'Avery')).toEqual([...f.hot, f.other]);
      // The instant the team server announces (main/team/owner-window-ends.ts): 20 minutes from now.
      const end = f.clock.now() + 20 * MINUTE;
      expect(await nextOwnerWindowEnd(f.store, f.clock.now())).toBe(end);
      await pauseList(f.store, 'Hot', true);
      expect(await nextOwnerWindowEnd(f.store, f.clock.now())).toBeNull();
      await pauseList(f.store, 'Hot', false);
      f.clock.advance(19 * MINUTE);
      expect(await offeredTo(f, 'Blake')).toEqual([f.hot[1], f.other]);
      expect(await nextOwnerWindowEnd(f.store, f.clock.now())).toBe(end);
      f.clock.advance(1 * MINUTE);
      expect(await offeredTo(f, 'Blake')).toEqual([...f.hot, f.other]);
      expect(await nextOwnerWindowEnd(f.store, f.clock.now())).toBeNull();
    });

    it('counts the window from a request for a call made after the lead arrived', async () => {
      const f = await floor(await open());
      await f.store.run('UPDATE leads SET owner = ?, hand_raised_at = ?, requested_call = 1 WHERE id = ?', ['Avery', f.clock.now() - MINUTE, f.hot[1]]);
      await setOwnerWindow(f.store, 'Hot', 5);
      expect(await offeredTo(f, 'Blake')).not.toContain(f.hot[1]);
      f.clock.advance(4 * MINUTE);
      expect(await offeredTo(f, 'Blake')).toContain(f.hot[1]);
    });

    it('holds nothing back for an owner who is not on the team (a CRM owner in sales), and refuses a list for someone unknown', async () => {
      const f = await floor(await open());
      await f.store.run('UPDATE leads SET owner = ? WHERE id = ?', ['Morgan from sales', f.hot[0]]);
      await setOwnerWindow(f.store, 'Hot', 30);
      expect(await offeredTo(f, 'Blake')).toEqual([...f.hot, f.other]);
      expect(await nextOwnerWindowEnd(f.store, f.clock.now())).toBeNull();
      await expect(assignList(f.store, 'Hot', ['Avery', 'Avrey'])).rejects.toThrow('No one on the team is named "Avrey": nothing was changed.');
      expect(await offeredTo(f, 'Blake')).toEqual([...f.hot, f.other]);
    });
  } else {
    it("holds nothing back for an owner on a rep's own store: its one rep works alone", async () => {
      const f = await floor(await open());
      await f.store.run('UPDATE leads SET owner = ? WHERE id = ?', ['Avery', f.hot[0]]);
      await setOwnerWindow(f.store, 'Hot', 30);
      expect(await offeredTo(f, 'Blake')).toEqual([...f.hot, f.other]);
      expect(await nextOwnerWindowEnd(f.store, f.clock.now())).toBeNull();
    });
  }
});
