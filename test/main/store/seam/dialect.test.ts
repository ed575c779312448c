import { describe, expect, it } from 'vitest';
import { isRetryable, postgresDialect, POSTGRES_VALUE_PARSERS, sqliteDialect } from '../../../../main/store/seam/dialect.ts';

describe('the dialect table', () => {
  it('numbers the placeholders for PostgreSQL, leaving strings, quoted names and comments alone', () => {
    const core = `SELECT id, 'what?' AS q, "odd?name" FROM leads -- who? \n WHERE a = ? AND b IN (?, ?)`;
    expect(postgresDialect.sql(core)).toBe(`SELECT id, 'what?' AS q, "odd?name" FROM leads \n WHERE a = $1 AND b IN ($2, $3)`);
    expect(sqliteDialect.sql(core)).toBe(core);
  });

  it("drops SQLite's planner hints for PostgreSQL, whose planner picks the partial index itself", () => {
    expect(postgresDialect.sql('SELECT id FROM leads INDEXED BY queue_retries WHERE retry_at <= ?')).toBe('SELECT id FROM leads WHERE retry_at <= $1');
  });

  it('refuses the SQLite-only upsert with the form both stores run', () => {
    expect(() => postgresDialect.sql('INSERT OR IGNORE INTO queue_zones VALUES (?)')).toThrow(/ON CONFLICT/);
  });

  it('reads counts, times and boolean expressions from PostgreSQL as the numbers SQLite gives', () => {
    expect(POSTGRES_VALUE_PARSERS[20]!('1795446000000')).toBe(1795446000000);
    expect(() => POSTGRES_VALUE_PARSERS[20]!('9223372036854775807')).toThrow(/too large/);
    expect(POSTGRES_VALUE_PARSERS[1700]!('12.5')).toBe(12.5);
    expect([POSTGRES_VALUE_PARSERS[16]!('t'), POSTGRES_VALUE_PARSERS[16]!('f')]).toEqual([1, 0]);
  });

  it('runs again only what lost a race: serialization failures and deadlocks', () => {
    expect(isRetryable({ code: '40001' })).toBe(true);
    expect(isRetryable({ code: '40P01' })).toBe(true);
    expect(isRetryable({ code: '23505' })).toBe(false);
    expect(isRetryable(new Error('40001'))).toBe(false);
  });

  it('says once what differs in the queue and the calls: lists as one parameter, unknown last, locks', () => {
    expect(postgresDialect.sql(`SELECT 1 WHERE ${postgresDialect.inTexts('e164')}`)).toBe('SELECT 1 WHERE e164 = ANY (ARRAY(SELECT jsonb_array_elements_text($1::jsonb)))');
    expect(sqliteDialect.inIds('lead_id')).toBe('lead_id IN (SELECT value FROM json_each(?))');
    expect(postgresDialect.descNullsLast('last_activity_at')).toBe('last_activity_at DESC NULLS LAST');
    expect(sqliteDialect.descNullsLast('last_activity_at')).toBe('last_activity_at DESC');
    // Nothing to lock on SQLite, where a writing transaction runs alone.
    expect([sqliteDialect.lockNumber, sqliteDialect.forUpdate]).toEqual([null, '']);
    expect(postgresDialect.sql(postgresDialect.lockNumber!)).toBe('SELECT pg_advisory_xact_lock(hashtext($1))');
  });
});
