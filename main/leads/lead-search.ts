import type { LeadSearchHit, LeadSearchResult } from '../../shared/lead-context.ts';
import type { Database } from '../store/database.ts';
import { phonesOf, toLead, type LeadRow } from './lead-rows.ts';
import { normalizePhone } from './phone-numbers.ts';

/**
 * Finds any lead, open or closed, from one box: a name, a company, an email, or a number in any
 * format. Words go to the full-text index over name, company and email (prefixes, accents
 * folded); a number goes to the index of every number's digits, so "(212) 555-0100",
 * "2125550100", "+1 212 555 0100" and the last digits "0100" all find +12125550100. Both
 * indexes are kept by triggers (migration 7), so every writer keeps them true.
 */

/** Fewer digits than this are read as words: "3M" or "42nd" are not phone numbers. */
const MIN_NUMBER_DIGITS = 4;
/** Leads a broad query reads from the index before ranking; newest first beyond that. */
const CANDIDATES = 200;

export function searchLeads(db: Database, query: string, options: { limit: number; defaultCountry: string }): LeadSearchResult {
  const text = query.trim();
  const digits = text.replace(/\D/g, '');
  if (isNumberQuery(text, digits)) {
    return { query: text, kind: 'number', hits: byNumber(db, text, digits, options).slice(0, options.limit) };
  }
  return { query: text, kind: 'words', hits: byWords(db, text, options.limit) };
}

function isNumberQuery(text: string, digits: string): boolean {
  return digits.length >= MIN_NUMBER_DIGITS && /^[\d\s()+.\-/]+$/.test(text);
}

/** The words of a query as FTS5 prefix terms, each quoted so no character is read as syntax. */
export function wordTerms(text: string): string[] {
  const words = text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`);
}

function byWords(db: Database, text: string, limit: number): LeadSearchHit[] {
  const terms = wordTerms(text);
  if (terms.length === 0) return [];
  // Newest first straight from the index (no rank over every match): a common first name
  // still answers at once, then the best of those are sorted below.
  const rows = db
    .prepare(
      `SELECT l.* FROM leads l WHERE l.id IN (
         SELECT rowid FROM lead_words WHERE lead_words MATCH ? ORDER BY rowid DESC LIMIT ?)`,
    )
    .all(terms.join(' '), CANDIDATES) as unknown as LeadRow[];
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(fold);
  return rows
    .map((row) => ({ row, ...scoreWords(row, words) }))
    .sort((a, b) => b.score - a.score || b.row.id - a.row.id)
    .slice(0, limit)
    .map(({ row, matched }) => hit(db, row, matched));
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Whole words over prefixes, the name over the company over the email. */
function scoreWords(row: LeadRow, words: string[]): { score: number; matched: LeadSearchHit['matched'] } {
  const fields = {
    name: `${row.first_name} ${row.last_name}`,
    company: row.company ?? '',
    email: row.email ?? '',
  } as const;
  const weight = { name: 3, company: 2, email: 1 } as const;
  let score = 0;
  let best: { field: keyof typeof fields; points: number } = { field: 'name', points: -1 };
  for (const field of Object.keys(fields) as (keyof typeof fields)[]) {
    const tokens = fold(fields[field]).split(/[^\p{L}\p{N}]+/u);
    let points = 0;
    for (const word of words) {
      if (tokens.includes(word)) points += 2 * weight[field];
      else if (tokens.some((t) => t.startsWith(word))) points += weight[field];
    }
    score += points;
    if (points > best.points) best = { field, points };
  }
  return { score, matched: best.field };
}

function byNumber(db: Database, text: string, digits: string, options: { limit: number; defaultCountry: string }): LeadSearchHit[] {
  // The digits as typed, and the number read in the rep's country ("020 7946 0000" in the UK is
  // 442079460000): either may be how the store holds it.
  const e164 = normalizePhone(text, options.defaultCountry).e164?.slice(1);
  const forms = [...new Set([digits, ...(e164 ? [e164] : [])])];
  const match = forms.map((f) => `"${f}"`).join(' OR ');
  const rows = db
    .prepare(
      `SELECT l.*, p.digits FROM phone_digits p JOIN leads l ON l.id = p.lead_id
       WHERE phone_digits MATCH ? ORDER BY p.rowid DESC LIMIT ?`,
    )
    .all(match, CANDIDATES) as unknown as (LeadRow & { digits: string })[];
  // A whole number first, then one that ends with the digits (a caller ID's tail), then the rest.
  const rank = (stored: string) => {
    const numbers = stored.split(' ');
    if (forms.some((f) => numbers.includes(f))) return 2;
    if (forms.some((f) => numbers.some((n) => n.endsWith(f)))) return 1;
    return 0;
  };
  const seen = new Map<number, { row: LeadRow; rank: number }>();
  for (const row of rows) {
    const r = rank(row.digits);
    const known = seen.get(row.id);
    if (!known || known.rank < r) seen.set(row.id, { row, rank: r });
  }
  return [...seen.values()]
    .sort((a, b) => b.rank - a.rank || b.row.id - a.row.id)
    .slice(0, options.limit)
    .map(({ row }) => hit(db, row, 'number'));
}

function hit(db: Database, row: LeadRow, matched: LeadSearchHit['matched']): LeadSearchHit {
  const last = db
    .prepare('SELECT started_at, disposition_label, rep FROM calls WHERE lead_id = ? ORDER BY started_at DESC, id DESC LIMIT 1')
    .get(row.id) as { started_at: number; disposition_label: string; rep: string | null } | undefined;
  return {
    lead: toLead(row),
    phones: phonesOf(db, row.id),
    matched,
    lastCall: last ? { at: new Date(last.started_at).toISOString(), dispositionLabel: last.disposition_label, rep: last.rep } : null,
  };
}

/**
 * The same question answered without the indexes, by reading every lead: the benchmark's
 * baseline, so the indexed figure is read beside what it replaces on the same machine.
 */
export function scanLeads(db: Database, query: string, limit: number): number[] {
  const digits = query.replace(/\D/g, '');
  if (isNumberQuery(query.trim(), digits)) {
    return (
      db
        .prepare(
          `SELECT DISTINCT lead_id AS id FROM phones
           WHERE replace(replace(replace(replace(replace(raw, ' ', ''), '-', ''), '(', ''), ')', ''), '+', '') LIKE '%' || ? || '%'
              OR e164 LIKE '%' || ? || '%' LIMIT ?`,
        )
        .all(digits, digits, limit) as { id: number }[]
    ).map((r) => r.id);
  }
  const like = `%${query.trim()}%`;
  return (
    db
      .prepare(
        `SELECT id FROM leads WHERE first_name || ' ' || last_name LIKE ? OR company LIKE ? OR email LIKE ? ORDER BY id DESC LIMIT ?`,
      )
      .all(like, like, like, limit) as { id: number }[]
  ).map((r) => r.id);
}
