import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordDial } from '../../../main/calls/dials.ts';
import { saveCallList } from '../../../main/leads/call-lists.ts';
import { deleteLead } from '../../../main/leads/delete-lead.ts';
import { assignList } from '../../../main/leads/list-assignments.ts';
import { createAccount } from '../../../main/people/accounts.ts';
import { runAsCaller } from '../../../main/people/caller.ts';
import { accountRecordingShelf, eraseDeletedRecordings, folderRecordingShelf, recordingLibrary } from '../../../main/phone/recordings.ts';
import type { Store } from '../../../main/store/seam/store.ts';
import type { Person } from '../../../shared/people.ts';
import { DEFAULT_QUEUE_RULES } from '../../../shared/queue-rules.ts';
import { MINUTE_MS } from '../../../shared/time-units.ts';
import { seedLeads } from '../../helpers/seed-leads.ts';
import { count, csv, importCsv, manualClock, tempDir, testCore } from '../../helpers/test-core.ts';
import { syncHandlers } from '../../helpers/sync-handlers.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';
import { toneWav } from '../../sip/tone-wav.ts';

const RECORDED = toneWav(440, 0.3).toString('base64');

async function recordedCall() {
  const core = testCore();
  await importCsv(core, csv('Record ID,Name,Phone', '1,Ada Lovelace,+12125550100', '2,Bob Marley,+12125550101'));
  const api = syncHandlers(core);
  const ada = (core.db.prepare("SELECT id FROM leads WHERE first_name = 'Ada'").get() as { id: number }).id;
  const dial = await api['calls.dial']({ leadId: ada, number: '+12125550100' });
  const recording = await api['recordings.save']({ leadId: ada, dialId: dial.dialId, durationMs: 300, data: RECORDED });
  const folder = join(core.dataDir, 'recordings');
  return { core, api, ada, dial, recording, folder };
}

