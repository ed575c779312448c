import { sqliteErrorCode } from '../store-errors.ts';

/**
 * Every difference between the two stores' SQL, in one place. The core writes one text per
 * query; this file says how each store runs it and what each store's values look like:
 *
 * | difference   | the core writes                  | SQLite            | PostgreSQL                                   |
 * |--------------|----------------------------------|-------------------|----------------------------------------------|
 * | placeholders | `?`                              | as written        | `$1, $2…` (sql below)                        |
 * | upserts      | `INSERT … ON CONFLICT (…) DO …`  | as written        | as written; `INSERT OR IGNORE/REPLACE` refused |
 * | times        | epoch ms as integers             | INTEGER           | bigint columns, read back as numbers          |
 * | flags        | 0/1 integers                     | INTEGER 0/1       | smallint 0/1 columns; a boolean *expression* (EXISTS, a = b) read back as 0/1 |
 * | counts, sums | numbers                          | numbers           | bigint/numeric read back as numbers           |
 * | a new id     | `… RETURNING id`                 | as written        | as written                                   |
 * | planner hints| `INDEXED BY x`                   | as written        | removed (its planner picks the partial index itself) |
 * | JSON columns | text, parsed in TypeScript       | TEXT              | text                                         |
 * | case-blind names | `name = ?` on a NOCASE column | COLLATE NOCASE   | citext column                                |
 * | in a list of texts, of ids, as one parameter | `dialect.inTexts(x)`, `inIds(x)` | `x IN (… json_each(?))` | `x = ANY (ARRAY(… jsonb_array_elements_text(?)))`: an index on x serves it |
 * | newest first, unknown last | `dialect.descNullsLast(c)` | `c DESC` (NULL sorts lowest) | `c DESC NULLS LAST`             |
 * | a text equal to `?`, any case | `dialect.sameTextAs(c)` | `c = ? COLLATE NOCASE` | `lower(c) = lower(?)` (each on its index) |
 * | one number's dials in turn | `dialect.lockNumber` | nothing (the writer runs alone) | `pg_advisory_xact_lock(hashtext(?))` |
 * | lock the rows read | `dialect.forUpdate` | nothing | ` FOR UPDATE`                              |
 * | a number's last four digits | `dialect.lastFour(c)` | `substr(c, -4)` | `right(c, 4)` (each on its index) |
 * | leads by the words of a query | `dialect.leadsWithWords`, `wordsOf` | the FTS5 table `lead_words` | the GIN index over `lead_words(…)` |
 *
 * What cannot be one text is a fragment here (`idsInOrder`, `lockSkippingLocked`), used by the
 * few queries that need it; the error codes both stores raise for the same condition are read
 * here too.
 */
export interface Dialect {
  readonly kind: 'sqlite' | 'postgres';
  /** The core's SQL as this store runs it. */
  sql(text: string): string;
  /**
   * A table `(id, position)` from ONE `?` parameter holding a JSON array of integer ids, in the
   * array's order: how a caller passes an ordered list (the queue's candidates) to one query.
   */
  readonly idsInOrder: string;
  /**
   * After a SELECT: lock the rows it returns of the table with this alias for the transaction,
   * passing over rows another transaction holds. Empty on SQLite, where a writing transaction
   * runs alone and holds the whole store.
   */
  lockSkippingLocked(alias: string): string;
  /**
   * `expression` is one of the texts in ONE `?` parameter holding a JSON array. On PostgreSQL an
   * array compared with `= ANY`, which an index on the expression serves: written as `IN` over
   * the array's elements, the planner guessed a hundred of them and hashed the whole table (the
   * queue's check of eight numbers' recent calls read every call; docs/TEAM.md).
   */
  inTexts(expression: string): string;
  /** The same for a JSON array of integer ids. */
  inIds(expression: string): string;
  /** A descending sort key whose NULLs come last, as SQLite sorts them (PostgreSQL puts them first). */
  descNullsLast(column: string): string;
  /** The column equals the one `?`, whatever the case: on each store the form its index on the column serves. */
  sameTextAs(column: string): string;
  /**
   * A statement taking a lock on one phone number (its ONE `?`) until the transaction ends, so
   * the count of the number's recent dials and the new dial are one decision across server
   * processes; null on SQLite, where a writing transaction runs alone. Any text key works: a
   * console's claim takes its turn through it too (lead-leases.ts, `lockConsole`).
   */
  readonly lockNumber: string | null;
  /** After a SELECT: lock its rows until the transaction ends (empty on SQLite). */
  readonly forUpdate: string;
  /** A number's last four characters, in the form its index (`phones_last_digits`) is built on. */
  lastFour(column: string): string;
  /**
   * The ids of the leads whose name, company or email have a word starting with each word of
   * the query, and which meet the condition over `leads` (null: any lead), newest first: ONE `?`
   * for the query (`wordsOf(text)`), the condition's own, then ONE `?` for the most ids.
   * Accents are folded on both stores.
   */
  leadsWithWords(condition: string | null): string;
  /** A query's text as `leadsWithWords` takes it. */
  wordsOf(text: string): string;
  /** A unique constraint refused a row (another transaction may have inserted it first). */
  isUniqueViolation(error: unknown): boolean;
}

