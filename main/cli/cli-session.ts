import type { InputOf, MethodName, OutputOf } from '../../shared/api.ts';
import { ApiError } from '../../shared/api-error.ts';
import type { LeadExport } from '../leads/export-leads.ts';
import { createDispatcher } from '../api/dispatch.ts';
import { createHandlers } from '../api/handlers.ts';
import { openCore, type Core } from '../core.ts';
import { openTeamCore } from '../team/team-core.ts';
import { notOnTeamServer, TEAM_METHODS } from '../../shared/team-methods.ts';
import { checkDatabase } from '../team/team-options.ts';
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

/**
 * `database`: a team's PostgreSQL (postgres://…) instead of the rep's own store, for the commands
 * that run on the store seam (summary): the team server's core, migrated as the server would, with
 * no signed-in caller — whoever holds the database's address reads everything in it.
 */
export function cliSession(options: RuntimeOptions, out: string | undefined, database?: string): CliSession {
  let opened: Promise<{ core: Core; dispatch: ReturnType<typeof createDispatcher> }> | null = null;
  const open = () => {
    opened ??= (async () => {
      const core = database
        ? await openTeamCore({ database: checkDatabase(database), clock: options.clock, log: (line) => console.error(line), connections: 2 })
        : openCore({ ...options, prefs: confPreferences(options.dataDir) });
      // On PostgreSQL each call is its own transaction: nothing to queue (docs/TEAM.md).
      return { core, dispatch: createDispatcher(createHandlers(core, { saveExport: exportTo(out) }), undefined, { oneAtATime: !database }) };
    })();
    return opened;
  };
  return {
    async call(method, input) {
      if (database && !TEAM_METHODS.has(method)) throw new UsageError(notOnTeamServer(`--database with ${method}`));
      const result = await (await open()).dispatch(method, input);
      if (!result.ok) throw new UsageError(result.error.message);
      return result.value as OutputOf<typeof method>;
    },
    subscribe: (listener) => {
      let unsubscribe: (() => void) | null = null;
      // A store that fails to open fails the command's call, which says so: not said twice here.
      void open().then(({ core }) => (unsubscribe = core.events.subscribe(listener)), () => undefined);
      return () => unsubscribe?.();
    },
    // A store that failed to open was never opened: its failure is the command's, said once.
    close: () => void opened?.then(({ core }) => core.close(), () => undefined),
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