describe('call recordings', () => {
  it('keep the audio beside the store, linked to the dial and, once logged, to the call; it plays back as recorded', async () => {
    const { api, ada, dial, recording, folder } = await recordedCall();
    expect(recording).toMatchObject({ leadId: ada, dialId: dial.dialId, callId: null, durationMs: 300, type: 'audio/wav' });
    expect(readdirSync(folder)).toHaveLength(1);
    const { call } = await api['calls.disposition']({ leadId: ada, code: 'no-answer', notes: '', dialId: dial.dialId, number: '+12125550100' });
    expect(await api['recordings.ofLead']({ leadId: ada })).toMatchObject([{ id: recording.id, callId: call.id }]);
    expect(await api['recordings.audio']({ id: recording.id })).toEqual({ type: 'audio/wav', data: RECORDED });
  });

  it('are erased, file and row, when their lead is deleted', async () => {
    const { core, api, ada, recording, folder } = await recordedCall();
    expect(await api['leads.delete']({ leadId: ada })).toEqual({ deleted: true, name: 'Ada Lovelace' });
    expect(readdirSync(folder)).toEqual([]);
    expect(count(core, 'recordings')).toBe(0);
    await expect(api['recordings.audio']({ id: recording.id })).rejects.toThrow('That recording is no longer there: it was deleted with its lead.');
  });

  it('are erased by any path that deletes their rows (an undone import), and only after the commit', async () => {
    const { core, ada, folder } = await recordedCall();
    // A delete that rolls back keeps the file: the erase waits for the commit.
    await expect(
      core.store.transaction(async (tx) => {
        await deleteLead(tx, ada);
        throw new Error('the disk filled up');
      }),
    ).rejects.toThrow('the disk filled up');
    expect(eraseDeletedRecordings(core.db, core.dataDir)).toBe(0);
    expect(readdirSync(folder)).toHaveLength(1);
    // A cascade from some other erase path queues the file too; the next start (or erase) removes it.
    core.db.prepare('DELETE FROM dials WHERE lead_id = ?').run(ada);
    expect(eraseDeletedRecordings(core.db, core.dataDir)).toBe(1);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('refuse a recording that is not audio, or for a dial that is not that lead’s, and keep nothing', async () => {
    const { core, api, ada, dial, folder } = await recordedCall();
    await expect(api['recordings.save']({ leadId: ada, dialId: dial.dialId, durationMs: 1, data: Buffer.from('hello, not audio').toString('base64') })).rejects.toThrow('That file is not audio Nextcall can play');
    await expect(api['recordings.save']({ leadId: ada + 1, dialId: dial.dialId, durationMs: 1, data: RECORDED })).rejects.toThrow('This call’s dial is no longer on record');
    expect(readdirSync(folder)).toHaveLength(1);
    expect(count(core, 'recordings')).toBe(1);
  });

  it('say so when a restored store links a recording whose file was erased since', async () => {
    const { api, recording, folder } = await recordedCall();
    for (const file of readdirSync(folder)) rmSync(join(folder, file));
    await expect(api['recordings.audio']({ id: recording.id })).rejects.toThrow('This recording’s audio file is gone from the recordings folder');
  });
});

/** The call as the person makes it: on a team, the signed-in account (as the team server's door sets it); alone, nobody. */
function as<T>(person: Person | null, work: () => T): T {
  return person ? runAsCaller({ person, address: '127.0.0.1', token: null, startSession() {}, endSession() {} }, work) : work();
}

/**
 * Ada in New York, on "America", which only blake works; Charles in London, on no list. On a team
 * avery records Charles twice and blake Ada once; alone, the store's rep records all three.
 */
async function recordedAround(store: Store) {
  const clock = manualClock('2026-11-23T15:00:00Z');
  const [ada, charles] = await seedLeads(store, [
    { firstName: 'Ada', lastName: 'Lovelace', phones: ['+12125550100'] },
    { firstName: 'Charles', lastName: 'Babbage', phones: ['+442079460000'], timeZone: 'Europe/London', country: 'GB' },
  ]);
  const team = store.dialect.kind === 'postgres';
  const people: Record<'sam' | 'avery' | 'blake' | 'alex', Person | null> = { sam: null, avery: null, blake: null, alex: null };
  if (team) {
    for (const [name, role] of [['sam', 'team-lead'], ['avery', 'rep'], ['blake', 'rep'], ['alex', 'admin']] as const) {
      const account = await createAccount(store, clock.now(), { name, role, password: 'correct horse battery' });
      people[name] = { id: account.id, name, role };
    }
    await saveCallList(store, clock, { name: 'America', filter: { timeZones: ['America/New_York'] }, rules: null });
    await assignList(store, 'America', ['blake']);
  }
  const library = (who: Person | null) => recordingLibrary(store, who ? accountRecordingShelf(store, who.id) : folderRecordingShelf(store, tempDir(), () => 'Robin'), clock);
  const record = async (who: Person | null, leadId: number, number: string) => {
    const dial = await recordDial(store, leadId, number, clock.now(), DEFAULT_QUEUE_RULES, null, who?.id ?? null);
    clock.advance(MINUTE_MS);
    return as(who, () => library(who).save({ leadId, dialId: dial.dialId, durationMs: 300, data: RECORDED }));
  };
  const first = await record(people.avery, charles!, '+442079460000');
  const second = await record(people.blake, ada!, '+12125550100');
  const third = await record(people.avery, charles!, '+442079460000');
  const list = (who: Person | null, input: Parameters<ReturnType<typeof library>['list']>[0] = { limit: 50 }) => as(who, () => library(who).list(input));
  return { team, people, list, ids: [first.id, second.id, third.id], ada: ada!, charles: charles! };
}

describeEachStore('the list of recordings', ({ open }) => {
  it('lists every recording newest first with its lead’s name, who recorded it, when and how long, a page at a time', async () => {
    const { team, people, list, ids, ada, charles } = await recordedAround(await open());
    const [first, second, third] = ids;
    const by = (name: string) => (team ? name : 'Robin');
    const all = await list(people.sam);
    expect(all.recordings.map((r) => [r.id, r.leadId, r.leadName, r.recordedBy, r.durationMs])).toEqual([
      [third, charles, 'Charles Babbage', by('avery'), 300],
      [second, ada, 'Ada Lovelace', by('blake'), 300],
      [first, charles, 'Charles Babbage', by('avery'), 300],
    ]);
    expect(all.recordings[0]!.startedAt > all.recordings[1]!.startedAt).toBe(true);
    expect(all.next).toBeNull();

    // Two pages of two: the second starts after the first's last, and says there is no third.
    const page1 = await list(people.sam, { limit: 2 });
    expect(page1.recordings.map((r) => r.id)).toEqual([third, second]);
    expect(page1.next).toEqual({ startedAt: page1.recordings[1]!.startedAt, id: second });
    const page2 = await list(people.sam, { limit: 2, before: page1.next! });
    expect(page2).toMatchObject({ recordings: [{ id: first }], next: null });
  });

  it('pages through recordings started in the same millisecond each once, newest id first, none skipped', async () => {
    const store = await open();
    const { people, list, ids } = await recordedAround(store);
    const [first, second, third] = ids;
    // Two consoles' calls recorded at once: the time alone cannot say where a page ends.
    await store.run('UPDATE recordings SET started_at = ?', [Date.parse('2026-11-23T15:00:00Z')]);
    const seen: number[] = [];
    let page = await list(people.sam, { limit: 1 });
    for (let pages = 0; pages < 5; pages++) {
      seen.push(...page.recordings.map((r) => r.id));
      if (!page.next) break;
      page = await list(people.sam, { limit: 1, before: page.next });
    }
    expect(seen).toEqual([third, second, first]);
  });
});

// Alone there is one rep, the store's: only a team has reps' own recordings and reach.
describeEachStore(
  'the list of recordings, for a rep on a team',
  ({ open }) => {
    it('lists a rep only their own recordings, of leads they may still reach; an admin every one', async () => {
      const store = await open();
      const { people, list, ids } = await recordedAround(store);
      const [first, second, third] = ids;
      expect((await list(people.avery)).recordings.map((r) => r.id)).toEqual([third, first]);
      expect((await list(people.blake)).recordings.map((r) => r.id)).toEqual([second]);
      // Ada's list given to avery instead: blake no longer reaches Ada, and his recording of her leaves his list.
      await assignList(store, 'America', ['avery']);
      expect((await list(people.blake)).recordings).toEqual([]);
      expect((await list(people.avery)).recordings.map((r) => r.id)).toEqual([third, first]);
      expect((await list(people.sam)).recordings).toHaveLength(3);
      // An admin, like a team lead, lists every one.
      expect((await list(people.alex)).recordings.map((r) => r.id)).toEqual([third, second, first]);
    });
  },
  ['postgres'],
);
