import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deleteLead } from '../../../main/leads/delete-lead.ts';
import { eraseDeletedRecordings } from '../../../main/phone/recordings.ts';
import { count, csv, importCsv, testCore } from '../../helpers/test-core.ts';
import { syncHandlers } from '../../helpers/sync-handlers.ts';
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
