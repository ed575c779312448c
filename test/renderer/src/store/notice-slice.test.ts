import { describe, expect, it } from 'vitest';
import { fakeClient } from '../../../helpers/fake-api-client.ts';
import { createAppStore } from '../../../../renderer/src/store/app-store.ts';
import { ApiError } from '../../../../shared/api-error.ts';
import type { LeadSearchResult } from '../../../../shared/lead-context.ts';

const drafts = { read: () => '', write: () => undefined, clear: () => undefined };
const BUSY = 'The lead store is busy: another Nextcall is writing to it. Nothing was saved; try again in a moment.';

describe('a call to main that fails', () => {
  it('puts main’s sentence on screen as an error and leaves what the store held', async () => {
    const store = createAppStore({
      client: fakeClient({
        'scripts.active': () => {
          throw new ApiError('store-busy', BUSY);
        },
      }),
      drafts,
      consoleId: 'c1',
    });
    await store.getState().loadScript();
    expect(store.getState().notice).toMatchObject({ kind: 'error', text: BUSY });
    expect(store.getState().script).toBeNull();
  });

  it('answers undefined to the action that asked, which goes on from there', async () => {
    const store = createAppStore({ client: fakeClient({}), drafts, consoleId: 'c1' });
    expect(await store.getState().saveReasonList('busy', ['Lunch'])).toBe(false);
    expect(store.getState().notice).toMatchObject({ kind: 'error', text: 'unexpected call reasons.save' });
  });

  it('says nothing of a search the rep has already typed past', async () => {
    let fail!: (error: Error) => void;
    const newer: LeadSearchResult = { query: 'ada', leads: [], total: 0 } as unknown as LeadSearchResult;
    const store = createAppStore({
      client: fakeClient({
        'leads.search': ({ query }: { query: string }) => (query === 'ad' ? new Promise((_, reject) => (fail = reject)) : newer),
      }),
      drafts,
      consoleId: 'c1',
    });
    const old = store.getState().searchLeads('ad');
    await store.getState().searchLeads('ada');
    fail(new ApiError('store-busy', BUSY));
    await old;
    expect(store.getState().notice).toBeNull();
    expect(store.getState().search).toBe(newer);
  });
});
