import { afterEach, describe, expect, it } from 'vitest';
import type { LeadEdit, LeadSearchResult } from '../../../shared/lead-context.ts';
import type { LeadExportResult } from '../../../shared/lead-export.ts';
import type { LeadCard } from '../../../shared/leads.ts';
import { seedEngines } from '../../helpers/seed-leads.ts';
import { signedInTeam, stopTeam } from '../../helpers/team-fixture.ts';
import { eventStream, teamRequest, within, type TeamServerProcess } from '../../helpers/team-server-process.ts';
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

async function team(processes = 1) {
  const url = await cluster().createDatabase();
  const { servers, cookies, call } = await signedInTeam(url, { people: [['sam', 'team-lead'], ['avery', 'rep'], ['blake', 'rep']], processes, clock: NOW, seed: (store) => seedEngines(store, NOW) });
  running.push(...servers);
  const hits = async (who: string, query: string) => (await call<LeadSearchResult>(who, 'leads.search', { query, limit: 20 })).value.hits;
  const found = async (who: string, query: string) => (await hits(who, query)).map((h) => h.lead.firstName).sort();
  /** The lead a team lead finds first for the words. */
  const idOf = async (query: string) => (await hits('sam', query))[0]!.lead.id;
  return { url, servers, cookies, call, found, idOf };
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

  it('saves a rep’s correction under their account, seen and announced on the other server process; refuses a lead their lists do not offer them', async () => {
    const t = await team(2);
    const [ada, charles] = [await t.idOf('lovelace'), await t.idOf('babbage')];
    const heard = eventStream(t.servers[1]!.origin, t.cookies.sam!, 'store.changed');
    await within(5000, 'the event stream', heard.connected);
    try {
      const saved = await t.call<LeadCard>('blake', 'leads.edit', { leadId: ada, lastName: 'King', title: 'Countess' }, 0);
      expect(saved).toMatchObject({ ok: true, value: { lead: { lastName: 'King', title: 'Countess' } } });
      expect(await within(1000, 'store.changed on the other process', heard.received)).toEqual({ reason: 'edit' });
    } finally {
      heard.close();
    }
    // The other process reads the correction, and who made it.
    expect(await t.call<LeadCard>('sam', 'leads.get', { leadId: ada }, 1)).toMatchObject({ value: { lead: { lastName: 'King', title: 'Countess' } } });
    expect((await t.call<LeadEdit[]>('avery', 'leads.edits', { leadId: ada }, 1)).value).toEqual([
      {
        // The servers' clock starts at NOW and runs on.
        at: expect.stringMatching(/^2026-11-23T15:0/),
        rep: 'blake',
        changes: [
          { field: 'last name', before: 'Lovelace', after: 'King' },
          { field: 'title', before: null, after: 'Countess' },
        ],
      },
    ]);
    expect(await t.found('blake', 'ada king')).toEqual(['Ada']);

    // Charles is on avery's list only: blake may neither correct him nor read his history.
    const refused = await t.call('blake', 'leads.edit', { leadId: charles, title: 'Professor' }, 1);
    expect(refused).toMatchObject({ status: 403, ok: false, error: { code: 'forbidden', message: `Lead ${charles} is not on a call list you work: ask your team lead to assign you its list.` } });
    expect(await t.call('blake', 'leads.edits', { leadId: charles })).toMatchObject({ status: 403, ok: false });
    expect(await t.call<LeadCard>('avery', 'leads.edit', { leadId: charles, title: 'Professor' })).toMatchObject({ ok: true, value: { lead: { title: 'Professor' } } });
    expect((await t.call<LeadEdit[]>('sam', 'leads.edits', { leadId: charles })).value.map((e) => e.rep)).toEqual(['avery']);
    // Bad input: a sentence, nothing saved.
    expect(await t.call('blake', 'leads.edit', { leadId: ada, email: 'nope' })).toMatchObject({ status: 400, error: { message: '"nope" is not an email address.' } });
    expect((await t.call<LeadEdit[]>('sam', 'leads.edits', { leadId: ada })).value).toHaveLength(1);
  });

  it('exports and deletes leads for a team lead only: a rep is refused with a sentence, and nothing changes', async () => {
    const t = await team(2);
    const [ada, charles] = [await t.idOf('lovelace'), await t.idOf('babbage')];
    for (const [method, input] of [
      ['leads.export', { format: 'csv' }],
      ['leads.delete', { leadId: ada }],
    ] as const) {
      expect(await t.call('avery', method, input), method).toMatchObject({
        status: 403,
        ok: false,
        error: { code: 'forbidden', message: `Only a team lead or above may do this (${method}); you are signed in as a rep.` },
      });
    }
    expect(await t.found('sam', 'analytical')).toEqual(['Ada', 'Charles']);

    const exported = await t.call<LeadExportResult>('sam', 'leads.export', { format: 'csv', listName: 'Europe' }, 1);
    expect(exported).toMatchObject({ ok: true, value: { kind: 'file', leads: 1, file: { fileName: 'nextcall-leads-Europe.csv', mimeType: 'text/csv' } } });
    const lines = (exported.value as Extract<LeadExportResult, { kind: 'file' }>).file.content.trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Babbage');

    expect(await t.call('sam', 'leads.delete', { leadId: charles }, 0)).toMatchObject({ ok: true, value: { deleted: true, name: 'Charles Babbage' } });
    // The other process no longer has him; a second delete says so.
    expect(await t.found('sam', 'analytical')).toEqual(['Ada']);
    expect(await t.call('sam', 'leads.get', { leadId: charles }, 1)).toMatchObject({ status: 404, ok: false });
    expect(await t.call('sam', 'leads.delete', { leadId: charles }, 1)).toMatchObject({ ok: false, error: { message: `There is no lead ${charles}: it was deleted already.` } });
  });
});
