import { ApiError } from '../../shared/api-error.ts';
import type { Clock } from '../clock.ts';
import type { Core } from '../core.ts';
import type { Database } from '../store/database.ts';
import { migratePostgres } from '../store/postgres-migrations.ts';
import { openPostgresStore } from '../store/seam/postgres-store.ts';
import { seedStore } from '../store-seed.ts';
import { notOnTeamServer } from '../../shared/team-methods.ts';
import { teamEvents } from './team-events.ts';
import { announceOwnerWindowEnds } from './owner-window-ends.ts';
import { openTeamSettings } from './team-settings.ts';

export interface TeamCoreOptions {
  database: string;
  clock: Clock;
  log: (line: string) => void;
  /** Connections in this process's pool. */
  connections?: number;
  /** A server's: the pool's connections stay open once opened (postgres-store.ts). */
  keepOpen?: boolean;
}

/**
 * The core of a team server process: the team's PostgreSQL behind the seam (migrated on open;
 * two processes starting at once migrate once), the clock, and events that travel between
 * processes by LISTEN/NOTIFY. There is no SQLite store: the modules not yet on the seam are
 * refused before their handlers run (team-methods.ts), and `db` is a stand-in that refuses the
 * same way should anything reach it anyway. The team's shared settings are read from the database
 * and kept in step across processes (team-settings.ts); nothing a rep sets is kept in this process.
 */
export async function openTeamCore({ database, clock, log, connections, keepOpen = false }: TeamCoreOptions): Promise<Core> {
  const store = await openPostgresStore({
    connectionString: database,
    ...(connections ? { max: connections } : {}),
    keepOpen,
    onConnectionError: (error) => log(`A connection to the team database failed (the pool replaces it): ${error.message}`),
  });
  try {
    await migratePostgres(store);
    await seedStore(store, clock.now());
    const { events, here, stop } = await teamEvents(store, log);
    const settings = await openTeamSettings(store, () => clock.now(), log);
    const stopOwnerWindows = announceOwnerWindowEnds(store, clock, events, () => here('store.changed', { reason: 'owner-window' }), log);
    const db = noSqliteHere();
    return {
      db,
      store,
      // The pool's connections already read beside an import (the dispatcher does not run calls one at a time here).
      readOnly: () => ({ db, store }),
      clock,
      prefs: settings.prefs,
      events,
      dataDir: '',
      storeFile: '',
      // The pool and the listening connections end together (store.close); awaited by the server.
      close: () => void Promise.all([stopOwnerWindows(), stop(), settings.stop()]).then(() => store.close(), () => store.close()),
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

function noSqliteHere(): Database {
  return new Proxy({} as Database, {
    get() {
      throw new ApiError('unknown-method', notOnTeamServer('This part of Nextcall'));
    },
  });
}
