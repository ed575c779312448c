import { IMPORT_UPDATED_COLUMNS, LEAD_SQL, chooseMatch, mergedColumns, newLeadValues, type Candidate, type Candidates, type MergeRow } from '../leads/lead-merge.ts';
import type { ImportedLead } from '../leads/lead-row.ts';
import { insertRows, newIdsOf, updateRows } from '../store/seam/row-batches.ts';
import type { Queryable, SqlValue } from '../store/seam/store.ts';

/**
 * The rep's leads written a batch at a time with the importer's rules (lead-merge.ts: matched by
 * CRM id, then email, then number; a match completed, never overwritten; no match makes a lead, a
 * lead with no number that matches nothing is skipped), in a dozen statements a batch where the
 * importer's writer on the seam (lead-upsert.ts) takes four to ten a lead.
 *
 * The outcome is the one lead-by-lead writing gives, because a batch stops before a lead that
 * could read what an earlier lead of the batch wrote: one sharing a CRM id, an email or a number
 * with it (it would find the lead that one made or completed), or one that could match the team's
 * lead an earlier one completed (its name or CRM id may have been filled). That lead starts the
 * next batch, which is looked up after this one is written.
 */
export const LEADS_PER_BATCH = 500;

/** A lead of the batch: written onto the team's lead `leadId` (made now when `created`), or skipped (no number, no match). */
export type WrittenLead = { leadId: number; created: boolean } | null;

type Found = Candidate & { key: string; value: string };

const numbersOf = (lead: ImportedLead): string[] => lead.phones.flatMap((p) => (p.e164 ? [p.e164] : []));
const keysOf = (lead: ImportedLead): string[] => [...(lead.crmId ? [`c ${lead.crmId}`] : []), ...(lead.email ? [`e ${lead.email}`] : []), ...numbersOf(lead).map((n) => `p ${n}`)];

/** The team's leads under the keys of `leads`, in one statement: rows tagged `key` 'c' (CRM id), 'e' (email) or 'p' (number), `value` the key's. */
async function candidatesOf(q: Queryable, leads: readonly ImportedLead[]): Promise<Found[]> {
  const { inTexts } = q.dialect;
  const json = (values: (string | null)[]) => JSON.stringify([...new Set(values.filter((v): v is string => !!v))]);
  return q.all<Found>(
    `SELECT 'c' AS key, crm_id AS value, id, crm_id, email, first_name FROM leads WHERE ${inTexts('crm_id')}
     UNION ALL
     SELECT 'e' AS key, email AS value, id, crm_id, email, first_name FROM leads WHERE email IS NOT NULL AND ${inTexts('email')}
     UNION ALL
     SELECT DISTINCT 'p' AS key, p.e164 AS value, l.id, l.crm_id, l.email, l.first_name FROM phones p JOIN leads l ON l.id = p.lead_id
      WHERE p.e164 IS NOT NULL AND ${inTexts('p.e164')}`,
    [json(leads.map((l) => l.crmId)), json(leads.map((l) => l.email)), json(leads.flatMap(numbersOf))],
  );
}

/** What `candidatesQuery` (lead-merge.ts) finds for one lead, read from the batch's rows: the email's first lead, each number's first 20. */
function candidatesFor(lead: ImportedLead, found: ReadonlyMap<string, Candidate[]>): Candidates {
  const under = (key: string) => found.get(key) ?? [];
  return {
    byCrmId: lead.crmId ? under(`c ${lead.crmId}`)[0]?.id : undefined,
    byEmail: lead.email ? under(`e ${lead.email}`)[0] : undefined,
    byNumber: numbersOf(lead).map((n) => under(`p ${n}`).slice(0, 20)),
  };
}

/**
 * The next batch from `leads[from]` (at most `most` leads, at least one): each lead's match among
 * the team's leads (undefined: none), stopping before a lead that could read what an earlier one
 * of the batch writes.
 */
export async function nextBatch(q: Queryable, leads: readonly ImportedLead[], from: number, most: number): Promise<(number | undefined)[]> {
  const slice = leads.slice(from, from + most);
  const found = new Map<string, Candidate[]>();
  for (const { key, value, ...candidate } of (await candidatesOf(q, slice)).sort((a, b) => Number(a.id) - Number(b.id))) {
    const list = found.get(`${key} ${value}`) ?? [];
    if (!list.some((c) => c.id === candidate.id)) list.push({ ...candidate, id: Number(candidate.id) });
    found.set(`${key} ${value}`, list);
  }
  const keys = new Set<string>();
  const completed = new Set<number>();
  const matches: (number | undefined)[] = [];
  for (const lead of slice) {
    const candidates = candidatesFor(lead, found);
    const ids = [candidates.byCrmId, candidates.byEmail?.id, ...candidates.byNumber.flat().map((c) => c.id)];
    if (matches.length > 0 && (keysOf(lead).some((k) => keys.has(k)) || ids.some((id) => id !== undefined && completed.has(id)))) break;
    const match = chooseMatch(lead, candidates);
    matches.push(match);
    if (match === undefined && lead.phones.length === 0) continue;
    for (const k of keysOf(lead)) keys.add(k);
    if (match !== undefined) completed.add(match);
  }
  return matches;
}

