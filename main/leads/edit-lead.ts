import { ApiError } from '../../shared/api-error.ts';
import type { LeadEdit, LeadEditInput } from '../../shared/lead-context.ts';
import type { LeadCard, PhoneType } from '../../shared/leads.ts';
import type { Clock } from '../clock.ts';
import { checkLeadAccess, type LeadCondition } from '../queue/list-access.ts';
import { refreshLeadQueueColumns } from '../queue/queue-columns.ts';
import type { Queryable } from '../store/seam/store.ts';
import { getLeadCard } from './lead-cards.ts';
import { normalizePhone } from './phone-numbers.ts';
import { canonicalZone, resolveTimeZone } from './time-zones.ts';

/**
 * A rep corrects a lead: a name misspelt, a new title, a number given on the phone. Numbers are
 * read again (E.164, in the lead's country), the queue's columns follow, and every change is kept
 * in the lead's history with who made it and when (on a team, the signed-in account's name). A
 * bad value changes nothing. On either store, through the seam.
 */
export interface EditContext {
  clock: Clock;
  rep: string | null;
  /** The leads the person may correct (a rep on a team: their lists, list-access.ts); null for every lead. */
  access?: LeadCondition | null;
  /** The country a number without a prefix is read in when the lead has none of its own. */
  defaultCountry: string;
  lifetimeAttemptCap: number;
}

const TEXT_FIELDS = [
  ['firstName', 'first_name', 'first name'],
  ['lastName', 'last_name', 'last name'],
  ['company', 'company', 'company'],
  ['title', 'title', 'title'],
  ['email', 'email', 'email'],
  ['timeZone', 'time_zone', 'time zone'],
] as const;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

type Change = LeadEdit['changes'][number];

export async function editLead(q: Queryable, input: LeadEditInput, ctx: EditContext): Promise<LeadCard> {
  return q.transaction(async (tx) => {
    const lead = await tx.one<Record<string, string | number | null>>('SELECT id, first_name, last_name, company, title, email, time_zone, country FROM leads WHERE id = ?', [input.leadId]);
    if (!lead) throw new ApiError('not-found', `No lead with id ${input.leadId}.`);
    await checkLeadAccess(tx, input.leadId, ctx.access ?? null);

    const wanted = cleanFields(input);
    const changes: Change[] = [];
    const sets: string[] = [];
    const values: (string | null)[] = [];
    for (const [key, column, label] of TEXT_FIELDS) {
      if (!(key in wanted)) continue;
      const after = wanted[key] ?? null;
      const before = (lead[column] as string | null) ?? null;
      if (after === before || (after ?? '') === (before ?? '')) continue;
      changes.push({ field: label, before, after });
      sets.push(`${column} = ?`);
      values.push(column === 'first_name' || column === 'last_name' ? (after ?? '') : after);
    }
    if (sets.length) await tx.run(`UPDATE leads SET ${sets.join(', ')} WHERE id = ?`, [...values, input.leadId]);

    if (input.phones) changes.push(...(await replacePhones(tx, input.leadId, input.phones, (lead.country as string | null) ?? ctx.defaultCountry)));

    // A lead whose zone nobody knew may be placed by its new number.
    const zoneOf = async () => (await tx.one<{ time_zone: string | null }>('SELECT time_zone FROM leads WHERE id = ?', [input.leadId]))!.time_zone;
    if ((await zoneOf()) === null && input.phones && !('timeZone' in wanted)) {
      const numbers = (await tx.all<{ e164: string }>('SELECT e164 FROM phones WHERE lead_id = ? AND e164 IS NOT NULL ORDER BY position', [input.leadId])).map((p) => p.e164);
      const zone = resolveTimeZone({ explicit: '', region: '', country: null, numbers });
      if (zone) {
        await tx.run('UPDATE leads SET time_zone = ? WHERE id = ?', [zone, input.leadId]);
        changes.push({ field: 'time zone', before: null, after: zone });
      }
    }
    // The queue asks each zone's index in turn: a zone no lead had before joins the list.
    await tx.run('INSERT INTO queue_zones (time_zone) VALUES (?) ON CONFLICT (time_zone) DO NOTHING', [(await zoneOf()) ?? '']);

    if (changes.length === 0) throw new ApiError('invalid-input', 'Nothing to save: every field is as it was.');
    await refreshLeadQueueColumns(tx, input.leadId, ctx.lifetimeAttemptCap);
    await tx.run('INSERT INTO lead_edits (lead_id, at, rep, changes) VALUES (?, ?, ?, ?)', [input.leadId, ctx.clock.now(), ctx.rep, JSON.stringify(changes)]);
    return getLeadCard(tx, input.leadId);
  });
}

