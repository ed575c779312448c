import { saveCallList } from '../../main/leads/call-lists.ts';
import { phoneSlots, resolveColumns } from '../../main/leads/column-aliases.ts';
import { assignList } from '../../main/leads/list-assignments.ts';
import { readLeadRow, type ImportedLead } from '../../main/leads/lead-row.ts';
import { refreshLeadQueueColumns } from '../../main/queue/queue-columns.ts';
import type { Queryable } from '../../main/store/seam/store.ts';
import type { Stage } from '../../shared/stages.ts';

/**
 * Leads written straight through the store seam, on either store: what the queue and the calls
 * need of a lead (its stage, numbers, zone, request for a call…), without the importer, which
 * runs on the rep's SQLite store only. The queue's columns are set by the same rule every write
 * uses (queue-columns.ts).
 */
export interface SeedLead {
  crmId?: string;
  firstName?: string;
  lastName?: string;
  company?: string | null;
  stage?: Stage;
  score?: number;
  source?: string | null;
  /** E.164 numbers, in the lead's order; `{ e164, bad: true }` for one marked bad. */
  phones?: (string | { e164: string; bad?: boolean })[];
  timeZone?: string | null;
  region?: string | null;
  country?: string | null;
  doNotCall?: boolean;
  requestedCall?: boolean;
  handRaisedAt?: number | null;
  lastActivityAt?: number | null;
  createdAt?: number;
}

const NEW_YORK = { timeZone: 'America/New_York', region: 'NY', country: 'US' };

/** Writes the leads (New York numbers and zone unless told otherwise); their ids, in order. */
export async function seedLeads(q: Queryable, leads: readonly SeedLead[], { now = Date.parse('2026-11-01T12:00:00Z'), cap }: { now?: number; cap?: number } = {}): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, lead] of leads.entries()) {
    const place = lead.timeZone === undefined ? NEW_YORK : { timeZone: lead.timeZone, region: lead.region ?? null, country: lead.country ?? null };
    const { id } = (await q.one<{ id: number }>(
      `INSERT INTO leads (crm_id, first_name, last_name, company, stage, score, source, time_zone, region, country, do_not_call, requested_call,
                          hand_raised_at, last_activity_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [
        lead.crmId ?? null,
        lead.firstName ?? `Lead`,
        lead.lastName ?? `${i + 1}`,
        lead.company ?? null,
        lead.stage ?? 'IQL',
        lead.score ?? 0,
        lead.source ?? null,
        place.timeZone,
        place.region,
        place.country,
        lead.doNotCall ? 1 : 0,
        lead.requestedCall || lead.handRaisedAt ? 1 : 0,
        lead.handRaisedAt ?? null,
        lead.lastActivityAt ?? null,
        lead.createdAt ?? now,
      ],
    ))!;
    for (const [position, phone] of (lead.phones ?? [`+1212555${String(100 + i).padStart(4, '0')}`]).entries()) {
      const { e164, bad = false } = typeof phone === 'string' ? { e164: phone } : phone;
      await q.run("INSERT INTO phones (lead_id, position, raw, e164, type, bad) VALUES (?, ?, ?, ?, 'work', ?)", [id, position, e164, e164, bad ? 1 : 0]);
    }
    await q.run('INSERT INTO queue_zones (time_zone) VALUES (?) ON CONFLICT (time_zone) DO NOTHING', [place.timeZone ?? '']);
    await refreshLeadQueueColumns(q, id, cap);
    ids.push(id);
  }
  return ids;
}

/** A call list over a stage filter, say, written as the console saves one. */
export async function seedList(q: Queryable, name: string, filter: object, rules: object | null = null, now = Date.parse('2026-11-01T12:00:00Z')): Promise<void> {
  await q.run('INSERT INTO call_lists (name, filter, rules, created_at) VALUES (?, ?, ?, ?)', [name, JSON.stringify(filter), rules === null ? null : JSON.stringify(rules), now]);
}

/**
 * Rows of a CRM export (plain CSV, no quoted commas), read by the importer's own row rules
 * (lead-row.ts: stage, source, zone from the number, activities) and written through the seam,
 * on either store: the queue's tests describe leads the way a team lead's file does.
 */
export async function seedCsv(q: Queryable, text: string, { now, defaultCountry = 'US', cap }: { now: number; defaultCountry?: string; cap?: number }): Promise<number[]> {
  const [header, ...lines] = text.trim().split('\n').map((line) => line.split(','));
  const columns = resolveColumns(header!);
  const context = { columns, phoneSlots: phoneSlots(header!, columns), defaultCountry, now };
  const ids: number[] = [];
  for (const record of lines) {
    const lead = readLeadRow(record, context);
    if (lead === null || typeof lead === 'string') throw new Error(`Not a lead: ${record.join(',')} (${lead})`);
    const { id } = (await q.one<{ id: number }>(
      `INSERT INTO leads (crm_id, first_name, last_name, email, company, title, owner, stage, source, time_zone, region, country,
                          requested_call, do_not_call, score, last_activity_at, hand_raised_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [
        lead.crmId,
        lead.firstName,
        lead.lastName,
        lead.email,
        lead.company,
        lead.title,
        lead.owner,
        lead.stage,
        lead.source,
        lead.timeZone,
        lead.region,
        lead.country,
        lead.requestedCall ? 1 : 0,
        lead.doNotCall ? 1 : 0,
        lead.score,
        lead.activities.length ? Math.max(...lead.activities.map((a) => a.occurredAt)) : null,
        handRaisedAt(lead),
        lead.createdAt,
      ],
    ))!;
    for (const [position, phone] of lead.phones.entries()) {
      await q.run('INSERT INTO phones (lead_id, position, raw, e164, type, bad) VALUES (?, ?, ?, ?, ?, ?)', [id, position, phone.raw, phone.e164, phone.type, phone.bad ? 1 : 0]);
    }
    for (const a of lead.activities) {
      await q.run('INSERT INTO activities (lead_id, type, title, url, occurred_at, details) VALUES (?, ?, ?, ?, ?, ?)', [id, a.type, a.title, a.url, a.occurredAt, a.details]);
    }
    await q.run('INSERT INTO queue_zones (time_zone) VALUES (?) ON CONFLICT (time_zone) DO NOTHING', [lead.timeZone ?? '']);
    await refreshLeadQueueColumns(q, id, cap);
    ids.push(id);
  }
  return ids;
}

/** As the importer sets it (lead-writer.ts): the latest call or demo request, or the import itself for a bare flag. */
function handRaisedAt(lead: ImportedLead): number | null {
  if (!lead.requestedCall) return null;
  const requests = lead.activities.filter((a) => a.type === 'call-request' || a.type === 'demo-request').map((a) => a.occurredAt);
  return requests.length ? Math.max(...requests) : lead.createdAt;
}

/** Two leads at one company: Ada (New York) on no list; Charles (London) on "Europe", which only avery works. */
export async function seedEngines(store: Queryable, now: string): Promise<void> {
  await seedCsv(
    store,
    [
      'Record ID,First Name,Last Name,Company Name,Email,Phone Number,Country',
      '1,Ada,Lovelace,Analytical Engines,ada@engines.io,+12125550100,US',
      '2,Charles,Babbage,Analytical Engines,charles@engines.io,+44 20 7946 0000,GB',
      '',
    ].join('\n'),
    { now: Date.parse(now) },
  );
  await saveCallList(store, { now: () => Date.parse(now) }, { name: 'Europe', filter: { timeZones: ['Europe/London'] }, rules: null });
  await assignList(store, 'Europe', ['avery']);
}