const mergeRead = (q: Queryable) => `SELECT id, ${IMPORT_UPDATED_COLUMNS.join(', ')}, last_attempt_at FROM leads WHERE ${q.dialect.inIds('id')}`;
const NUMERIC = new Set(['requested_call', 'do_not_call', 'score', 'last_activity_at', 'hand_raised_at']);
const INSERT_ZONE = 'INSERT INTO queue_zones (time_zone) VALUES (?) ON CONFLICT (time_zone) DO NOTHING';

/**
 * The batch `nextBatch` chose, written: new leads made with their numbers and activities, matched
 * ones completed (blanks filled, flags raised, numbers and activities they lack added). `zones`:
 * the queue's time zones already added by this upload. The leads' queue columns are the caller's
 * to refresh, once what hangs off them is written too.
 */
export async function writeBatch(q: Queryable, leads: readonly ImportedLead[], matches: readonly (number | undefined)[], zones: Set<string>): Promise<WrittenLead[]> {
  const written: WrittenLead[] = matches.map((match, i) => (match !== undefined ? { leadId: match, created: false } : leads[i]!.phones.length ? { leadId: 0, created: true } : null));
  const fresh = leads.filter((_, i) => written[i]?.created);
  const ids = await newIdsOf(q, LEAD_SQL.insertLead, fresh.map((lead) => newLeadValues(lead, null)));
  let next = 0;
  for (const w of written) if (w?.created) w.leadId = ids[next++]!;

  const merged = written.flatMap((w, i) => (w && !w.created ? [{ id: w.leadId, lead: leads[i]! }] : []));
  const idsJson = JSON.stringify(merged.map((m) => m.id));
  const now = new Map((merged.length ? await q.all<MergeRow>(mergeRead(q), [idsJson]) : []).map((row) => [Number(row.id), row]));
  const changed = merged.flatMap(({ id, lead }) => {
    const before = now.get(id)!;
    const after = mergedColumns(before, lead);
    return IMPORT_UPDATED_COLUMNS.some((c) => after[c] !== before[c]) ? [[id, ...IMPORT_UPDATED_COLUMNS.map((c) => after[c])]] : [];
  });
  await updateRows(
    q,
    'leads',
    {
      types: ['BIGINT', ...IMPORT_UPDATED_COLUMNS.map((c) => (NUMERIC.has(c) ? 'BIGINT' : 'TEXT'))],
      set: IMPORT_UPDATED_COLUMNS.map((c, i) => `${c} = v.column${i + 2}`).join(', '),
      where: 'leads.id = v.column1',
    },
    changed,
  );

  const newZones = [...new Set(leads.flatMap((lead, i) => (written[i]?.created ? [lead.timeZone ?? ''] : written[i] && lead.timeZone ? [lead.timeZone] : [])))].filter((z) => !zones.has(z));
  await insertRows(q, INSERT_ZONE, newZones.map((z) => [z]));
  for (const z of newZones) zones.add(z);

  const phones: SqlValue[][] = [];
  const have = new Map<number, { position: number; raw: string; e164: string | null }[]>();
  if (merged.length) {
    for (const p of await q.all<{ lead_id: number; position: number; raw: string; e164: string | null }>(`SELECT lead_id, position, raw, e164 FROM phones WHERE ${q.dialect.inIds('lead_id')}`, [idsJson])) {
      const list = have.get(Number(p.lead_id)) ?? [];
      list.push({ ...p, position: Number(p.position) });
      have.set(Number(p.lead_id), list);
    }
  }
  leads.forEach((lead, i) => {
    const w = written[i];
    if (!w) return;
    const own = have.get(w.leadId) ?? [];
    let position = own.reduce((p, n) => Math.max(p, n.position + 1), 0);
    for (const p of lead.phones) {
      // A number the lead already has keeps the flag the team gave it; a new one comes with the rep's.
      if (!w.created && own.some((n) => (p.e164 !== null && n.e164 === p.e164) || n.raw === p.raw)) continue;
      own.push({ position, raw: p.raw, e164: p.e164 });
      phones.push([w.leadId, position++, p.raw, p.e164, p.type, null, p.bad ? 1 : 0]);
    }
  });
  await insertRows(q, LEAD_SQL.insertPhone, phones);
  await insertRows(
    q,
    LEAD_SQL.insertActivity,
    leads.flatMap((lead, i) => (written[i] ? lead.activities.map((a) => [written[i]!.leadId, a.type, a.title, a.url, a.occurredAt, a.details, null]) : [])),
  );
  return written;
}
