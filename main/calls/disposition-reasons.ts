import { ApiError } from '../../shared/api-error.ts';
import type { ReasonList } from '../../shared/lead-context.ts';
import { transaction, type Database } from '../store/database.ts';
import { cachedStatement } from '../store/statement-cache.ts';
import { listDispositions } from './disposition-store.ts';

/**
 * The reasons a team lead lists for a disposition (why disqualified, why not interested). The
 * rep picks one with a key, or writes "Other: …"; the reports group calls by them. Every
 * disposition that asks for a reason, or has a list, appears, so the team lead can start one.
 */
export function listReasons(db: Database): ReasonList[] {
  const rows = cachedStatement(db, 'SELECT disposition_code AS code, label FROM disposition_reasons ORDER BY disposition_code, position').all() as {
    code: string;
    label: string;
  }[];
  const byCode = new Map<string, string[]>();
  for (const r of rows) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r.label]);
  return listDispositions(db)
    .filter((d) => !d.retired && (d.needsReason || byCode.has(d.code) || d.moveTo === 'disqualified' || d.moveTo === 'nurture'))
    .map((d) => ({ code: d.code, label: d.label, reasons: byCode.get(d.code) ?? [] }));
}

export function reasonsFor(db: Database, code: string): string[] {
  return (cachedStatement(db, 'SELECT label FROM disposition_reasons WHERE disposition_code = ? ORDER BY position').all(code) as { label: string }[]).map((r) => r.label);
}

/** Replaces a disposition's reasons (an empty list: the rep writes the reason in words). */
export function saveReasons(db: Database, code: string, reasons: readonly string[]): ReasonList[] {
  if (!listDispositions(db).some((d) => d.code === code && !d.retired)) throw new ApiError('not-found', `There is no disposition "${code}" in use.`);
  return transaction(db, () => {
    cachedStatement(db, 'DELETE FROM disposition_reasons WHERE disposition_code = ?').run(code);
    const insert = cachedStatement(db, 'INSERT INTO disposition_reasons (disposition_code, position, label) VALUES (?, ?, ?)');
    reasons.forEach((label, i) => insert.run(code, i, label.trim()));
    return listReasons(db);
  });
}
