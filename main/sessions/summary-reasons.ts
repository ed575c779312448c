import { OTHER_REASON_PREFIX } from '../../shared/lead-context.ts';
import type { CallingSummary } from '../../shared/summary.ts';
import { codesWith } from '../floor/today-calls.ts';
import type { Queryable } from '../store/seam/store.ts';

/**
 * Why leads were closed, grouped: for each disposition that has a list of reasons (or asks for
 * one), how many calls gave each listed reason, and how many gave another ("Other", which holds
 * the free text and the reasons of a list since edited). A team lead reads "12 no budget" rather
 * than 12 sentences. `callIds` is the calls' ids as one JSON array.
 */
export async function groupReasons(q: Queryable, callIds: string): Promise<CallingSummary['reasons']> {
  const asking = await codesWith(q, 'needsReason');
  const rows = await q.all<{ code: string; label: string; reason: string }>(
    `SELECT c.disposition_code AS code, c.disposition_label AS label, c.override_reason AS reason
     FROM calls c
     WHERE ${q.dialect.inIds('c.id')} AND c.override_reason IS NOT NULL
       AND (EXISTS (SELECT 1 FROM disposition_reasons r WHERE r.disposition_code = c.disposition_code)
            OR ${q.dialect.inTexts('c.disposition_code')})`,
    [callIds, JSON.stringify([...asking])],
  );
  if (rows.length === 0) return [];
  const listed = new Map<string, Map<string, string>>();
  for (const r of await q.all<{ code: string; label: string }>('SELECT disposition_code AS code, label FROM disposition_reasons')) {
    const labels = listed.get(r.code) ?? new Map<string, string>();
    labels.set(r.label.toLowerCase(), r.label);
    listed.set(r.code, labels);
  }
  const groups = new Map<string, { code: string; label: string; reason: string; count: number }>();
  for (const row of rows) {
    const text = row.reason.trim();
    const reason = text.startsWith(OTHER_REASON_PREFIX) ? 'Other' : (listed.get(row.code)?.get(text.toLowerCase()) ?? 'Other');
    const key = `${row.code}\u0000${reason}`;
    const group = groups.get(key) ?? { code: row.code, label: row.label, reason, count: 0 };
    group.count++;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.code.localeCompare(b.code) || b.count - a.count || a.reason.localeCompare(b.reason));
}

/** Several summaries' reasons added up, for a team's total. */
export function mergeReasons(lists: readonly CallingSummary['reasons'][]): CallingSummary['reasons'] {
  const groups = new Map<string, { code: string; label: string; reason: string; count: number }>();
  for (const r of lists.flat()) {
    const key = `${r.code}\u0000${r.reason}`;
    const group = groups.get(key) ?? { ...r, count: 0 };
    group.count += r.count;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.code.localeCompare(b.code) || b.count - a.count || a.reason.localeCompare(b.reason));
}
