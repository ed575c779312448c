import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { UsageError } from '../runtime-options.ts';
import { migrate, migrations, schemaVersion } from '../store/migrations.ts';
import { sqliteErrorCode } from '../store/store-errors.ts';

const LATEST = migrations.at(-1)?.version ?? 0;

export interface RepStoreFile {
  /** A read-only connection to the rep's store (or to a migrated copy of an older one). */
  db: DatabaseSync;
  /** The schema the file was written with. */
  version: number;
  close(): void;
}

/**
 * A rep's store, opened to be read and never written: read-only, so not even a WAL checkpoint
 * touches it; a closed store (no WAL beside it) is opened as immutable, because a read-only
 * connection in WAL mode would otherwise leave an empty -wal and a -shm file beside it. A store of an older Nextcall is copied (VACUUM INTO, a consistent snapshot taken
 * through the read-only connection) to a temp folder and the copy migrated, so the upload reads
 * one schema. Anything that is not a Nextcall store is one sentence, before the team is touched;
 * `named` is how the sentences name it (a store sent to the team server has no path of its own).
 */
export function openRepStore(file: string, named = file): RepStoreFile {
  if (!existsSync(file)) throw new UsageError(`There is no file at ${file}: give --store the path of the rep's store (nextcall.sqlite in the desktop app's data folder).`);
  if (!statSync(file).isFile()) throw new UsageError(`${file} is a folder, not a store: give --store the path of the rep's nextcall.sqlite.`);
  const notAStore = (why: string) => new UsageError(`${named} is not a Nextcall store (${why}). Nothing was uploaded.`);
  let db: DatabaseSync | null = null;
  try {
    db = new DatabaseSync(readOnlyAddress(file), { readOnly: true });
    // The file may come from anyone (a team server is sent it): its schema's views and triggers run no function with side effects.
    db.exec('PRAGMA trusted_schema = OFF');
    const version = schemaVersion(db);
    const hasLeads = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'leads'").get() !== undefined;
    if (version === 0 || !hasLeads) throw notAStore('a SQLite file without the lead store\'s tables');
    if (version > LATEST) {
      throw new UsageError(`${named} was written by a newer Nextcall (schema ${version}; this one knows ${LATEST}): update Nextcall here, then upload again. Nothing was uploaded.`);
    }
    if (version === LATEST) {
      const open = db;
      return { db: open, version, close: () => open.close() };
    }
    const folder = mkdtempSync(join(tmpdir(), 'nextcall-upload-'));
    const copy = join(folder, 'copy.sqlite');
    db.exec(`VACUUM INTO '${copy.replaceAll("'", "''")}'`);
    db.close();
    db = new DatabaseSync(copy);
    db.exec('PRAGMA trusted_schema = OFF');
    migrate(db);
    const migrated = db;
    return {
      db: migrated,
      version,
      close: () => {
        migrated.close();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (db?.isOpen) db.close();
    if (error instanceof UsageError) throw error;
    const code = sqliteErrorCode(error);
    if (code !== null && (code & 0xff) === 26) throw notAStore('not a SQLite database at all');
    if (code !== null && (code & 0xff) === 11) throw notAStore('SQLite says it is damaged');
    if (code !== null && (code & 0xff) === 14) throw new UsageError(`${named} cannot be opened (no permission to read it, or its folder). Nothing was uploaded.`);
    throw error;
  }
}

/** An open store (its app running: a WAL beside it) is read as another reader would; a closed one as a file that cannot change, writing nothing beside it. */
function readOnlyAddress(file: string): string | URL {
  if (existsSync(`${file}-wal`)) return file;
  const url = pathToFileURL(file);
  url.searchParams.set('immutable', '1');
  return url;
}
