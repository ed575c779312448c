import { describe, expect, it } from 'vitest';
import { fakeClient } from '../../../helpers/fake-api-client.ts';
import { createAppStore } from '../../../../renderer/src/store/app-store.ts';
import { ApiError } from '../../../../shared/api-error.ts';

const drafts = { read: () => '', write: () => {}, clear: () => {} };
const view = { company: 'Acme', members: [] };

function storeWith(account: () => unknown) {
  const client = fakeClient({ 'leads.account': account });
  return createAppStore({ client, drafts, consoleId: 'console-one' });
}

describe('the account panel of the lead on screen', () => {
  it('shows the lead’s account, and says what went wrong when the host fails', async () => {
    const store = storeWith(() => view);
    await store.getState().loadAccount(1);
    expect(store.getState().account).toEqual({ leadId: 1, view });

    const failing = storeWith(() => {
      throw new ApiError('internal', 'The team server at https://team.example.com cannot be reached.');
    });
    await failing.getState().loadAccount(1);
    expect(failing.getState().notice).toMatchObject({ kind: 'error', text: 'The team server at https://team.example.com cannot be reached.' });
  });

  it('clears quietly when the lead has left the rep’s reach, leaving the queue’s notice of why on screen', async () => {
    let reachable = true;
    const store = storeWith(() => {
      if (reachable) return view;
      throw new ApiError('forbidden', 'Lead 1 is not on a call list you work: ask your team lead to assign you its list.');
    });
    await store.getState().loadAccount(1);
    store.getState().showNotice({ kind: 'error', text: 'Ada Lovelace may no longer be called: its call list is paused, assigned to other reps, or held for its owner.' });
    // The team lead moved the rep off the list: the panel's refresh is refused.
    reachable = false;
    await store.getState().loadAccount(1);
    expect(store.getState().account).toBeNull();
    expect(store.getState().notice?.text).toBe('Ada Lovelace may no longer be called: its call list is paused, assigned to other reps, or held for its owner.');
  });
});
