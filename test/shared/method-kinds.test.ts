import { describe, expect, it } from 'vitest';
import { methodNames } from '../../shared/api.ts';
import { METHOD_KINDS, READ_METHODS } from '../../shared/method-kinds.ts';

describe('what each method does to the store', () => {
  it('names a kind for every method of the contract, and for nothing else', () => {
    expect(Object.keys(METHOD_KINDS).sort()).toEqual([...methodNames].sort());
  });

  it('holds the imports (a rep’s store uploaded into the team is one) as the long writes, and only them', () => {
    expect(methodNames.filter((method) => METHOD_KINDS[method] === 'long write').sort()).toEqual(['leads.import', 'leads.importActivities', 'leads.loadDemo', 'leads.uploadStore']);
  });

  it('answers finding a lead, its card and the queue’s views as reads during an import', () => {
    for (const method of ['leads.search', 'leads.get', 'leads.account', 'leads.edits', 'queue.preview', 'queue.whyNot', 'queue.callingWindows', 'callbacks.upcoming', 'calls.recent']) {
      expect(READ_METHODS, method).toContain(method);
    }
  });

  it('keeps whatever claims a lead, renews a claim or remembers a choice a write', () => {
    for (const method of ['queue.next', 'queue.heartbeat', 'queue.release', 'lists.work', 'calls.saveDraft', 'sessions.start', 'store.backup'] as const) {
      expect(METHOD_KINDS[method], method).toBe('write');
    }
  });
});
