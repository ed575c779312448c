import { createHandlers } from '../../main/api/handlers.ts';
import type { Core } from '../../main/core.ts';
import type { Handlers } from '../../shared/api.ts';

/** The handlers of methods that answer at once (no file, no printer), typed as such for readable tests. */
export type SyncHandlers = { [K in keyof Handlers]: (input: Parameters<Handlers[K]>[0]) => Awaited<ReturnType<Handlers[K]>> };

export function syncHandlers(core: Core): SyncHandlers {
  return createHandlers(core) as unknown as SyncHandlers;
}
