import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../main/api/handlers.ts';
import { csv, importCsv, testCore } from '../../../helpers/test-core.ts';

async function consoleWithTwoLeads() {
  const core = testCore('2026-11-23T15:00:00Z');
  await importCsv(core, csv('Record ID,Name,Phone,Time Zone', '1,Ada Lovelace,+12125550100,America/New_York', '2,Alan Turing,+12125550101,America/New_York'));
  const api = createHandlers(core);
  const changes: unknown[] = [];
  core.events.subscribe((event, payload) => changes.push([event, payload]));
  return { api, changes };
}

describe('a call logged or undone tells every console, naming the console that did it', () => {
  it('names the console, so that console does not ask for the lead it was just given', async () => {
    const { api, changes } = await consoleWithTwoLeads();
    const offered = await api['queue.next']({ consoleId: 'console-a' });
    const { call } = await api['calls.disposition']({ leadId: offered.next!.card.lead.id, code: 'no-answer', notes: '', consoleId: 'console-a' });
    await api['calls.undo']({ callId: call.id, consoleId: 'console-a' });
    expect(changes).toEqual([
      ['store.changed', { reason: 'disposition', byConsole: 'console-a' }],
      ['store.changed', { reason: 'disposition', byConsole: 'console-a' }],
    ]);
  });

  it('names no console when no console made the call (the CLI): every console asks again', async () => {
    const { api, changes } = await consoleWithTwoLeads();
    const offered = await api['queue.next']({});
    await api['calls.disposition']({ leadId: offered.next!.card.lead.id, code: 'no-answer', notes: '' });
    expect(changes).toEqual([['store.changed', { reason: 'disposition' }]]);
  });
});
