import { DEFAULT_QUEUE_RULES } from '../../shared/queue-rules.ts';
import { queueColumns, refreshQueueColumns } from '../queue/queue-columns.ts';
import type { Database } from '../store/database.ts';
import { NO_PHONE, type ImportedLead } from './lead-row.ts';

/** When the lead asked for a call: its latest call or demo request, or the import for a flag. */
function handRaisedAt(lead: ImportedLead): number | null {
  if (!lead.requestedCall) return null;
  const requests = lead.activities.filter((a) => a.type === 'call-request' || a.type === 'demo-request').map((a) => a.occurredAt);
  return requests.length ? Math.max(...requests) : lead.createdAt;
}

export type WriteOutcome = 'created' | 'updated' | 'merged';

/** The columns an import may fill on a lead it finds already in the store (and undo restores). */
export const IMPORT_UPDATED_COLUMNS = [
  'crm_id',
  'first_name',
  'last_name',
  'email',
  'company',
  'title',
  'owner',
  'source',
  'time_zone',
  'region',
  'country',
  'requested_call',
  'do_not_call',
  'score',
  'last_activity_at',
  'hand_raised_at',
] as const;

/**
 * Writes imported leads for one batch. A lead is matched by CRM id, then email, then any of
 * its E.164 numbers; a match is completed (blanks filled, flags raised, numbers and activity
 * added), never duplicated and never overwritten. What it was before is logged once per batch
 * so the import can be undone.
 */
