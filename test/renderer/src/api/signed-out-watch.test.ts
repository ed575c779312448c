import { describe, expect, it } from 'vitest';
import { watchSignedOut } from '../../../../renderer/src/api/signed-out-watch.ts';
import { ApiError } from '../../../../shared/api-error.ts';
import { fakeClient } from '../../../helpers/fake-api-client.ts';

describe('watching for a session that ended', () => {
  it('tells of a call refused for want of a sign-in, and still throws the refusal', async () => {
    let told = 0;
    const client = watchSignedOut(
      fakeClient({
        'queue.next': () => {
          throw new ApiError('unauthorized', 'Sign in first: your session has ended or you have not signed in.');
        },
        'leads.import': () => {
          throw new ApiError('forbidden', 'Only a team lead or above may do this (leads.import); you are signed in as a rep.');
        },
        'people.signIn': () => {
          throw new ApiError('unauthorized', 'That name and password do not match an account.');
        },
      }),
      () => told++,
    );
    await expect(client.call('queue.next', {})).rejects.toThrow('Sign in first');
    expect(told).toBe(1);
    // A role too low is not a session that ended, and a wrong password is the sign-in screen's.
    await expect(client.call('leads.import', { fileName: 'a.csv', data: '' })).rejects.toThrow('Only a team lead');
    await expect(client.call('people.signIn', { name: 'jordan', password: 'wrong' })).rejects.toThrow('do not match');
    expect(told).toBe(1);
  });
});
