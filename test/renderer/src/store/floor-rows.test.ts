import { describe, expect, it } from 'vitest';
import { selectFloorHeadlines, selectFloorRows } from '../../../../renderer/src/store/floor-rows.ts';
import type { FloorRep, FloorView } from '../../../../shared/floor.ts';

const AT = Date.parse('2026-11-23T15:00:00Z');
const none = { count: 0, medianMs: null, p90Ms: null };
const rep = (over: Partial<FloorRep>): FloorRep => ({
  rep: 'Ana',
  signedIn: null,
  state: 'idle',
  since: null,
  listName: null,
  today: { dials: 0, contacts: 0, conversations: 0, qualified: 0 },
  speedToLead: { toDial: none, toContact: none },
  ...over,
});
const floor = (reps: FloorRep[], over: Partial<FloorView> = {}): FloorView => ({
  at: new Date(AT).toISOString(),
  timeZone: 'America/New_York',
  from: '2026-11-23T05:00:00.000Z',
  reps,
  team: { today: { dials: 40, contacts: 10, conversations: 6, qualified: 2 }, speedToLead: { requests: 5, toDial: { count: 4, medianMs: 45_000, p90Ms: 12 * 60_000 }, toContact: { count: 2, medianMs: 20 * 60_000, p90Ms: 30 * 60_000 } } },
  coverage: { listName: 'Webinar', leads: 200, neverContacted: 150, neverContactedShare: 0.75 },
  handRaisers: { waiting: 3, oldestSince: new Date(AT - 25 * 60_000).toISOString() },
  callbacks: { dueToday: 4, dueNow: 1, missedToday: 2 },
  ...over,
});

describe('the floor as the wall screen writes it', () => {
  it('says each state in words with how long, a call to the second and ticking between two reads', () => {
    const view = floor([
      rep({ rep: 'Ana', state: 'on-call', since: new Date(AT - 75_000).toISOString(), signedIn: true }),
      rep({ rep: 'Ben', state: 'paused', since: new Date(AT - 12 * 60_000).toISOString(), signedIn: true }),
      rep({ rep: 'Cy', state: 'signed-out', signedIn: false }),
      rep({ rep: null, state: 'idle' }),
    ]);
    expect(selectFloorRows(view, AT).map((r) => [r.name, r.stateText, r.signedIn])).toEqual([
      ['Ana', 'On a call · 1:15', 'Signed in'],
      ['Ben', 'Paused · 12 min', 'Signed in'],
      ['Cy', 'Signed out', 'Signed out'],
      ['No name given', 'Not in session', null],
    ]);
    expect(selectFloorRows(view, AT + 10_000)[0]!.stateText).toBe('On a call · 1:25');
  });

  it("writes the team's figures: speed to lead in seconds under a minute, the oldest wait, coverage of the list", () => {
    const headlines = Object.fromEntries(selectFloorHeadlines(floor([])).map((h) => [h.label, `${h.value} | ${h.note ?? ''}`]));
    expect(headlines).toEqual({
      Dials: '40 | ',
      Contacts: '10 | 25% of dials',
      Conversations: '6 | ',
      'Qualified (SQL)': '2 | ',
      'Speed to lead': '45 s | median to first dial, p90 12 min; to contact 20 min; 5 requests today',
      'Hand-raisers waiting': '3 | oldest waiting 25 min',
      'Never contacted': '75% | 150 of 200 leads in Webinar',
      'Callbacks due': '4 | 1 due now · 2 missed today',
    });
  });
});
