import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * "Never edit a shipped migration", as a test rather than a comment: the schema after each
 * migration is written down once, in a file per migration, and every run compares the schema the
 * migrations build today with those files. Editing a shipped migration changes a file's content
 * and fails; appending a new migration only needs its own file, so engineers adding migrations
 * side by side never touch each other's snapshots.
 *
 * Store-agnostic in shape: a store only has to say how to migrate to a version and how to list
 * its schema objects with a definition each. SQLite does it with sqlite_schema; PostgreSQL can
 * do it with the catalogs (pg_get_indexdef, information_schema.columns…) and reuse the rest.
 */
export interface SchemaObject {
  /** table, index, trigger, view, sequence, type…: whatever the store has. */
  kind: string;
  name: string;
  /** The object's definition as the store reports it, normalised by the store (no comments, single spaces). */
  definition: string;
}

export interface MigratingStore {
  /** Names the snapshots' folder: sqlite, postgres. */
  kind: string;
  /** Every shipped migration, in order. */
  migrations: readonly { version: number; name: string }[];
  /** Applies the migrations up to and including this version (on a store that has the ones before). */
  migrateTo(version: number): void | Promise<void>;
  describe(): SchemaObject[] | Promise<SchemaObject[]>;
}

export interface SnapshotCheck {
  version: number;
  name: string;
  file: string;
  actual: string;
  /** Null when the file does not exist yet (a new migration). */
  expected: string | null;
}

/** The schema as text, one object per line, sorted, so a change reads as a one-line diff. */
export function renderSchema(version: number, objects: readonly SchemaObject[]): string {
  const lines = [...objects].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name)).map((o) => `${o.kind} ${o.name}: ${o.definition}`);
  return `-- schema after migration ${version}\n${lines.join('\n')}\n`;
}

export function snapshotFile(folder: string, store: Pick<MigratingStore, 'kind'>, version: number): string {
  return join(folder, store.kind, `${String(version).padStart(4, '0')}.schema`);
}

/**
 * Migrates a fresh store one migration at a time and reads each snapshot beside the schema it
 * built. With `writeMissing`, a migration that has no snapshot yet gets one written; an existing
 * snapshot is never overwritten (that would bless an edit to a shipped migration).
 */
export async function checkSchemaSnapshots(store: MigratingStore, folder: string, { writeMissing = false } = {}): Promise<SnapshotCheck[]> {
  const checks: SnapshotCheck[] = [];
  for (const { version, name } of store.migrations) {
    await store.migrateTo(version);
    const file = snapshotFile(folder, store, version);
    const actual = renderSchema(version, await store.describe());
    let expected = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (expected === null && writeMissing) {
      mkdirSync(join(folder, store.kind), { recursive: true });
      writeFileSync(file, actual);
      expected = actual;
    }
    checks.push({ version, name, file, actual, expected });
  }
  return checks;
}

/** The lines that differ, for a failure message a person can act on. */
export function schemaDiff(expected: string, actual: string): string {
  const before = new Set(expected.split('\n'));
  const after = new Set(actual.split('\n'));
  return [...[...before].filter((l) => !after.has(l)).map((l) => `- ${l}`), ...[...after].filter((l) => !before.has(l)).map((l) => `+ ${l}`)].join('\n');
}