export const sqliteDialect: Dialect = {
  kind: 'sqlite',
  sql: (text) => text,
  idsInOrder: '(SELECT CAST(value AS INTEGER) AS id, CAST(key AS INTEGER) AS position FROM json_each(?))',
  lockSkippingLocked: () => '',
  inTexts: (expression) => `${expression} IN (SELECT value FROM json_each(?))`,
  inIds: (expression) => `${expression} IN (SELECT value FROM json_each(?))`,
  descNullsLast: (column) => `${column} DESC`,
  sameTextAs: (column) => `${column} = ? COLLATE NOCASE`,
  lockNumber: null,
  forUpdate: '',
  lastFour: (column) => `substr(${column}, -4)`,
  // Straight from the FTS5 index, newest first (no rank over every match); a condition joins the leads.
  leadsWithWords: (condition) =>
    condition === null
      ? 'SELECT rowid FROM lead_words WHERE lead_words MATCH ? ORDER BY rowid DESC LIMIT ?'
      : `SELECT leads.id FROM lead_words JOIN leads ON leads.id = lead_words.rowid WHERE lead_words MATCH ? AND (${condition}) ORDER BY lead_words.rowid DESC LIMIT ?`,
  // Each word a quoted prefix term, so no character of the query is read as FTS5 syntax.
  wordsOf: (text) =>
    text
      .normalize('NFKC')
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .map((w) => `"${w.replace(/"/g, '""')}"*`)
      .join(' '),
  isUniqueViolation(error) {
    const code = sqliteErrorCode(error);
    // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY
    return code === 2067 || code === 1555;
  },
};

export const postgresDialect: Dialect = {
  kind: 'postgres',
  sql: (text) => {
    let translated = translated_.get(text);
    if (translated === undefined) {
      if (translated_.size >= 2000) translated_.clear();
      translated_.set(text, (translated = toPostgres(text)));
    }
    return translated;
  },
  idsInOrder: '(SELECT value::bigint AS id, ordinality AS position FROM jsonb_array_elements_text(?::jsonb) WITH ORDINALITY)',
  lockSkippingLocked: (alias) => ` FOR UPDATE OF ${alias} SKIP LOCKED`,
  inTexts: (expression) => `${expression} = ANY (ARRAY(SELECT jsonb_array_elements_text(?::jsonb)))`,
  inIds: (expression) => `${expression} = ANY (ARRAY(SELECT jsonb_array_elements_text(?::jsonb)::bigint))`,
  descNullsLast: (column) => `${column} DESC NULLS LAST`,
  sameTextAs: (column) => `lower(${column}) = lower(?)`,
  // One lock space for the whole database: the key is the number's hash (a clash only makes two
  // numbers take turns, never lets two dials of one number through together).
  lockNumber: 'SELECT pg_advisory_xact_lock(hashtext(?))',
  forUpdate: ' FOR UPDATE',
  lastFour: (column) => `right(${column}, 4)`,
  // The query is read by the same parser and unaccent dictionary as the leads' words (PostgreSQL
  // migration 1's lead_words()), each of its words a prefix (:*), all of them required.
  leadsWithWords: (condition) =>
    `SELECT leads.id FROM leads
     WHERE lead_words(leads.first_name, leads.last_name, leads.company, leads.email) @@ (
       SELECT to_tsquery('simple', coalesce(string_agg(quote_literal(w.lexeme) || ':*', ' & '), ''))
       FROM unnest(to_tsvector('simple', public.unaccent('public.unaccent'::regdictionary, ?::text))) AS w)${condition === null ? '' : ` AND (${condition})`}
     ORDER BY leads.id DESC LIMIT ?`,
  wordsOf: (text) => text.normalize('NFKC'),
  isUniqueViolation: (error) => postgresErrorCode(error) === '23505',
};

const translated_ = new Map<string, string>();

/**
 * `?` → `$n` outside strings, quoted names and comments; SQLite's planner hints dropped. The
 * core never uses PostgreSQL's jsonb `?` operator (jsonb_exists does the same), so a `?` is
 * always a parameter.
 */
function toPostgres(text: string): string {
  if (/\bINSERT\s+OR\s+(IGNORE|REPLACE)\b/i.test(text)) {
    throw new Error('INSERT OR IGNORE/REPLACE is SQLite only: write INSERT … ON CONFLICT (…) DO NOTHING / DO UPDATE, which both stores run.');
  }
  let out = '';
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      const stop = end === -1 ? text.length : end + 1;
      out += text.slice(i, stop);
      i = stop - 1;
    } else if (c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
      out += '\n';
    } else if (c === '?') {
      out += `$${++n}`;
    } else {
      out += c;
    }
  }
  return out.replace(/\s+INDEXED\s+BY\s+\w+/gi, '');
}

/** PostgreSQL's SQLSTATE of an error `pg` raised, or null. */
export function postgresErrorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/** Serialization failure, deadlock: the transaction lost a race and may simply run again. */
export function isRetryable(error: unknown): boolean {
  const code = postgresErrorCode(error);
  return code === '40001' || code === '40P01';
}

/**
 * How PostgreSQL's values come back, so a row reads the same from either store: times and counts
 * (bigint), sums (numeric) and boolean expressions as numbers. Keyed by type OID.
 */
export const POSTGRES_VALUE_PARSERS: Record<number, (text: string) => unknown> = {
  // int8: epoch ms, count(*), ids. Safe as a number up to 2^53 (the year 287396 in ms).
  20: (text) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new Error(`${text} is too large for a JavaScript number.`);
    return value;
  },
  // numeric: sum() of a bigint, avg().
  1700: Number,
  // bool: EXISTS (…), a = b; flags themselves are smallint 0/1 columns.
  16: (text) => (text === 't' ? 1 : 0),
};
