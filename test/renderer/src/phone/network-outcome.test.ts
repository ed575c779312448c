import { describe, expect, it } from 'vitest';
import { networkOutcome } from '../../../../renderer/src/phone/network-outcome.ts';

const failed = (status: number, by: 'remote' | 'system' = 'remote') => ({ by, status, cause: `${status}`, answered: false });

describe('what the network’s answer means for the call list', () => {
  it.each([486, 600, 603])('%i is busy', (status) => expect(networkOutcome(failed(status), false)).toBe('busy'));
  it.each([404, 410, 484, 485, 604])('%i is a number that does not exist', (status) => expect(networkOutcome(failed(status), false)).toBe('invalid-number'));
  it.each([480, 408, 500, 503, 504])('%i is a number that cannot be reached now', (status) => expect(networkOutcome(failed(status), false)).toBe('unreachable'));

  it('is no answer when the console gave up after the rings, whatever the cancel’s own answer', () => {
    expect(networkOutcome({ by: 'local', cause: 'Canceled', answered: false }, true)).toBe('no-answer');
    expect(networkOutcome({ by: 'remote', status: 487, cause: '487 Request Terminated', answered: false }, true)).toBe('no-answer');
  });

  it('is unreachable when the request timed out or the connection failed before an answer', () => {
    expect(networkOutcome({ by: 'system', cause: 'Request Timeout', answered: false }, false)).toBe('unreachable');
    expect(networkOutcome({ by: 'system', cause: 'Connection Error', answered: false }, false)).toBe('unreachable');
  });

  it('is nothing for an answered call, a call the rep cancelled, or one refused for the rep’s own credentials', () => {
    expect(networkOutcome({ by: 'remote', cause: 'Terminated', answered: true }, false)).toBeNull();
    expect(networkOutcome({ by: 'local', cause: 'Canceled', answered: false }, false)).toBeNull();
    expect(networkOutcome(failed(407), false)).toBeNull();
    expect(networkOutcome(failed(401), false)).toBeNull();
  });
});