/** The text fields as they will be stored, each checked; a wrong one is named in words. */
function cleanFields(input: LeadEditInput): Partial<Record<(typeof TEXT_FIELDS)[number][0], string | null>> {
  const out: Partial<Record<(typeof TEXT_FIELDS)[number][0], string | null>> = {};
  const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim());
  if (input.firstName !== undefined) out.firstName = input.firstName.trim();
  if (input.lastName !== undefined) out.lastName = input.lastName.trim();
  if (out.firstName === '' && out.lastName === '') throw new ApiError('invalid-input', 'A lead needs a first or a last name.');
  for (const key of ['company', 'title'] as const) {
    const v = blankToNull(input[key]);
    if (v !== undefined) out[key] = v;
  }
  const email = blankToNull(input.email);
  if (email !== undefined) {
    if (email !== null && !EMAIL.test(email)) throw new ApiError('invalid-input', `"${email}" is not an email address.`);
    out.email = email === null ? null : email.toLowerCase();
  }
  const zone = blankToNull(input.timeZone);
  if (zone !== undefined) {
    const canonical = zone === null ? null : canonicalZone(zone);
    if (zone !== null && canonical === null) throw new ApiError('invalid-input', `"${zone}" is not a time zone (write one like America/New_York).`);
    out.timeZone = canonical;
  }
  return out;
}

/**
 * The lead's numbers become the list given, in its order: a number with an id is that number
 * (re-read if its text changed, and good again: a corrected number deserves a dial), one
 * without is new, one left out is removed. Calls keep the number they dialled (stored on them).
 */
async function replacePhones(q: Queryable, leadId: number, phones: NonNullable<LeadEditInput['phones']>, country: string): Promise<Change[]> {
  const existing = await q.all<{ id: number; position: number; raw: string; e164: string | null; type: PhoneType }>(
    'SELECT id, position, raw, e164, type FROM phones WHERE lead_id = ? ORDER BY position',
    [leadId],
  );
  if (phones.length === 0) throw new ApiError('invalid-input', 'A lead keeps at least one number (mark a wrong one with the Bad number disposition).');
  const byId = new Map(existing.map((p) => [p.id, p]));
  for (const p of phones) {
    if (p.id !== undefined && !byId.has(p.id)) throw new ApiError('invalid-input', `Number #${p.id} is not one of this lead's.`);
  }
  const seen = new Set<string>();
  const read = phones.map((p) => {
    const normal = normalizePhone(p.raw, country);
    const key = normal.e164 ?? normal.raw;
    if (seen.has(key)) throw new ApiError('invalid-input', `${p.raw} is listed twice.`);
    seen.add(key);
    return { ...p, ...normal };
  });
  const show = (p: { raw: string; e164: string | null; type: string }) => `${p.raw}${p.e164 && p.e164 !== p.raw ? ` (${p.e164})` : p.e164 ? '' : ' (not a valid number)'}, ${p.type}`;
  const changes: Change[] = [];
  const kept = new Set(read.flatMap((p) => (p.id === undefined ? [] : [p.id])));
  for (const old of existing) {
    if (kept.has(old.id)) continue;
    await q.run('DELETE FROM phones WHERE id = ?', [old.id]);
    changes.push({ field: 'number', before: show(old), after: null });
  }
  // Positions are rewritten after the numbers: move the kept ones out of the way first.
  await q.run('UPDATE phones SET position = position + 1000 WHERE lead_id = ?', [leadId]);
  for (const [position, p] of read.entries()) {
    const old = p.id === undefined ? undefined : byId.get(p.id);
    if (!old) {
      await q.run('INSERT INTO phones (lead_id, position, raw, e164, type) VALUES (?, ?, ?, ?, ?)', [leadId, position, p.raw, p.e164, p.type]);
      changes.push({ field: 'number', before: null, after: show(p) });
    } else if (old.raw !== p.raw || old.type !== p.type) {
      // A corrected number is good again.
      await q.run(`UPDATE phones SET position = ?, raw = ?, e164 = ?, type = ?, bad = CASE WHEN ? = 1 THEN 0 ELSE bad END WHERE id = ?`, [
        position,
        p.raw,
        p.e164,
        p.type,
        old.e164 !== p.e164 ? 1 : 0,
        old.id,
      ]);
      changes.push({ field: 'number', before: show(old), after: show(p) });
    } else {
      await q.run('UPDATE phones SET position = ? WHERE id = ?', [position, old.id]);
    }
  }
  return changes;
}

export async function leadEdits(q: Queryable, leadId: number, access: LeadCondition | null = null): Promise<LeadEdit[]> {
  await checkLeadAccess(q, leadId, access);
  const rows = await q.all<{ at: number; rep: string | null; changes: string }>('SELECT at, rep, changes FROM lead_edits WHERE lead_id = ? ORDER BY at DESC, id DESC LIMIT 50', [leadId]);
  return rows.map((r) => ({ at: new Date(r.at).toISOString(), rep: r.rep, changes: JSON.parse(r.changes) as LeadEdit['changes'] }));
}
