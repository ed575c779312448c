import { readdirSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../../main/store/migrations.ts';
import { migratePostgres, postgresMigrations } from '../../../main/store/postgres-migrations.ts';
import { openPostgresStore } from '../../../main/store/seam/postgres-store.ts';
import { describePostgresSchema } from '../../helpers/postgres-schema.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';
import { checkSchemaSnapshots, schemaDiff, type MigratingStore, type SchemaObject, type SnapshotCheck } from '../../helpers/schema-snapshots.ts';

const FOLDER = fileURLToPath(new URL('./schema-snapshots/', import.meta.url));
const WRITE = 'WRITE_MISSING_SCHEMA_SNAPSHOTS=1 npm exec -- vitest run --config test/vitest.config.ts test/main/store/migration-snapshots.test.ts';

/** SQLite's schema objects, their SQL without comments or layout (reformatting a migration is not a change). */
function sqliteStore(db: DatabaseSync): MigratingStore {
  return {
    kind: 'sqlite',
    migrations,
    migrateTo: (version) => migrate(db, version),
    describe: () =>
      (db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%'").all() as { type: string; name: string; sql: string | null }[]).map(
        (row): SchemaObject => ({ kind: row.type, name: row.name, definition: row.sql === null ? '(made by SQLite for a UNIQUE or PRIMARY KEY constraint)' : normaliseSql(row.sql) }),
      ),
  };
}

function normaliseSql(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\(\s/g, '(')
    .replace(/\s\)/g, ')')
    .replace(/\s,/g, ',')
    .trim();
}

describe('shipped migrations are never edited', () => {
  const checks = new Map<number, SnapshotCheck>();
  beforeAll(async () => {
    const db = new DatabaseSync(':memory:');
    for (const check of await checkSchemaSnapshots(sqliteStore(db), FOLDER, { writeMissing: process.env.WRITE_MISSING_SCHEMA_SNAPSHOTS === '1' })) {
      checks.set(check.version, check);
    }
    db.close();
  });

  for (const { version, name } of migrations) {
    it(`migration ${version} (${name}) builds the schema it shipped with`, () => {
      const check = checks.get(version)!;
      if (check.expected === null) {
        expect.fail(
          `Migration ${version} ("${name}") has no schema snapshot yet. If you have just added it, write its snapshot (existing ones are never overwritten):\n  ${WRITE}\nthen commit ${check.file}.`,
        );
      }
      if (check.actual !== check.expected) {
        expect.fail(
          `Migration ${version} ("${name}") no longer builds the schema it shipped with (${check.file}):\n${schemaDiff(check.expected, check.actual)}\n` +
            'Stores in the field already ran it as it was. Leave it as it shipped, and put the change in a new migration at the end of main/store/migrations.ts; then add that migration\'s snapshot:\n  ' +
            WRITE,
        );
      }
    });
  }

  it('has a snapshot only for migrations that exist (a shipped migration is never removed either)', () => {
    const versions = new Set(migrations.map((m) => m.version));
    const strays = readdirSync(`${FOLDER}sqlite`).filter((f) => !versions.has(Number(f.replace(/\.schema$/, ''))));
    expect(strays, `Snapshots for migrations that are gone: ${strays.join(', ')}. A shipped migration stays; a change is a new one at the end.`).toEqual([]);
  });
});

describe('shipped PostgreSQL migrations are never edited either', () => {
  const cluster = usePostgresCluster();
  const checks = new Map<number, SnapshotCheck>();
  beforeAll(async () => {
    const store = await openPostgresStore({ connectionString: await cluster().createDatabase() });
    try {
      const postgres: MigratingStore = {
        kind: 'postgres',
        migrations: postgresMigrations,
        migrateTo: (version) => migratePostgres(store, version),
        describe: () => describePostgresSchema(store),
      };
      for (const check of await checkSchemaSnapshots(postgres, FOLDER, { writeMissing: process.env.WRITE_MISSING_SCHEMA_SNAPSHOTS === '1' })) checks.set(check.version, check);
    } finally {
      await store.close();
    }
  }, 120_000);

  for (const { version, name } of postgresMigrations) {
    it(`PostgreSQL migration ${version} (${name}) builds the schema it shipped with`, () => {
      const check = checks.get(version)!;
      if (check.expected === null) expect.fail(`PostgreSQL migration ${version} ("${name}") has no schema snapshot yet. Write it (existing ones are never overwritten):\n  ${WRITE}\nthen commit ${check.file}.`);
      if (check.actual !== check.expected) {
        expect.fail(
          `PostgreSQL migration ${version} ("${name}") no longer builds the schema it shipped with (${check.file}):\n${schemaDiff(check.expected, check.actual)}\n` +
            `Team databases already ran it as it was. Put the change in a new migration at the end of main/store/postgres-migrations.ts, then:\n  ${WRITE}`,
        );
      }
    });
  }

  it('has a snapshot only for PostgreSQL migrations that exist', () => {
    const versions = new Set(postgresMigrations.map((m) => m.version));
    const strays = readdirSync(`${FOLDER}postgres`).filter((f) => !versions.has(Number(f.replace(/\.schema$/, ''))));
    expect(strays).toEqual([]);
  });
});
