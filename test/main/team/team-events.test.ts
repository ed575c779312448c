import { expect, it } from 'vitest';
import { teamEvents } from '../../../main/team/team-events.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

describeEachStore('a team’s events', ({ open }) => {
  it('keeps news for one sign-in session on this process, for that session alone, whatever the event', async () => {
    const team = await teamEvents(await open(), () => {});
    const heard: string[] = [];
    team.events.subscribe((event, _payload, toSession) => heard.push(`${event} to ${toSession ?? 'everyone'}`));
    try {
      team.events.emit('upload.progress', { leadsDone: 1, leadsTotal: 2, dryRun: false }, 'session-a');
      team.events.emit('store.changed', { reason: 'import' }, 'session-a');
      team.events.emit('store.changed', { reason: 'lists' });
      await expect.poll(() => heard.length, { timeout: 2_000 }).toBe(3);
      expect(heard.sort()).toEqual(['store.changed to everyone', 'store.changed to session-a', 'upload.progress to session-a']);
    } finally {
      await team.stop();
    }
  });
});
