import type { LeadSearchHit, LeadSearchResult } from '../../shared/lead-context.ts';
import type { LeadCondition } from '../queue/list-access.ts';
import type { Database } from '../store/database.ts';
import type { Queryable } from '../store/seam/store.ts';
import { phonesOf } from './lead-cards.ts';
import { toLead, type LeadRow } from './lead-rows.ts';
import { normalizePhone } from './phone-numbers.ts';

/**
 * Finds any lead, open or closed, from one box: a name, a company, an email, or a number in any
 * format, on either store. Words go to the full-text index over name, company and email
 * (prefixes, accents folded: SQLite's FTS5 table kept by triggers, migration 7; PostgreSQL's GIN
 * index over lead_words(), migration 1; dialect.ts says each); a number is read into E.164 and
 * looked up whole, or by its last digits through an index on each number's last four, so
 * "(212) 555-0100", "2125550100", "+1 212 555 0100" and "0100" all find +12125550100. On a team a
 * rep finds only the leads their lists offer them (`access`, list-access.ts).
 */

/** Fewer digits than this are read as words: "3M" or "42nd" are not phone numbers. */
const MIN_NUMBER_DIGITS = 4;
/** Leads a broad query reads from the index before ranking; newest first beyond that. */
const CANDIDATES = 200;

export interface SearchOptions {
  limit: number;
  defaultCountry: string;
  /** The leads the person searching may see (a rep on a team: their lists, list-access.ts); null for every lead. */
  access?: LeadCondition | null;
}

export async function searchLeads(q: Queryable, query: string, options: SearchOptions): Promise<LeadSearchResult> {
  const text = query.trim();
  const digits = text.replace(/\D/g, '');
  if (isNumberQuery(text, digits)) {
    return { query: text, kind: 'number', hits: await byNumber(q, text, digits, options) };
  }
  return { query: text, kind: 'words', hits: await byWords(q, text, options) };
}

function isNumberQuery(text: string, digits: string): boolean {
  return digits.length >= MIN_NUMBER_DIGITS && /^[\d\s()+.\-/]+$/.test(text);
}

async function byWords(q: Queryable, text: string, { limit, access }: SearchOptions): Promise<LeadSearchHit[]> {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(fold);
  if (words.length === 0) return [];
  // Newest first straight from the index (no rank over every match): a common first name
  // still answers at once, then the best of those are sorted below.
  const rows = await q.all<LeadRow>(`SELECT leads.* FROM leads WHERE leads.id IN (${q.dialect.leadsWithWords(access?.where ?? null)})`, [
    q.dialect.wordsOf(text),
    ...(access?.params ?? []),
    CANDIDATES,
  ]);
  const ranked = rows
    .map((row) => ({ row, ...scoreWords(row, words) }))
    .sort((a, b) => b.score - a.score || b.row.id - a.row.id)
    .slice(0, limit);
  return Promise.all(ranked.map(({ row, matched }) => hit(q, row, matched)));
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

async function byNumber(q: Queryable, text: string, digits: string, { limit, defaultCountry, access }: SearchOptions): Promise<LeadSearchHit[]> {
  // The whole number, read in the rep's country ("020 7946 0000" in the UK is +442079460000) or
  // as international digits; and its tail, with a national trunk 0 dropped, for a caller ID's
  // last digits or a number written without its country code.
  const whole = [...new Set([normalizePhone(text, defaultCountry).e164, normalizePhone(`+${digits}`, defaultCountry).e164].filter((n): n is string => n !== null))];
  const national = digits.replace(/^0+/, '');
  const found = new Map<number, { rank: number; at: number }>();
  const note = (rows: { lead_id: number; id: number }[], rank: number) => {
    for (const r of rows) {
      const known = found.get(r.lead_id);
      if (!known || known.rank < rank) found.set(r.lead_id, { rank, at: r.id });
    }
  };
  if (whole.length) {
    note(await q.all<{ lead_id: number; id: number }>(`SELECT lead_id, id FROM phones WHERE ${q.dialect.inTexts('e164')} LIMIT ?`, [JSON.stringify(whole), CANDIDATES]), 2);
  }
  note(
    await q.all<{ lead_id: number; id: number }>(
      `SELECT lead_id, id FROM phones INDEXED BY phones_last_digits
       WHERE e164 IS NOT NULL AND ${q.dialect.lastFour('e164')} = ? AND (e164 LIKE '%' || ? OR e164 LIKE '%' || ?) ORDER BY id DESC LIMIT ?`,
      [digits.slice(-4), digits, national.length >= MIN_NUMBER_DIGITS ? national : digits, CANDIDATES],
    ),
    1,
  );
  // The leads the person may see, then the best of them.
  const rows = await q.all<LeadRow>(`SELECT leads.* FROM leads WHERE ${q.dialect.inIds('leads.id')}${access ? ` AND (${access.where})` : ''}`, [
    JSON.stringify([...found.keys()]),
    ...(access?.params ?? []),
  ]);
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const ids = [...found.entries()].filter(([id]) => byId.has(id)).sort((a, b) => b[1].rank - a[1].rank || b[0] - a[0]).slice(0, limit).map(([id]) => id);
  return Promise.all(ids.map((id) => hit(q, byId.get(id)!, 'number')));
}

async function hit(q: Queryable, row: LeadRow, matched: LeadSearchHit['matched']): Promise<LeadSearchHit> {
  const last = await q.one<{ started_at: number; disposition_label: string; rep: string | null }>(
    'SELECT started_at, disposition_label, rep FROM calls WHERE lead_id = ? ORDER BY started_at DESC, id DESC LIMIT 1',
    [row.id],
  );
  return {
    lead: toLead(row),
    phones: await phonesOf(q, row.id),
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
