import { afterEach, describe, expect, it } from 'vitest';
import { saveCallList } from '../../../main/leads/call-lists.ts';
import { assignList } from '../../../main/leads/list-assignments.ts';
import type { Store } from '../../../main/store/seam/store.ts';
import type { LeadSearchResult } from '../../../shared/lead-context.ts';
import type { CallingSession } from '../../../shared/sessions.ts';
import { seedEngines, signedInTeam, stopTeam } from '../../helpers/team-fixture.ts';
import type { TeamServerProcess } from '../../helpers/team-server-process.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

/**
 * What a rep can reach on the team server, through a real server process on PostgreSQL: the
 * leads their lists offer them and their own console's session; knowing another lead's or
 * another console's id opens nothing. A team lead reaches every lead and every console.
 */
const cluster = usePostgresCluster();
const running: TeamServerProcess[] = [];
afterEach(async () => {
  await stopTeam(running.splice(0));
});

const NOW = '2026-11-23T15:00:00Z';

/** Ada and Charles (seedEngines: Charles on "Europe", avery's); Ada on "America", which only blake works. */
async function team() {
  const url = await cluster().createDatabase();
  const seed = async (store: Store) => {
    await seedEngines(store, NOW);
    await saveCallList(store, { now: () => Date.parse(NOW) }, { name: 'America', filter: { timeZones: ['America/New_York'] }, rules: null });
    await assignList(store, 'America', ['blake']);
  };
  const { servers, call } = await signedInTeam(url, { people: [['sam', 'team-lead'], ['avery', 'rep'], ['blake', 'rep']], clock: NOW, seed });
  running.push(...servers);
  /** The lead a team lead finds first for the words. */
  const idOf = async (query: string) => (await call<LeadSearchResult>('sam', 'leads.search', { query, limit: 20 })).value.hits[0]!.lead.id;
  return { call, idOf };
}

const NOT_YOUR_LEAD = (id: number) => `Lead ${id} is not on a call list you work: ask your team lead to assign you its list.`;
const NOT_YOUR_CONSOLE =
  'This console’s calling session is another rep’s: you can pause, resume or end only your own session, and call only from it. Open Nextcall in a new tab for a console of your own, or ask your team lead to end that session.';

describe('what a rep reaches on the team server', () => {
  it('opens a lead and its account only on a list the rep works; a team lead opens any', async () => {
    const t = await team();
    const [ada, charles] = [await t.idOf('lovelace'), await t.idOf('babbage')];
    for (const method of ['leads.get', 'leads.account']) {
      // Charles is avery's: blake, who knows his id, is refused with a sentence.
      expect(await t.call('blake', method, { leadId: charles }), method).toMatchObject({ status: 403, ok: false, error: { code: 'forbidden', message: NOT_YOUR_LEAD(charles) } });
      expect(await t.call('avery', method, { leadId: ada }), method).toMatchObject({ status: 403, ok: false, error: { code: 'forbidden', message: NOT_YOUR_LEAD(ada) } });
      expect(await t.call('blake', method, { leadId: ada }), method).toMatchObject({ ok: true });
      expect(await t.call('avery', method, { leadId: charles }), method).toMatchObject({ ok: true });
      for (const lead of [ada, charles]) expect(await t.call('sam', method, { leadId: lead }), method).toMatchObject({ ok: true });
      // A lead that is not there is said so, to a rep too.
      expect(await t.call('blake', method, { leadId: 999_999 }), method).toMatchObject({ status: 404, error: { message: 'No lead with id 999999.' } });
    }
    expect(await t.call('blake', 'leads.get', { leadId: ada })).toMatchObject({ value: { lead: { firstName: 'Ada' } } });
  });

  it('lets a rep pause, resume and end only their own console’s session; a team lead may end anyone’s', async () => {
    const t = await team();
    const averys = 'console-avery-1';
    expect(await t.call<CallingSession>('avery', 'sessions.start', { consoleId: averys })).toMatchObject({ ok: true, value: { rep: 'avery' } });
    for (const method of ['sessions.pause', 'sessions.resume', 'sessions.end', 'sessions.pauseDialing', 'sessions.resumeDialing', 'sessions.current']) {
      expect(await t.call('blake', method, { consoleId: averys }), method).toMatchObject({ status: 403, ok: false, error: { code: 'forbidden', message: NOT_YOUR_CONSOLE } });
    }
    // Nothing blake asked changed avery's session.
    expect(await t.call<CallingSession>('avery', 'sessions.current', { consoleId: averys })).toMatchObject({ ok: true, value: { rep: 'avery', pausedAt: null, endedAt: null } });
    // Avery's own: paused and resumed.
    expect(await t.call<CallingSession>('avery', 'sessions.pause', { consoleId: averys })).toMatchObject({ ok: true, value: { pausedAt: expect.any(String) } });
    expect(await t.call<CallingSession>('avery', 'sessions.resume', { consoleId: averys })).toMatchObject({ ok: true, value: { pausedAt: null } });
    // Blake's own console works as ever.
    expect(await t.call<CallingSession>('blake', 'sessions.start', { consoleId: 'console-blake-1' })).toMatchObject({ ok: true, value: { rep: 'blake' } });
    expect(await t.call<CallingSession>('blake', 'sessions.pause', { consoleId: 'console-blake-1' })).toMatchObject({ ok: true });
    // The team lead closes a session avery left open, and the console is free again.
    expect(await t.call<CallingSession>('sam', 'sessions.pause', { consoleId: averys })).toMatchObject({ ok: true, value: { rep: 'avery', pausedAt: expect.any(String) } });
    expect(await t.call<CallingSession>('sam', 'sessions.end', { consoleId: averys })).toMatchObject({ ok: true, value: { rep: 'avery', endedAt: expect.any(String) } });
    expect(await t.call('avery', 'sessions.current', { consoleId: averys })).toMatchObject({ ok: true, value: null });
  });
});