export function leadWriter(db: Database, batchId: number, lifetimeAttemptCap = DEFAULT_QUEUE_RULES.lifetimeAttemptCap) {
  const byCrmId = db.prepare('SELECT id FROM leads WHERE crm_id = ?');
  const byEmail = db.prepare('SELECT id FROM leads WHERE email = ? LIMIT 1');
  const byNumber = db.prepare('SELECT DISTINCT lead_id AS id FROM phones WHERE e164 = ? ORDER BY lead_id LIMIT 20');
  // Positional parameters: binding by name costs a lookup per field, on the hottest statement.
  const insertLead = db.prepare(`
    INSERT INTO leads (crm_id, first_name, last_name, email, company, title, owner, source, time_zone, region, country,
                       requested_call, do_not_call, score, last_activity_at, stage, created_at, import_batch_id, callable, stage_rank,
                       hand_raised_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const addZone = db.prepare('INSERT OR IGNORE INTO queue_zones (time_zone) VALUES (?)');
  const seenZones = new Set<string>();
  const logBefore = db.prepare(`
    INSERT OR IGNORE INTO import_changes (batch_id, lead_id, before)
    SELECT ?, id, json_object(${IMPORT_UPDATED_COLUMNS.map((c) => `'${c}', ${c}`).join(', ')}) FROM leads WHERE id = ?`);
  const updateLead = db.prepare(`
    UPDATE leads SET
      crm_id = coalesce(crm_id, :crmId),
      first_name = CASE WHEN first_name = '' THEN :firstName ELSE first_name END,
      last_name = CASE WHEN last_name = '' THEN :lastName ELSE last_name END,
      email = coalesce(email, :email),
      company = coalesce(company, :company),
      title = coalesce(title, :title),
      owner = coalesce(owner, :owner),
      source = coalesce(source, :source),
      time_zone = coalesce(time_zone, :timeZone),
      region = coalesce(region, :region),
      country = coalesce(country, :country),
      requested_call = max(requested_call, :requestedCall),
      do_not_call = max(do_not_call, :doNotCall),
      score = max(score, :score),
      last_activity_at = CASE WHEN :lastActivityAt IS NULL THEN last_activity_at ELSE max(coalesce(last_activity_at, 0), :lastActivityAt) END,
      hand_raised_at = CASE WHEN :handRaisedAt IS NOT NULL AND (last_attempt_at IS NULL OR last_attempt_at < :handRaisedAt)
                            THEN coalesce(hand_raised_at, :handRaisedAt) ELSE hand_raised_at END
    WHERE id = :id`);
  const hasNumber = db.prepare('SELECT 1 FROM phones WHERE lead_id = ? AND (e164 = ? OR raw = ?)');
  const nextPosition = db.prepare('SELECT coalesce(max(position), -1) + 1 AS p FROM phones WHERE lead_id = ?');
  const insertPhone = db.prepare('INSERT INTO phones (lead_id, position, raw, e164, type, import_batch_id, bad) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertActivity = db.prepare(
    'INSERT OR IGNORE INTO activities (lead_id, type, title, url, occurred_at, details, import_batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );

  const createdHere = new Set<number>();
  const updatedHere = new Set<number>();

  const identity = db.prepare('SELECT crm_id, email, first_name FROM leads WHERE id = ?');
  // Two records are not the same person when they carry different CRM ids or different emails;
  // a shared number (a switchboard) also needs the same first name, or one of them blank.
  const sameCrmIdAndEmail = (id: number, lead: ImportedLead): boolean => {
    const c = identity.get(id) as { crm_id: string | null; email: string | null; first_name: string };
    return !(c.crm_id && lead.crmId && c.crm_id !== lead.crmId) && !(c.email && lead.email && c.email !== lead.email);
  };
  const sameFirstName = (id: number, lead: ImportedLead): boolean => {
    const { first_name } = identity.get(id) as { first_name: string };
    return !first_name || !lead.firstName || first_name.toLowerCase() === lead.firstName.toLowerCase();
  };

  /** The lead this row describes, matched by CRM id, then email, then number. */
  const findExisting = (lead: ImportedLead): number | undefined => {
    if (lead.crmId) {
      const hit = byCrmId.get(lead.crmId) as { id: number } | undefined;
      if (hit) return hit.id;
    }
    if (lead.email) {
      const hit = byEmail.get(lead.email) as { id: number } | undefined;
      // One address on many people (info@…, a shared inbox) is no proof they are one: the name must agree too.
      if (hit && sameCrmIdAndEmail(hit.id, lead) && sameFirstName(hit.id, lead)) return hit.id;
    }
    for (const phone of lead.phones) {
      if (!phone.e164) continue;
      const hits = byNumber.all(phone.e164) as { id: number }[];
      const match = hits.find(({ id }) => sameCrmIdAndEmail(id, lead) && sameFirstName(id, lead));
      if (match) return match.id;
    }
    return undefined;
  };

  const params = (lead: ImportedLead) => ({
    crmId: lead.crmId,
    firstName: lead.firstName,
    lastName: lead.lastName,
    email: lead.email,
    company: lead.company,
    title: lead.title,
    owner: lead.owner,
    source: lead.source,
    timeZone: lead.timeZone,
    region: lead.region,
    country: lead.country,
    requestedCall: lead.requestedCall ? 1 : 0,
    doNotCall: lead.doNotCall ? 1 : 0,
    score: lead.score,
    lastActivityAt: lead.activities.length ? Math.max(...lead.activities.map((a) => a.occurredAt)) : null,
  });

  const addActivities = (leadId: number, lead: ImportedLead) => {
    for (const a of lead.activities) insertActivity.run(leadId, a.type, a.title, a.url, a.occurredAt, a.details, batchId);
  };

  const recordAfter = db.prepare(`
    UPDATE import_changes SET after = (SELECT json_object(${IMPORT_UPDATED_COLUMNS.map((c) => `'${c}', ${c}`).join(', ')}) FROM leads WHERE leads.id = import_changes.lead_id)
    WHERE batch_id = ?`);

  return {
    /** Once every row is written: what the import left on each lead it changed. */
    finish(): void {
      recordAfter.run(batchId);
    },
    write(lead: ImportedLead): WriteOutcome | typeof NO_PHONE {
      const existing = findExisting(lead);
      // A row with no number only completes a lead the store already has; it never makes one.
      if (existing === undefined && lead.phones.length === 0) return NO_PHONE;
      if (existing === undefined) {
        const facts = { stage: lead.stage, doNotCall: lead.doNotCall, numbers: lead.phones.map((p) => ({ e164: p.e164, bad: p.bad })), attempts: 0, retryAt: null };
        const { callable, stageRank } = queueColumns(facts, lifetimeAttemptCap);
        const id = Number(
          insertLead.run(...Object.values(params(lead)), lead.stage, lead.createdAt, batchId, callable, stageRank, handRaisedAt(lead)).lastInsertRowid,
        );
        const zone = lead.timeZone ?? '';
        if (!seenZones.has(zone)) {
          seenZones.add(zone);
          addZone.run(zone);
        }
        lead.phones.forEach((p, position) => insertPhone.run(id, position, p.raw, p.e164, p.type, batchId, p.bad ? 1 : 0));
        addActivities(id, lead);
        createdHere.add(id);
        return 'created';
      }

      const seenInThisFile = createdHere.has(existing) || updatedHere.has(existing);
      if (!createdHere.has(existing)) logBefore.run(batchId, existing);
      updateLead.run({ ...params(lead), handRaisedAt: handRaisedAt(lead), id: existing });
      if (lead.timeZone) addZone.run(lead.timeZone);
      let position = (nextPosition.get(existing) as { p: number }).p;
      for (const p of lead.phones) {
        if (hasNumber.get(existing, p.e164, p.raw)) continue;
        // A number the lead already has keeps the flag this store gave it; a new one comes with the file's.
        insertPhone.run(existing, position++, p.raw, p.e164, p.type, batchId, p.bad ? 1 : 0);
      }
      addActivities(existing, lead);
      refreshQueueColumns(db, existing, lifetimeAttemptCap);
      if (!createdHere.has(existing)) updatedHere.add(existing);
      return seenInThisFile ? 'merged' : 'updated';
    },
  };
}
