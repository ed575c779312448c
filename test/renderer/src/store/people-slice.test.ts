import { describe, expect, it } from 'vitest';
import { fakeClient } from '../../../helpers/fake-api-client.ts';
import { createAppStore } from '../../../../renderer/src/store/app-store.ts';
import { ApiError } from '../../../../shared/api-error.ts';

const drafts = { read: () => '', write: () => {}, clear: () => {} };
const jordan = { id: 7, name: 'jordan', role: 'rep' as const };

function storeWith(handlers: Parameters<typeof fakeClient>[0]) {
  const client = fakeClient(handlers);
  return { client, store: createAppStore({ client, drafts, consoleId: 'console-one' }) };
}

describe('signing in, as the console sees it', () => {
  it('asks the host first: the team server wants a sign-in, a rep alone does not', async () => {
    const team = storeWith({ 'people.me': () => ({ signInRequired: true, person: null }) });
    await team.store.getState().checkSignIn();
    expect(team.store.getState().signInState).toEqual({ signInRequired: true, person: null });
    const alone = storeWith({ 'people.me': () => ({ signInRequired: false, person: null }) });
    await alone.store.getState().checkSignIn();
    expect(alone.store.getState().signInState).toEqual({ signInRequired: false, person: null });
  });

  it('tells a page the solo web host refused (opened without its link) how to open it', async () => {
    const { store } = storeWith({
      'people.me': () => {
        throw new ApiError('unauthorized', 'Missing or wrong token.');
      },
    });
    await store.getState().checkSignIn();
    expect(store.getState().connectProblem).toBe('This page needs the link the web host printed (it carries a token). Run npm run serve and open that link.');
  });

  it('says what is missing without asking the host, and the host’s sentence when it refuses', async () => {
    const { client, store } = storeWith({
      'people.signIn': () => {
        throw new ApiError('unauthorized', 'That name and password do not match an account.');
      },
    });
    expect(await store.getState().signIn('  ', 'secret')).toBe(false);
    expect(store.getState().signInProblem).toBe('Type your account name.');
    expect(await store.getState().signIn('jordan', '')).toBe(false);
    expect(store.getState().signInProblem).toBe('Type your password.');
    expect(client.call).not.toHaveBeenCalled();
    expect(await store.getState().signIn('jordan', 'wrong password')).toBe(false);
    expect(store.getState()).toMatchObject({ signInProblem: 'That name and password do not match an account.', signingIn: false, signInState: null });
  });

  it('knows the person once signed in, and nobody once signed out, leaving its console (its session ends there)', async () => {
    const { client, store } = storeWith({
      'people.signIn': () => ({ person: jordan, expiresAt: '2026-11-24T03:00:00.000Z' }),
      'people.signOut': () => ({ signedOut: true }),
    });
    expect(await store.getState().signIn('jordan', 'a long enough passphrase')).toBe(true);
    expect(store.getState().signInState).toEqual({ signInRequired: true, person: jordan });
    expect(await store.getState().signOut()).toBe(true);
    expect(client.call).toHaveBeenLastCalledWith('people.signOut', { consoleId: 'console-one' });
    expect(store.getState().signInState).toEqual({ signInRequired: true, person: null });
  });

  it('goes back to the sign-in screen, saying why, when the host ends a session mid-work; a rep alone has none to end', async () => {
    const { store } = storeWith({ 'people.me': () => ({ signInRequired: true, person: jordan }) });
    await store.getState().checkSignIn();
    store.getState().sessionEnded();
    expect(store.getState()).toMatchObject({ signInState: { signInRequired: true, person: null }, signInProblem: 'Your session has ended: sign in again. Notes you were typing are kept.' });
    const alone = storeWith({ 'people.me': () => ({ signInRequired: false, person: null }) });
    await alone.store.getState().checkSignIn();
    alone.store.getState().sessionEnded();
    expect(alone.store.getState()).toMatchObject({ signInState: { signInRequired: false, person: null }, signInProblem: null });
  });
});
