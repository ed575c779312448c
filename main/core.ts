import { join } from 'node:path';
import { activeDispositions, ensureDefaultDispositions } from './calls/disposition-store.ts';
import { createEventHub, type EventHub } from './api/event-hub.ts';
import type { Clock } from './clock.ts';
import { preparePrivateFolder, STORE_FILE, tightenPrivateEntries } from './data-dir.ts';
import type { PreferenceStore } from './preferences/preferences.ts';
import { ensureBuiltInScripts } from './scripts/script-store.ts';
import { openDatabase, type Database } from './store/database.ts';

/** Everything the services need, made once per process by whichever shell runs them. */
export interface Core {
  db: Database;
  clock: Clock;
  prefs: PreferenceStore;
  events: EventHub;
  close(): void;
}

export interface CoreOptions {
  dataDir: string;
  clock: Clock;
  prefs: PreferenceStore;
}

export function openCore({ dataDir, clock, prefs }: CoreOptions): Core {
  // The store holds every lead's contact details: for this user's eyes only (data-dir.ts).
  preparePrivateFolder(dataDir);
  const db = openDatabase(join(dataDir, STORE_FILE));
  tightenPrivateEntries(dataDir);
  // A new store starts with the default dispositions and the two built-in playbooks (BANT active).
  ensureDefaultDispositions(db);
  ensureBuiltInScripts(db, activeDispositions(db).map((d) => d.code), clock.now());
  return {
    db,
    clock,
    prefs,
    events: createEventHub(),
    close: () => {
      if (db.isOpen) db.close();
    },
  };
}
