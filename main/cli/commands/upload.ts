import { UsageError } from '../../runtime-options.ts';
import { postgresMigrations } from '../../store/postgres-migrations.ts';
import { openPostgresStore } from '../../store/seam/postgres-store.ts';
import type { Store } from '../../store/seam/store.ts';
import { openRepStore } from '../../team/rep-store-file.ts';
import { PROGRESS_EVERY, uploadStore } from '../../team/store-upload.ts';
import { uploadProgressText, uploadReportText } from '../../../shared/upload-report-text.ts';
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
  async run({ flags }) {
    if (!flags.store) throw new UsageError('upload needs the rep\'s store: --store FILE (nextcall.sqlite in the desktop app\'s data folder).');
    const database = checkDatabase(flags.database);
    if (!flags.as) throw new UsageError('upload needs the team account the calls are recorded under: --as NAME.');
    const rep = openRepStore(flags.store);
    try {
      const team = await openTeam(database);
      try {
        const report = await uploadStore(team, rep.db, {
          as: flags.as,
          dryRun: flags['dry-run'],
          // A store of a few hundred leads is done before progress would mean anything.
          onProgress: (leadsDone, leadsTotal) => leadsTotal > PROGRESS_EVERY && console.error(uploadProgressText({ leadsDone, leadsTotal, dryRun: flags['dry-run'] })),
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

const LATEST = postgresMigrations.at(-1)?.version ?? 0;

/**
 * The team's store, as this Nextcall's team server left it. Not migrated here (a dry run changes
 * nothing, not even the schema): a database the team server has not set up, or set up by another
 * version, is a sentence, as is one that does not answer.
 */
async function openTeam(database: string): Promise<Store> {
  let store: Store;
  try {
    store = await openPostgresStore({ connectionString: database, max: 1 });
  } catch (error) {
    throw new UsageError(`The team database ${where(database)} cannot be reached (${(error as Error).message}). Nothing was uploaded.`);
  }
  try {
    const version = await schemaVersion(store);
    const start = `start this Nextcall's team server on it once (npm run team -- --database …), which sets it up, then upload again. Nothing was uploaded.`;
    if (version === null) throw new UsageError(`The database ${where(database)} holds no Nextcall team yet: ${start}`);
    if (version < LATEST) throw new UsageError(`The team database ${where(database)} was set up by an older Nextcall (schema ${version}; this one knows ${LATEST}): ${start}`);
    if (version > LATEST) throw new UsageError(`The team database ${where(database)} was written by a newer Nextcall (schema ${version}; this one knows ${LATEST}): update Nextcall here, then upload again. Nothing was uploaded.`);
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function schemaVersion(store: Store): Promise<number | null> {
  const table = await store.one<{ found: string | null }>("SELECT to_regclass('nextcall_schema')::text AS found");
  if (!table?.found) return null;
  return (await store.one<{ version: number }>('SELECT version FROM nextcall_schema'))?.version ?? null;
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
