import { afterEach, describe, expect, it } from 'vitest';
import { saveCallList } from '../../../main/leads/call-lists.ts';
import { assignList } from '../../../main/leads/list-assignments.ts';
import type { Store } from '../../../main/store/seam/store.ts';
import type { LeadSearchResult } from '../../../shared/lead-context.ts';
import { seedCsv } from '../../helpers/seed-leads.ts';
import { startTeam, stopTeam, TEAM_PASSWORD } from '../../helpers/team-fixture.ts';
import { cookieOf, teamRequest, type TeamServerProcess } from '../../helpers/team-server-process.ts';
import { csv } from '../../helpers/test-core.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

/**
 * Find lead and a lead's corrections on the team server, through real server processes on one
 * PostgreSQL database: a rep finds and corrects only what their lists offer them, a team lead
 * anything; exporting and deleting leads are a team lead's.
 */
const cluster = usePostgresCluster();
const running: TeamServerProcess[] = [];
afterEach(async () => {
  await stopTeam(running.splice(0));
});

const NOW = '2026-11-23T15:00:00Z';

/** Ada (New York) on no list; Charles (London) on "Europe", which only avery works. */
async function seed(store: Store) {
  await seedCsv(
    store,
    csv(
      'Record ID,First Name,Last Name,Company Name,Email,Phone Number,Country',
      '1,Ada,Lovelace,Analytical Engines,ada@engines.io,+12125550100,US',
      '2,Charles,Babbage,Analytical Engines,charles@engines.io,+44 20 7946 0000,GB',
    ),
    { now: Date.parse(NOW) },
  );
  const clock = { now: () => Date.parse(NOW) };
  await saveCallList(store, clock, { name: 'Europe', filter: { timeZones: ['Europe/London'] }, rules: null });
  await assignList(store, 'Europe', ['avery']);
}

interface Envelope<Value> {
  ok: boolean;
  value: Value;
  error: { code: string; message: string };
}

async function team(processes = 1) {
  const url = await cluster().createDatabase();
  const servers = await startTeam(url, { people: [['sam', 'team-lead'], ['avery', 'rep'], ['blake', 'rep']], processes, clock: NOW, seed });
  running.push(...servers);
  const cookies: Record<string, string> = {};
  for (const name of ['sam', 'avery', 'blake']) cookies[name] = cookieOf(await teamRequest(servers[0]!.origin, '/api/people.signIn', { input: { name, password: TEAM_PASSWORD } }));
  /** One call as `who`, on server `on` (0 unless told). */
  const call = async <Value>(who: string, method: string, input: unknown, on = 0) => {
    const answer = await teamRequest(servers[on]!.origin, `/api/${method}`, { input, cookie: cookies[who]! });
    return { status: answer.status, ...(JSON.parse(answer.body) as Envelope<Value>) };
  };
  const found = async (who: string, query: string) => (await call<LeadSearchResult>(who, 'leads.search', { query, limit: 20 })).value.hits.map((h) => h.lead.firstName).sort();
  return { url, servers, call, found };
}

describe('leads on the team server', () => {
  it('finds for a rep only the leads their lists offer them, for a team lead every lead, by words or number', async () => {
    const t = await team();
    expect(await t.found('sam', 'analytical')).toEqual(['Ada', 'Charles']);
    expect(await t.found('avery', 'analytical')).toEqual(['Ada', 'Charles']);
    expect(await t.found('blake', 'analytical')).toEqual(['Ada']);
    expect(await t.found('blake', 'babbage')).toEqual([]);
    expect(await t.found('blake', '+44 20 7946 0000')).toEqual([]);
    expect(await t.found('sam', '+44 20 7946 0000')).toEqual(['Charles']);
    // What the Find lead dialog opens a hit with.
    const ada = (await t.call<LeadSearchResult>('blake', 'leads.search', { query: 'lovelace', limit: 20 })).value.hits[0]!.lead.id;
    for (const method of ['leads.get', 'leads.account']) expect(await t.call('blake', method, { leadId: ada }), method).toMatchObject({ ok: true });
    // Signed out, nothing.
    const unsigned = await teamRequest(t.servers[0]!.origin, '/api/leads.search', { input: { query: 'ada', limit: 20 } });
    expect(unsigned.status).toBe(401);
  });
});
