import type { Queryable, SqlValue } from './store.ts';

/**
 * Many rows in few statements, for a writer a round trip away (PostgreSQL): each statement is
 * one round trip whatever its rows, so a batch of a few hundred leads costs what one lead did.
 * Both stores cap the parameters of a statement (PostgreSQL 65,535, SQLite 32,766): a batch is
 * cut into statements of at most PARAMETERS each.
 */
const PARAMETERS = 30_000;

/** `rows` cut so that each part's parameters stay under the cap. */
function parts(rows: readonly (readonly SqlValue[])[]): (readonly SqlValue[])[][] {
  const width = Math.max(1, rows[0]?.length ?? 1);
  const size = Math.max(1, Math.floor(PARAMETERS / width));
  const out: (readonly SqlValue[])[][] = [];
  for (let from = 0; from < rows.length; from += size) out.push(rows.slice(from, from + size));
  return out;
}

/**
 * `INSERT INTO t (a, b) VALUES (?, ?)` (and any `ON CONFLICT …`) for every row, in as few
 * statements as the cap allows; `returning` (`RETURNING …`) gives back what the rows returned,
 * in no promised order (`newIdsOf` pairs new ids with their rows).
 */
export async function insertRows<Row = Record<string, unknown>>(q: Queryable, statement: string, rows: readonly (readonly SqlValue[])[], returning = ''): Promise<Row[]> {
  const out: Row[] = [];
  for (const part of parts(rows)) {
    const sql = `${manyRows(statement, part.length)}${returning ? ` ${returning}` : ''}`;
    if (returning) out.push(...(await q.all<Row>(sql, part.flat())));
    else await q.run(sql, part.flat());
  }
  return out;
}

/**
 * The new id of each row an INSERT without `ON CONFLICT` writes, in the order of `rows`.
 * PostgreSQL promises neither the order of RETURNING nor that a statement's rows take their
 * identity's values in the order of its VALUES, so each returned row is paired with the row it
 * came from by the values written: rows written alike are alike in the table too, so which of
 * them takes which id changes nothing.
 */
export async function newIdsOf(q: Queryable, statement: string, rows: readonly (readonly SqlValue[])[]): Promise<number[]> {
  const columns = /\(([^)]*)\)/.exec(statement)![1]!.split(',').map((c) => c.trim());
  const waiting = new Map<string, number[]>();
  for (const row of await insertRows<Record<string, SqlValue>>(q, statement, rows, `RETURNING id, ${columns.join(', ')}`)) {
    const key = keyOf(columns.map((c) => row[c]!));
    waiting.set(key, [...(waiting.get(key) ?? []), Number(row.id)]);
  }
  return rows.map((row) => {
    const id = waiting.get(keyOf(row))?.shift();
    if (id === undefined) throw new Error(`A row written by "${statement.trim().slice(0, 40)}…" came back with other values: its id is not known.`);
    return id;
  });
}

/** A row's values as one text, alike for a number and the same number read back as text. */
const keyOf = (values: readonly SqlValue[]): string => JSON.stringify(values.map((v) => (v === null ? null : String(v))));

/**
 * One UPDATE for many rows: `set` reads each row's values as `v.column1`, `v.column2`… (the
 * names both stores give a VALUES list's columns), `where` pairs them with the table's rows
 * (`leads.id = v.column1`). `types` casts each column, so PostgreSQL knows a parameter's type
 * inside a VALUES list (it would read them as text) and SQLite takes the same text.
 */
export async function updateRows(q: Queryable, table: string, { types, set, where }: { types: readonly string[]; set: string; where: string }, rows: readonly (readonly SqlValue[])[]): Promise<number> {
  let changes = 0;
  const row = `(${types.map((type) => `CAST(? AS ${type})`).join(', ')})`;
  for (const part of parts(rows)) {
    const values = Array.from({ length: part.length }, () => row).join(', ');
    changes += (await q.run(`UPDATE ${table} SET ${set} FROM (VALUES ${values}) AS v WHERE ${where}`, part.flat())).changes;
  }
  return changes;
}

/** One statement for several rows (a lead's numbers, its activities): one round trip to PostgreSQL instead of one per row. */
export function manyRows(statement: string, rows: number): string {
  const [head, values, tail = ''] = statement.split(/(\([?, ]+\))/);
  return `${head}${Array.from({ length: rows }, () => values).join(', ')}${tail}`;
}
