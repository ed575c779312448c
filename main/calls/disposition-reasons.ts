import { ApiError } from '../../shared/api-error.ts';
import type { ReasonList } from '../../shared/lead-context.ts';
import type { Queryable } from '../store/seam/store.ts';
import { listDispositions } from './disposition-store.ts';

/**
 * The reasons a team lead lists for a disposition (why disqualified, why not interested). The
 * rep picks one with a key, or writes "Other: …"; the reports group calls by them. Every
 * disposition that asks for a reason, or has a list, appears, so the team lead can start one.
 */
export async function listReasons(q: Queryable): Promise<ReasonList[]> {
  const rows = await q.all<{ code: string; label: string }>('SELECT disposition_code AS code, label FROM disposition_reasons ORDER BY disposition_code, position');
  const byCode = new Map<string, string[]>();
  for (const r of rows) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r.label]);
  return (await listDispositions(q))
    .filter((d) => !d.retired && (d.needsReason || byCode.has(d.code) || d.moveTo === 'disqualified' || d.moveTo === 'nurture'))
    .map((d) => ({ code: d.code, label: d.label, reasons: byCode.get(d.code) ?? [] }));
}

/** Replaces a disposition's reasons (an empty list: the rep writes the reason in words). */
export function saveReasons(q: Queryable, code: string, reasons: readonly string[]): Promise<ReasonList[]> {
  return q.transaction(async (tx) => {
    if (!(await listDispositions(tx)).some((d) => d.code === code && !d.retired)) throw new ApiError('not-found', `There is no disposition "${code}" in use.`);
    await tx.run('DELETE FROM disposition_reasons WHERE disposition_code = ?', [code]);
    for (const [i, label] of reasons.entries()) await tx.run('INSERT INTO disposition_reasons (disposition_code, position, label) VALUES (?, ?, ?)', [code, i, label.trim()]);
    return listReasons(tx);
  });
}
