import { expect, it } from 'vitest';
import { upsertLead } from '../../../main/leads/lead-upsert.ts';
import { NO_PHONE, type ImportedLead } from '../../../main/leads/lead-row.ts';
import type { Queryable } from '../../../main/store/seam/store.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

const NOW = Date.parse('2026-12-05T15:00:00Z');

/** A lead as an inbound form would hand it over: a New York number unless told otherwise. */
function inbound(fields: Partial<ImportedLead> = {}): ImportedLead {
  return {
    crmId: null,
    firstName: 'Mia',
    lastName: 'Okafor',
    email: 'mia@orbit.example',
    company: null,
    title: null,
    owner: null,
    stage: 'IQL',
    source: 'inbound',
    timeZone: 'America/New_York',
    region: 'NY',
    country: 'US',
    requestedCall: false,
    doNotCall: false,
    score: 0,
    createdAt: NOW,
    phones: [{ raw: '+1 212 555 0100', e164: '+12125550100', type: 'work', bad: false }],
    activities: [],
    invalidEmail: null,
    ...fields,
  };
}

const leadsIn = (q: Queryable) =>
  q.all<{ id: number; first_name: string; email: string | null; requested_call: number; do_not_call: number; hand_raised_at: number | null; callable: number }>(
    'SELECT id, first_name, email, requested_call, do_not_call, hand_raised_at, callable FROM leads ORDER BY id',
  );
const numbersOf = async (q: Queryable, leadId: number) => (await q.all<{ e164: string }>('SELECT e164 FROM phones WHERE lead_id = ? ORDER BY position', [leadId])).map((p) => p.e164);

describeEachStore('a single lead created or merged with the importer rules', (stores) => {
  it('creates a lead the store does not have, callable, with its number and zone', async () => {
    const q = await stores.open();
    const result = await q.transaction((tx) => upsertLead(tx, inbound()));
    expect(result.outcome).toBe('created');
    expect(await leadsIn(q)).toMatchObject([{ id: result.leadId, first_name: 'Mia', email: 'mia@orbit.example', callable: 1 }]);
    expect(await numbersOf(q, result.leadId!)).toEqual(['+12125550100']);
    expect(await q.all('SELECT time_zone FROM queue_zones')).toEqual([{ time_zone: 'America/New_York' }]);
  });

  it('completes the lead an email names: blanks filled, a new number added, nothing overwritten', async () => {
    const q = await stores.open();
    const first = await upsertLead(q, inbound({ company: 'Orbit' }));
    const second = await upsertLead(q, inbound({ lastName: 'Changed', company: 'Other', title: 'CTO', phones: [{ raw: '+1 212 555 0199', e164: '+12125550199', type: 'mobile', bad: false }] }));
    expect(second).toEqual({ leadId: first.leadId, outcome: 'updated' });
    expect(await q.one('SELECT last_name, company, title FROM leads')).toEqual({ last_name: 'Okafor', company: 'Orbit', title: 'CTO' });
    expect(await numbersOf(q, first.leadId!)).toEqual(['+12125550100', '+12125550199']);
  });

  it('does not merge two people who share a placeholder email', async () => {
    const q = await stores.open();
    await upsertLead(q, inbound({ email: 'info@orbit.example' }));
    const other = await upsertLead(q, inbound({ firstName: 'Hugo', email: 'info@orbit.example', phones: [{ raw: '+1 617 555 0101', e164: '+16175550101', type: 'work', bad: false }] }));
    expect(other.outcome).toBe('created');
    expect((await leadsIn(q)).map((l) => l.first_name)).toEqual(['Mia', 'Hugo']);
  });

  it('makes a lead called since its last request a hand-raiser again only for a newer request', async () => {
    const q = await stores.open();
    const { leadId } = await upsertLead(q, inbound());
    await q.run('UPDATE leads SET last_attempt_at = ? WHERE id = ?', [NOW + 60_000, leadId]);
    const request = (at: number) => inbound({ requestedCall: true, activities: [{ type: 'call-request', title: 'Asked for a call', url: null, occurredAt: at, details: null }] });
    await upsertLead(q, request(NOW + 30_000));
    expect((await leadsIn(q))[0]).toMatchObject({ requested_call: 1, hand_raised_at: null });
    await upsertLead(q, request(NOW + 120_000));
    expect((await leadsIn(q))[0]).toMatchObject({ requested_call: 1, hand_raised_at: NOW + 120_000 });
  });

  it('raises do-not-call and takes the lead out of the queue; a later row never lowers it', async () => {
    const q = await stores.open();
    await upsertLead(q, inbound());
    await upsertLead(q, inbound({ doNotCall: true }));
    await upsertLead(q, inbound({ doNotCall: false }));
    expect((await leadsIn(q))[0]).toMatchObject({ do_not_call: 1, callable: 0 });
  });

  it('creates nothing from a lead with no number the store does not know', async () => {
    const q = await stores.open();
    expect(await upsertLead(q, inbound({ phones: [] }))).toEqual({ leadId: null, outcome: NO_PHONE });
    expect(await leadsIn(q)).toEqual([]);
  });
});

describeEachStore('a single lead on the team store, from two server processes', (stores) => {
  it('makes one lead of two requests naming the same new person at once', async () => {
    const q = await stores.open();
    const other = await stores.connect();
    // Both transactions have begun and read the store before either writes: the race a webhook sent twice runs.
    let arrived = 0;
    let bothIn!: () => void;
    const barrier = new Promise<void>((resolve) => (bothIn = resolve));
    const results = await Promise.all(
      [q, other].map((s) =>
        s.transaction(async (tx) => {
          await tx.one('SELECT count(*) AS n FROM leads');
          if (++arrived === 2) bothIn();
          await barrier;
          return upsertLead(tx, inbound());
        }),
      ),
    );
    expect(results.map((r) => r.outcome).sort()).toEqual(['created', 'updated']);
    expect(await leadsIn(q)).toHaveLength(1);
  });
}, ['postgres']);
