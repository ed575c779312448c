import type { LeadCard, NextUp, QueueSnapshot } from '../../shared/leads.ts';

/** A lead's card as main sends it, for a store test: a New York lead with two numbers. */
export function card(id: number, firstName: string): LeadCard {
  return {
    lead: {
      ...{ id, crmId: null, firstName, lastName: 'Test', email: null, company: null, title: null, owner: null, stage: 'IQL', source: null },
      ...{ timeZone: null, requestedCall: false, doNotCall: false, score: 0, attempts: 0, lastAttemptAt: null, lastDisposition: null, createdAt: '2026-11-01T00:00:00.000Z' },
    },
    phones: [
      { id: id * 10, raw: '+12125550100', e164: '+12125550100', type: 'work', bad: false },
      { id: id * 10 + 1, raw: '+12125550199', e164: '+12125550199', type: 'mobile', bad: false },
    ],
    activities: [],
    calls: [],
    stageHistory: [],
    draft: '',
  };
}

/** A queue snapshot offering `c` (or nothing). */
export const snapshot = (c: LeadCard | null, extra: Partial<QueueSnapshot> = {}, next: Partial<NextUp> = {}): QueueSnapshot => ({
  now: '2026-11-23T15:00:00.000Z',
  next: c && { card: c, reasons: ['Never called'], tier: 'never-called', number: '+12125550100', ...next },
  due: 2,
  dueCapped: 250,
  total: 2,
  ...extra,
});
