import { vi } from 'vitest';
import type { ApiClient } from '../../renderer/src/api/client.ts';

/** An API client that answers from the given handlers and fails on any other call, so a test names every call it expects. */
export function fakeClient(handlers: Record<string, (input: never) => unknown>): ApiClient {
  return {
    call: vi.fn(async (method: string, input: unknown) => {
      const handler = handlers[method];
      if (!handler) throw new Error(`unexpected call ${method}`);
      return handler(input as never);
    }) as ApiClient['call'],
    on: () => () => undefined,
  };
}
