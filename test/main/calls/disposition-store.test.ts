import { expect, it } from 'vitest';
import { listReasons, saveReasons } from '../../../main/calls/disposition-reasons.ts';
import { activeDispositions, importDispositions, listDispositions, retireDisposition, saveDisposition } from '../../../main/calls/disposition-store.ts';
import { logDisposition } from '../../../main/calls/log-disposition.ts';
import { getLeadCard } from '../../../main/leads/lead-cards.ts';
import { activeScript, importScript, listScripts, scriptDocument } from '../../../main/scripts/script-store.ts';
import { PERMISSION_PLAYBOOK } from '../../../main/scripts/playbooks.ts';
import { seedStore } from '../../../main/store-seed.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { seedLeads } from '../../helpers/seed-leads.ts';
import { manualClock } from '../../helpers/test-core.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

/** Dispositions, their reasons and the scripts: data a team lead edits, on a rep's file or the team's database. */
describeEachStore('dispositions, reasons and scripts in the store', ({ kind, open, connect }) => {
  async function seeded() {
    const store = await open();
    const clock = manualClock('2026-11-23T15:00:00Z');
    await seedStore(store, clock.now());
    return { store, clock };
  }

  it('a new store starts with the default dispositions and the two playbooks, BANT active; seeding again adds nothing', async () => {
    const { store, clock } = await seeded();
    expect((await activeDispositions(store)).map((d) => d.code)).toEqual(DEFAULT_DISPOSITIONS.map((d) => d.code));
    expect(await activeScript(store)).toMatchObject({ id: 'bant', version: 1 });
    await seedStore(store, clock.now());
    expect((await listDispositions(store)).length).toBe(DEFAULT_DISPOSITIONS.length);
    expect((await listScripts(store)).map((s) => `${s.id}@${s.version}${s.active ? '*' : ''}`)).toEqual(['bant@1*', 'permission@1']);
  });

  if (kind === 'postgres') {
    it('two server processes starting at once seed once', async () => {
      const first = await open();
      const second = await connect();
      await Promise.all([seedStore(first, 0), seedStore(second, 0)]);
      expect((await listDispositions(first)).length).toBe(DEFAULT_DISPOSITIONS.length);
      expect((await listScripts(first)).length).toBe(2);
    });
  }

  it('adds, renames, re-keys and retires; a retired one stays on the calls logged with it', async () => {
    const { store, clock } = await seeded();
    const [id] = await seedLeads(store, [{ firstName: 'Ada', lastName: 'Lovelace', phones: ['+12125550100'] }]);
    const call = await logDisposition(store, clock, await activeDispositions(store), { leadId: id!, code: 'busy', notes: '' });
    const busy = (await activeDispositions(store)).find((d) => d.code === 'busy')!;
    await saveDisposition(store, { ...busy, label: 'Line busy', hotkey: 'b' });
    expect((await activeDispositions(store)).find((d) => d.code === 'busy')).toMatchObject({ label: 'Line busy', hotkey: 'b' });
    await expect(saveDisposition(store, { ...busy, code: 'gatekeeper', label: 'Gatekeeper', hotkey: '1' })).rejects.toThrow('The key 1 already logs "No answer".');
    expect((await listDispositions(store)).map((d) => d.code)).not.toContain('gatekeeper');
    await saveDisposition(store, { ...busy, code: 'gatekeeper', label: 'Gatekeeper', hotkey: 'k' });
    expect((await activeDispositions(store)).at(-1)).toMatchObject({ code: 'gatekeeper', hotkey: 'k' });
    await retireDisposition(store, 'busy', clock.now());
    expect((await activeDispositions(store)).map((d) => d.code)).not.toContain('busy');
    expect((await listDispositions(store)).find((d) => d.code === 'busy')).toMatchObject({ retired: true });
    await expect(retireDisposition(store, 'busy', clock.now())).rejects.toThrow('There is no disposition "busy" in use.');
    expect((await getLeadCard(store, id!)).calls[0]).toMatchObject({ id: call.id, dispositionCode: 'busy', dispositionLabel: 'Busy' });
  });

  it('replaces the whole set from a file, and a bad file changes nothing', async () => {
    const { store, clock } = await seeded();
    const file = `
- { code: reached, label: Reached, hotkey: "1", contact: true, countsAsAttempt: true, retryAfterMinutes: 10080 }
- { code: sold, label: Sold, hotkey: "2", contact: true, countsAsAttempt: true, moveTo: SQL }
`;
    expect((await importDispositions(store, file, 'mine.yaml', clock.now())).filter((d) => !d.retired).map((d) => d.code)).toEqual(['reached', 'sold']);
    await expect(importDispositions(store, '- { code: x, label: X, hotkey: "n", contact: true, countsAsAttempt: true }', 'bad.yaml', 0)).rejects.toThrow(
      "bad.yaml is not a list of dispositions: 0.hotkey: N is the console's own key (notes): pick a digit or another letter",
    );
    expect((await activeDispositions(store)).map((d) => d.code)).toEqual(['reached', 'sold']);
    await expect(retireDisposition(store, 'sold', 0).then(() => retireDisposition(store, 'reached', 0))).rejects.toThrow('At least one disposition must stay in use.');
    expect((await activeDispositions(store)).map((d) => d.code)).toEqual(['reached']);
  });

  it('lists the reasons of Disqualified and Not interested, replaces them, and refuses an unknown disposition', async () => {
    const { store } = await seeded();
    const lists = await listReasons(store);
    expect(lists.map((l) => l.code)).toEqual(['not-interested', 'disqualified']);
    const saved = await saveReasons(store, 'disqualified', ['No budget', ' Student ']);
    expect(saved.find((l) => l.code === 'disqualified')).toEqual({ code: 'disqualified', label: 'Disqualified', reasons: ['No budget', 'Student'] });
    await expect(saveReasons(store, 'nope', ['x'])).rejects.toThrow('There is no disposition "nope" in use.');
    expect((await listReasons(store)).find((l) => l.code === 'disqualified')?.reasons).toEqual(['No budget', 'Student']);
  });

  it('keeps every version of a script, and a bad file leaves the active script as it was', async () => {
    const { store, clock } = await seeded();
    const codes = (await activeDispositions(store)).map((d) => d.code);
    await importScript(store, PERMISSION_PLAYBOOK.replace('name: Permission-based', 'name: Permission v2'), 'p.yaml', codes, clock.now());
    expect(await activeScript(store)).toMatchObject({ id: 'permission', version: 2 });
    await expect(importScript(store, PERMISSION_PLAYBOOK.replace('type: yes-no', 'type: yes-or-no'), 'broken.yaml', codes, 0)).rejects.toThrow(
      /broken.yaml is not a valid script: steps.0.type \(line \d+: Invalid option/,
    );
    expect(await activeScript(store)).toMatchObject({ id: 'permission', version: 2 });
    expect((await listScripts(store)).map((s) => `${s.id}@${s.version}${s.active ? '*' : ''}`)).toEqual(['bant@1', 'permission@2*', 'permission@1']);
    expect((await scriptDocument(store, 'permission')).content).toContain('name: Permission v2');
  });
});
