import { describe, expect, it } from 'vitest';
import { logDisposition } from '../../../main/calls/log-disposition.ts';
import { countDue, pickNext, queueSnapshot } from '../../../main/queue/next-lead.ts';
import { DEFAULT_DISPOSITIONS } from '../../../shared/dispositions.ts';
import { csv, importCsv, testCore } from '../../helpers/test-core.ts';

const HEADER = 'Record ID,Name,Phone,Lifecycle Stage,HubSpot Score,Create Date,Recent Conversion,Do Not Call';
const HOUR = 3_600_000;

async function store(...rows: string[]) {
  const core = testCore('2026-11-23T15:00:00Z');
  await importCsv(core, csv(HEADER, ...rows));
  return core;
}

function crmIdOf(core: ReturnType<typeof testCore>, leadId: number | undefined): string | undefined {
  if (leadId === undefined) return undefined;
  return (core.db.prepare('SELECT crm_id FROM leads WHERE id = ?').get(leadId) as { crm_id: string }).crm_id;
}

const next = (core: ReturnType<typeof testCore>) => crmIdOf(core, pickNext(core.db, core.clock.now())?.leadId);

const dispose = (core: ReturnType<typeof testCore>, code: string) => {
  const pick = pickNext(core.db, core.clock.now());
  if (!pick) throw new Error('nothing to dispose');
  return logDisposition(core.db, core.clock, DEFAULT_DISPOSITIONS, { leadId: pick.leadId, code, notes: '' });
};

describe('the next lead', () => {
  it('is a hand-raiser first, the one who came in first, whatever the others’ stage', async () => {
    const core = await store(
      'mql,Mia,+12125550100,marketingqualifiedlead,99,2026-11-01,,',
      'late,Liam,+12125550101,subscriber,10,2026-11-20,Contact sales,',
      'early,Emma,+12125550102,other,5,2026-11-10,Request a demo,',
    );
    expect(next(core)).toBe('early');
    expect(pickNext(core.db, core.clock.now())?.reasons[0]).toBe('Asked for a call, not called yet');
  });

  it('then never-called leads closest to sales: MQL before IQL before cold, higher score first', async () => {
    const core = await store(
      'cold,C,+12125550100,other,90,2026-11-01,,',
      'iql,I,+12125550101,lead,50,2026-11-01,,',
      'mql-low,M1,+12125550102,marketingqualifiedlead,10,2026-11-01,,',
      'mql-high,M2,+12125550103,marketingqualifiedlead,80,2026-11-01,,',
    );
    const order: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      order.push(next(core));
      dispose(core, 'no-answer');
    }
    expect(order).toEqual(['mql-high', 'mql-low', 'iql', 'cold']);
  });

  it('never offers a do-not-call lead, a closed stage, or a lead whose every number is bad', async () => {
    const core = await store(
      'dnc,D,+12125550100,lead,99,2026-11-01,,true',
      'sql,S,+12125550101,salesqualifiedlead,99,2026-11-01,,',
      'bad,B,555-01,lead,99,2026-11-01,,',
      'ok,O,+12125550103,lead,1,2026-11-01,,',
    );
    expect(next(core)).toBe('ok');
    expect(countDue(core.db, core.clock.now())).toBe(1);
  });

  it('offers a lead again only when its retry wait has passed (no answer: 4 hours)', async () => {
    const core = await store('a,Ada,+12125550100,lead,50,2026-11-01,,');
    dispose(core, 'no-answer');
    expect(next(core)).toBeUndefined();
    core.clock.advance(4 * HOUR - 1);
    expect(next(core)).toBeUndefined();
    core.clock.advance(1);
    expect(next(core)).toBe('a');
    expect(pickNext(core.db, core.clock.now())?.reasons).toEqual(['Retry due: attempt 2', 'Last: No answer 4 h ago']);
  });

  it('puts a due retry before a never-called lead, so no lead waits forever behind fresh ones', async () => {
    const core = await store('first,F,+12125550100,marketingqualifiedlead,90,2026-11-01,,', 'fresh,N,+12125550101,lead,10,2026-11-01,,');
    dispose(core, 'busy');
    core.clock.advance(HOUR);
    expect(next(core)).toBe('first');
  });

  it('moves on to the next good number after a bad one, and stops when none is left', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone,Mobile Phone Number', 'two,Ada,+12125550100,+12125550150'));
    dispose(core, 'bad-number');
    expect(next(core)).toBe('two');
    expect(dispose(core, 'bad-number').phoneE164).toBe('+12125550150');
    expect(next(core)).toBeUndefined();
  });

  it('is null on an empty store, and the snapshot says how many are due', async () => {
    const core = testCore();
    expect(queueSnapshot(core.db, core.clock.now())).toEqual({ now: '2026-11-23T15:00:00.000Z', next: null, due: 0, total: 0 });
  });
});
