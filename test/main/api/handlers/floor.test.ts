import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../main/api/dispatch.ts';
import { createHandlers } from '../../../../main/api/handlers.ts';
import type { FloorView } from '../../../../shared/floor.ts';
import { csv, importCsv, testCore } from '../../../helpers/test-core.ts';

async function soloConsole() {
  const core = testCore('2026-11-23T15:00:00Z');
  await importCsv(core, csv('Record ID,Name,Phone,Time Zone', '1,Ada Lovelace,+12125550100,America/New_York', '2,Alan Turing,+12125550101,America/New_York'));
  const api = createHandlers(core);
  const events: unknown[] = [];
  core.events.subscribe((event, payload) => events.push([event, payload]));
  api['prefs.set']({ repName: 'Jordan' });
  return { core, api, events };
}

describe('floor.view on a rep’s own store', () => {
  it('shows the one rep through a session and a call, each change announced to the floor', async () => {
    const { core, api, events } = await soloConsole();
    const floor = () => api['floor.view']({ timeZone: 'America/New_York' }) as Promise<FloorView>;
    expect((await floor()).reps).toMatchObject([{ rep: 'Jordan', signedIn: null, state: 'idle' }]);

    await api['sessions.start']({ consoleId: 'console-a' });
    const offered = await api['queue.next']({ consoleId: 'console-a' });
    const leadId = offered.next!.card.lead.id;
    const { dialId } = await api['calls.dial']({ leadId, number: offered.next!.number, consoleId: 'console-a' });
    expect((await floor()).reps[0]).toMatchObject({ state: 'on-call', since: '2026-11-23T15:00:00.000Z' });

    core.clock.advance(60_000);
    await api['calls.disposition']({ leadId, code: 'qualified', notes: '', consoleId: 'console-a', dialId });
    const after = await floor();
    expect(after.reps[0]).toMatchObject({ state: 'in-session', today: { dials: 1, contacts: 1, conversations: 1, qualified: 1 } });
    expect(after.coverage).toEqual({ listName: null, leads: 2, neverContacted: 1, neverContactedShare: 0.5 });

    await api['sessions.pause']({ consoleId: 'console-a' });
    expect((await floor()).reps[0]).toMatchObject({ state: 'paused' });
    expect(events).toEqual([
      ['floor.changed', { reason: 'session' }],
      ['floor.changed', { reason: 'dial' }],
      ['store.changed', { reason: 'disposition', byConsole: 'console-a' }],
      ['floor.changed', { reason: 'session' }],
    ]);
  });

  it('refuses a zone it does not know and a list that does not exist, in a sentence', async () => {
    const { core } = await soloConsole();
    const dispatch = createDispatcher(createHandlers(core));
    expect(await dispatch('floor.view', { timeZone: 'Mars/Olympus' })).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('"Mars/Olympus" is not a time zone') } });
    expect(await dispatch('floor.view', { timeZone: 'UTC', listName: 'Nope' })).toMatchObject({ ok: false, error: { code: 'not-found', message: 'There is no call list named "Nope".' } });
  });
});
