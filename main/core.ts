import { join } from 'node:path';
import { DEFAULT_DISPOSITIONS, type Disposition } from '../shared/dispositions.ts';
import { createEventHub, type EventHub } from './api/event-hub.ts';
import type { Clock } from './clock.ts';
import { STORE_FILE } from './data-dir.ts';
import type { PreferenceStore } from './preferences/preferences.ts';
import { openDatabase, type Database } from './store/database.ts';

/** Everything the services need, made once per process by whichever shell runs them. */
export interface Core {
  db: Database;
  clock: Clock;
  prefs: PreferenceStore;
  events: EventHub;
  dispositions: readonly Disposition[];
  close(): void;
}

export interface CoreOptions {
  dataDir: string;
  clock: Clock;
  prefs: PreferenceStore;
}

export function openCore({ dataDir, clock, prefs }: CoreOptions): Core {
  const db = openDatabase(join(dataDir, STORE_FILE));
  return {
    db,
    clock,
    prefs,
    events: createEventHub(),
    dispositions: DEFAULT_DISPOSITIONS,
    close: () => {
      if (db.isOpen) db.close();
    },
  };
}
