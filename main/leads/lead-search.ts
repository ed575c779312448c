import type { LeadSearchHit, LeadSearchResult } from '../../shared/lead-context.ts';
import type { Database } from '../store/database.ts';
import { phonesOf, toLead, type LeadRow } from './lead-rows.ts';
import { normalizePhone } from './phone-numbers.ts';

/**
 * Finds any lead, open or closed, from one box: a name, a company, an email, or a number in any
 * format. Words go to the full-text index over name, company and email (prefixes, accents
 * folded; kept by triggers, migration 7, so every writer keeps it true); a number is read into
 * E.164 and looked up whole, or by its last digits through an index on each number's last four,
 * so "(212) 555-0100", "2125550100", "+1 212 555 0100" and "0100" all find +12125550100.
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
  // The whole number, read in the rep's country ("020 7946 0000" in the UK is +442079460000) or
  // as international digits; and its tail, with a national trunk 0 dropped, for a caller ID's
  // last digits or a number written without its country code.
  const whole = [...new Set([normalizePhone(text, options.defaultCountry).e164, normalizePhone(`+${digits}`, options.defaultCountry).e164].filter((n): n is string => n !== null))];
  const national = digits.replace(/^0+/, '');
  const found = new Map<number, { rank: number; at: number }>();
  const note = (rows: { lead_id: number; id: number }[], rank: number) => {
    for (const r of rows) {
      const known = found.get(r.lead_id);
      if (!known || known.rank < rank) found.set(r.lead_id, { rank, at: r.id });
    }
  };
  if (whole.length) {
    note(db.prepare('SELECT lead_id, id FROM phones WHERE e164 IN (SELECT value FROM json_each(?)) LIMIT ?').all(JSON.stringify(whole), CANDIDATES) as { lead_id: number; id: number }[], 2);
  }
  note(
    db
      .prepare(
        `SELECT lead_id, id FROM phones INDEXED BY phones_last_digits
         WHERE e164 IS NOT NULL AND substr(e164, -4) = ? AND (e164 LIKE '%' || ? OR e164 LIKE '%' || ?) ORDER BY id DESC LIMIT ?`,
      )
      .all(digits.slice(-4), digits, national.length >= MIN_NUMBER_DIGITS ? national : digits, CANDIDATES) as { lead_id: number; id: number }[],
    1,
  );
  const ids = [...found.entries()].sort((a, b) => b[1].rank - a[1].rank || b[0] - a[0]).slice(0, options.limit).map(([id]) => id);
  const rows = db.prepare('SELECT * FROM leads WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as unknown as LeadRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [hit(db, byId.get(id)!, 'number')] : []));
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
