import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { summarize } from '../../../main/sessions/summary.ts';
import { mergeSummaries } from '../../../main/sessions/team-summary.ts';
import type { CallingSession } from '../../../shared/sessions.ts';
import { testCore } from '../../helpers/test-core.ts';

async function console_() {
  const core = testCore('2026-11-23T15:00:00Z');
  const dispatch = createDispatcher(createHandlers(core));
  return { core, dispatch };
}

describe('a session is a named rep’s', () => {
  it('does not start without the rep’s name, says why, and starts once it is given', async () => {
    const { dispatch } = await console_();
    expect(await dispatch('sessions.start', { consoleId: 'console-one' })).toMatchObject({
      ok: false,
      error: { message: 'Give your name before starting a session: it goes on the calls you log and in the team summary.' },
    });
    await dispatch('prefs.set', { repName: '   ' });
    expect(await dispatch('sessions.start', { consoleId: 'console-one' })).toMatchObject({ ok: false });
    expect(await dispatch('sessions.current', { consoleId: 'console-one' })).toEqual({ ok: true, value: null });
    await dispatch('prefs.set', { repName: 'Jordan' });
    expect(await dispatch('sessions.start', { consoleId: 'console-one' })).toMatchObject({ ok: true, value: { rep: 'Jordan' } });
  });
});

describe('a team summary never shows a file name as a rep', () => {
  it('names a summary without a rep "Unnamed rep", whatever its file is called', async () => {
    const { core, dispatch } = await console_();
    await dispatch('prefs.set', { repName: 'Jordan' });
    const { value: session } = (await dispatch('sessions.start', { consoleId: 'console-one' })) as { value: CallingSession };
    const jordan = await summarize(core.store, { sessionId: session.id, timeZone: 'UTC' }, core.clock.now());
    // A summary of everyone's calls over a range has no rep, nor do files from before sessions were named.
    const nobody = { ...jordan, scope: { ...jordan.scope, rep: null } };
    expect(mergeSummaries([{ source: 'nextcall-session-12.json', summary: nobody }, { source: 'jordan.json', summary: jordan }]).reps.map((r) => r.rep)).toEqual(['Unnamed rep', 'Jordan']);
    expect(
      mergeSummaries([
        { source: 'a.json', summary: nobody },
        { source: 'b.json', summary: nobody },
      ]).reps.map((r) => r.rep),
    ).toEqual(['Unnamed rep 1', 'Unnamed rep 2']);
  });
});
