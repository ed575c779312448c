import { UsageError } from '../../runtime-options.ts';
import { migratePostgres } from '../../store/postgres-migrations.ts';
import { openPostgresStore } from '../../store/seam/postgres-store.ts';
import type { Store } from '../../store/seam/store.ts';
import { seedStore } from '../../store-seed.ts';
import { openRepStore } from '../../team/rep-store-file.ts';
import { uploadStore } from '../../team/store-upload.ts';
import { uploadReportText } from '../../team/upload-report-text.ts';
import { checkDatabase } from '../../team/team-options.ts';
import { command, flagSwitch, text } from '../cli-command.ts';

/**
 * Not through the dispatcher, by design: it reads one store (the rep's file, read-only) and
 * writes another (the team's PostgreSQL), in one transaction of the team's.
 */
export const uploadCommand = command({
  name: 'upload',
  args: '--store FILE --database URL --as NAME',
  flags: { store: text('FILE'), database: text('URL'), as: text('NAME'), 'dry-run': flagSwitch, json: flagSwitch },
  about: [
    'a rep\'s own store (nextcall.sqlite) into the team\'s PostgreSQL: leads merged by',
    'CRM id, email or number, with their calls, stage history, callbacks and notes,',
    'the calls under the account --as; all or nothing; --dry-run changes nothing',
  ],
  async run({ flags, options }) {
    if (!flags.store) throw new UsageError('upload needs the rep\'s store: --store FILE (nextcall.sqlite in the desktop app\'s data folder).');
    const database = checkDatabase(flags.database);
    if (!flags.as) throw new UsageError('upload needs the team account the calls are recorded under: --as NAME.');
    const rep = openRepStore(flags.store);
    try {
      const team = await openTeam(database, options.clock.now());
      try {
        const report = await uploadStore(team, rep.db, {
          as: flags.as,
          dryRun: flags['dry-run'],
          onProgress: (done, total) => console.error(`${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} leads`),
        });
        return flags.json ? { store: flags.store, ...report } : uploadReportText(report, flags.store);
      } finally {
        await team.close();
      }
    } finally {
      rep.close();
    }
  },
});

/** The team's store, migrated and seeded as a team server's start would; a database that does not answer is a sentence. */
async function openTeam(database: string, now: number): Promise<Store> {
  let store: Store;
  try {
    store = await openPostgresStore({ connectionString: database, max: 1 });
  } catch (error) {
    throw new UsageError(`The team database ${where(database)} cannot be reached (${(error as Error).message}). Nothing was uploaded.`);
  }
  try {
    await migratePostgres(store);
    await seedStore(store, now);
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** The address without its password. */
function where(database: string): string {
  try {
    const url = new URL(database);
    return `${url.host}${url.pathname}`;
  } catch {
    return 'given by --database';
  }
}
