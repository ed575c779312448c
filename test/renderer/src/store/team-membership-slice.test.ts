import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../../renderer/src/store/app-store.ts';
import { SIGN_IN_NOT_KEPT, signInNotKept } from '../../../../renderer/src/store/team-membership-slice.ts';
import type { SignInKept } from '../../../../shared/api/team-server.ts';
import type { Role } from '../../../../shared/people.ts';
import { fakeClient } from '../../../helpers/fake-api-client.ts';

const drafts = { read: () => '', write: () => {}, clear: () => {} };
const TEAM = 'https://team.example.com';

/** A console joined to a team whose main keeps a sign-in as `kept`, with `role` signed in (null: nobody yet). */
async function joinedConsole(kept: SignInKept, role: Role | null) {
  const client = fakeClient({
    'teamServer.status': () => ({ address: TEAM, signInKept: kept }),
    'people.me': () => ({ signInRequired: true, person: role && { id: 7, name: 'jordan', role } }),
  });
  const store = createAppStore({ client, drafts, consoleId: 'console-one' });
  await store.getState().loadTeamMembership();
  await store.getState().checkSignIn();
  return store;
}

describe('Settings → Team: whether the sign-in outlives a restart', () => {
  it('tells a signed-in rep on a computer with no keychain that Nextcall will ask again after a restart', async () => {
    const store = await joinedConsole('no-keychain', 'rep');
    expect(store.getState().teamMembership).toEqual({ address: TEAM, signInKept: 'no-keychain' });
    expect(signInNotKept(store.getState())).toBe(SIGN_IN_NOT_KEPT);
    expect(SIGN_IN_NOT_KEPT).toBe('This computer has no keychain Nextcall can use: you will sign in again after Nextcall restarts.');
  });

  it('says nothing where the keychain keeps it, where the host keeps none by design, before a sign-in, or to a team lead (never kept on a rep’s computer)', async () => {
    expect(signInNotKept((await joinedConsole('keychain', 'rep')).getState())).toBeNull();
    expect(signInNotKept((await joinedConsole('memory', 'rep')).getState())).toBeNull();
    expect(signInNotKept((await joinedConsole('no-keychain', null)).getState())).toBeNull();
    expect(signInNotKept((await joinedConsole('no-keychain', 'team-lead')).getState())).toBeNull();
  });

  it('knows no membership where the host refuses the question (the team server’s own page)', async () => {
    const client = fakeClient({});
    const store = createAppStore({ client, drafts, consoleId: 'console-one' });
    await store.getState().loadTeamMembership();
    expect(store.getState().teamMembership).toBeNull();
    expect(signInNotKept(store.getState())).toBeNull();
  });
});
