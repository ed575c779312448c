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
 * that includes a file whose schema is not exactly the one Nextcall's migrations make at its
 * version (`unlikeOurSchema`): a view or trigger of the file's own runs when it is read or migrated,
 * and a recursive view never returns, stopping the whole process (node:sqlite is synchronous).
 * `named` is how the sentences name it (a store sent to the team server has no path of its own).
 */
export function openRepStore(file: string, named = file): RepStoreFile {
  if (!existsSync(file)) throw new UsageError(`There is no file at ${file}: give --store the path of the rep's store (nextcall.sqlite in the desktop app's data folder).`);
  if (!statSync(file).isFile()) throw new UsageError(`${file} is a folder, not a store: give --store the path of the rep's nextcall.sqlite.`);
  const notAStore = (why: string) => new UsageError(`${named} is not a Nextcall store (${why}). Nothing was uploaded.`);
  let db: DatabaseSync | null = null;
  let folder: string | null = null;
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
    const foreign = unlikeOurSchema(db, version);
    if (foreign) throw notAStore(foreign);
    const check = db.prepare('PRAGMA quick_check(1)').get() as { quick_check: string };
    if (check.quick_check !== 'ok') throw notAStore('SQLite says it is damaged');
    if (version === LATEST) {
      const open = db;
      return { db: open, version, close: () => open.close() };
    }
    folder = mkdtempSync(join(tmpdir(), 'nextcall-upload-'));
    const copy = join(folder, 'copy.sqlite');
    try {
      db.exec(`VACUUM INTO '${copy.replaceAll("'", "''")}'`);
    } catch {
      throw new UsageError(`${named} could not be copied to bring its schema ${version} up to date (is the temp folder full?). Nothing was uploaded.`);
    }
    db.close();
    db = new DatabaseSync(copy);
    db.exec('PRAGMA trusted_schema = OFF');
    try {
      migrate(db);
    } catch {
      throw notAStore(`Nextcall could not bring its schema ${version} up to ${LATEST}`);
    }
    const copyFolder = folder;
    const migrated = db;
    return {
      db: migrated,
      version,
      close: () => {
        migrated.close();
        rmSync(copyFolder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (db?.isOpen) db.close();
    // The copy of an older store holds every lead's contact details: gone with the failure, not left in the temp folder.
    if (folder) rmSync(folder, { recursive: true, force: true });
    if (error instanceof UsageError) throw error;
    const code = sqliteErrorCode(error);
    if (code !== null && (code & 0xff) === 26) throw notAStore('not a SQLite database at all');
    if (code !== null && (code & 0xff) === 11) throw notAStore('SQLite says it is damaged');
    if (code !== null && (code & 0xff) === 14) throw new UsageError(`${named} cannot be opened (no permission to read it, or its folder). Nothing was uploaded.`);
    throw error;
  }
}

/**
 * Why the file's schema is not Nextcall's at `version`, or null if it is: every table, view,
 * trigger and index (SQLite's own `sqlite_*` aside) with the type, name and SQL our migrations
 * give it, nothing more and nothing less. Read from `sqlite_schema` only: nothing in the file runs.
 */
function unlikeOurSchema(db: DatabaseSync, version: number): string | null {
  const ours = ourSchema(version);
  if (!ours) return `schema ${version} is not one Nextcall ever wrote`;
  const theirs = schemaOf(db);
  for (const [key, object] of theirs) {
    const our = ours.get(key);
    if (our?.sql === object.sql) continue;
    if (our) return `its ${object.type} "${object.name}" is not the one Nextcall makes`;
    const same = [...ours.values()].find((o) => o.name === object.name);
    return same ? `its "${object.name}" is a ${object.type}, not a ${same.type}` : `it has a ${object.type} "${object.name}" that Nextcall does not make`;
  }
  const missing = [...ours.entries()].find(([key]) => !theirs.has(key))?.[1];
  return missing ? `it has no ${missing.type} "${missing.name}"` : null;
}

interface SchemaObject {
  type: string;
  name: string;
  sql: string | null;
}

const ourSchemas = new Map<number, Map<string, SchemaObject> | null>();

/** The schema our migrations make at `version`, built once in memory (null for a version no migration ends at). */
function ourSchema(version: number): Map<string, SchemaObject> | null {
  if (!ourSchemas.has(version)) {
    let schema: Map<string, SchemaObject> | null = null;
    if (migrations.some((m) => m.version === version)) {
      const fresh = new DatabaseSync(':memory:');
      try {
        migrate(fresh, version);
        schema = schemaOf(fresh);
      } finally {
        fresh.close();
      }
    }
    ourSchemas.set(version, schema);
  }
  return ourSchemas.get(version)!;
}

function schemaOf(db: DatabaseSync): Map<string, SchemaObject> {
  const rows = db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as unknown as SchemaObject[];
  // Keyed by type and name: a trigger may share a table's name.
  return new Map(rows.map((row) => [`${row.type} ${row.name}`, { ...row }]));
}

/** An open store (its app running: a WAL beside it) is read as another reader would; a closed one as a file that cannot change, writing nothing beside it. */
function readOnlyAddress(file: string): string | URL {
  if (existsSync(`${file}-wal`)) return file;
  const url = pathToFileURL(file);
  url.searchParams.set('immutable', '1');
  return url;
}
