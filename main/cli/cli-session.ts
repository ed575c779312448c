import type { InputOf, MethodName, OutputOf } from '../../shared/api.ts';
import { ApiError } from '../../shared/api-error.ts';
import type { LeadExport } from '../leads/export-leads.ts';
import { createDispatcher } from '../api/dispatch.ts';
import { createHandlers } from '../api/handlers.ts';
import { openCore, type Core } from '../core.ts';
import { confPreferences } from '../preferences/conf-preferences.ts';
import { UsageError, type RuntimeOptions } from '../runtime-options.ts';
import type { EventListener } from '../api/event-hub.ts';
import { writeOutFile, writeStdout } from './out-file.ts';

/** The store and the dispatcher, opened on a command's first call (and only then: demo-list, check and restore never open it). */
export interface CliSession {
  call<K extends MethodName>(method: K, input: InputOf<K>): Promise<OutputOf<K>>;
  subscribe(listener: EventListener): () => void;
  close(): void;
}

export function cliSession(options: RuntimeOptions, out: string | undefined): CliSession {
  let opened: { core: Core; dispatch: ReturnType<typeof createDispatcher> } | null = null;
  const open = () => {
    if (!opened) {
      const core = openCore({ ...options, prefs: confPreferences(options.dataDir) });
      opened = { core, dispatch: createDispatcher(createHandlers(core, { saveExport: exportTo(out) })) };
    }
    return opened;
  };
  return {
    async call(method, input) {
      const result = await open().dispatch(method, input);
      if (!result.ok) throw new UsageError(result.error.message);
      return result.value as OutputOf<typeof method>;
    },
    subscribe: (listener) => open().core.events.subscribe(listener),
    close: () => opened?.core.close(),
  };
}

/**
 * The CLI's shell edge for `leads.export`: leads stream to --out (or stdout) piece by piece, read
 * from a snapshot of the store, never held whole in memory.
 */
function exportTo(out: string | undefined) {
  return async (file: LeadExport) => {
    if (!out) {
      await writeStdout(file.chunks());
      return { kind: 'saved', path: '-', leads: file.leads } as const;
    }
    try {
      await writeOutFile(out, file.chunks());
    } catch (error) {
      // The dispatcher passes an ApiError's sentence on; anything else would be "details in the log".
      throw error instanceof UsageError ? new ApiError('invalid-input', error.message) : error;
    }
    console.error(`Written to ${out} (${file.leads.toLocaleString('en-US')} leads)`);
    return { kind: 'saved', path: out, leads: file.leads } as const;
  };
}
