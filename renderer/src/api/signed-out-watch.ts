import { ApiError } from '../../../shared/api-error.ts';
import type { ApiClient } from './client.ts';

/**
 * The client, telling `onRefused` each time the host refuses a call for want of a sign-in (a
 * session that ran out mid-shift, or was ended by a password reset): the console then goes back
 * to the sign-in screen instead of showing the refusal on every key press. Signing in itself is
 * left out: its refusals are the sign-in screen's to show.
 */
export function watchSignedOut(client: ApiClient, onRefused: () => void): ApiClient {
  return {
    on: client.on,
    call: async (method, input) => {
      try {
        return await client.call(method, input);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'unauthorized' && method !== 'people.signIn') onRefused();
        throw error;
      }
    },
  };
}
