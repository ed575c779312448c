import { z } from 'zod';
import type { LeadField } from '../../shared/imports.ts';
import type { ColumnIndex } from '../leads/column-aliases.ts';
import { readLeadRow, type ImportedLead } from '../leads/lead-row.ts';

/**
 * What a webhook may carry, read into the importer's own row (readLeadRow), so a lead that
 * arrives by webhook is read by the same rules as one in a CSV: numbers to E.164, the zone from
 * the number or region, names split, a bad email kept aside. Two shapes: ours (docs/INBOUND.md)
 * and HubSpot's workflow webhook ("Send a webhook", the contact's properties).
 */

const text = (max: number) => z.string().trim().max(max);
const cell = z.union([text(500), z.number().finite()]).transform(String);

/** Our shape: flat fields with the importer's names, and the request for a call. */
export const plainPayload = z.strictObject({
  crmId: text(100).optional(),
  firstName: text(100).optional(),
  lastName: text(100).optional(),
  fullName: text(200).optional(),
  email: text(254).optional(),
  phone: text(40).optional(),
  mobilePhone: text(40).optional(),
  company: text(200).optional(),
  title: text(200).optional(),
  owner: text(200).optional(),
  source: text(100).optional(),
  timeZone: text(64).optional(),
  region: text(100).optional(),
  country: text(100).optional(),
  request: z
    .strictObject({
      title: text(200).min(1).optional(),
      url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
      /** When the lead asked (ISO 8601); the arrival time when absent. */
      requestedAt: z.iso.datetime({ offset: true }).optional(),
    })
    .optional(),
});

/**
 * HubSpot's workflow webhook. With "Include all contact properties" HubSpot sends the contact
 * record, each property as `{ value }`, beside `vid`/`canonical-vid` and `portal-id`; with chosen
 * properties it sends them flat, by internal name. Both are accepted; unknown properties ignored.
 */
const hubspotValue = z.union([cell, z.looseObject({ value: cell.optional() }).transform((p) => p.value), z.null().transform(() => undefined)]);
export const hubspotPayload = z.looseObject({
  vid: z.number().int().optional(),
  'canonical-vid': z.number().int().optional(),
  'portal-id': z.number().int().optional(),
  properties: z.record(z.string().max(200), hubspotValue).optional(),
});

/** HubSpot's internal property names → the importer's fields. */
const HUBSPOT_FIELDS: Record<string, LeadField> = {
  hs_object_id: 'crmId',
  firstname: 'firstName',
  lastname: 'lastName',
  email: 'email',
  phone: 'phone',
  mobilephone: 'mobilePhone',
  company: 'company',
  jobtitle: 'title',
  hubspot_owner_id: 'owner',
  hs_analytics_source: 'source',
  state: 'region',
  country: 'country',
  hs_timezone: 'timeZone',
};

export type InboundFormat = 'plain' | 'hubspot';

export interface InboundLead {
  lead: ImportedLead;
  requestTitle: string;
  requestUrl: string | null;
}

/** The payload as a lead asking for a call, or the sentence saying what is wrong with it. */
export function readPayload(format: InboundFormat, json: unknown, arrivedAt: number): InboundLead | string {
  const fields = new Map<LeadField, string>();
  let requestTitle = format === 'hubspot' ? 'Asked for a call (HubSpot workflow)' : 'Asked for a call';
  let requestUrl: string | null = null;
  let requestedAt = arrivedAt;
  if (format === 'plain') {
    const read = plainPayload.safeParse(json);
    if (!read.success) return problemOf(read.error);
    const { request, ...rest } = read.data;
    for (const [field, value] of Object.entries(rest)) if (value) fields.set(field as LeadField, value);
    if (request?.title) requestTitle = request.title;
    requestUrl = request?.url ?? null;
    // A request dated in the future is read as arriving now: the queue orders hand-raisers by it.
    if (request?.requestedAt) requestedAt = Math.min(Date.parse(request.requestedAt), arrivedAt);
  } else {
    const read = hubspotPayload.safeParse(json);
    if (!read.success) return problemOf(read.error);
    const { properties, vid, 'canonical-vid': canonical, ...flat } = read.data;
    const values = properties ?? flatProperties(flat);
    for (const [name, value] of Object.entries(values)) {
      const field = HUBSPOT_FIELDS[name];
      if (field && value !== undefined && value !== '') fields.set(field, value);
    }
    const id = canonical ?? vid;
    if (!fields.has('crmId') && id !== undefined) fields.set('crmId', String(id));
  }
  const order = [...fields.keys()];
  const columns: ColumnIndex = new Map(order.map((field, index) => [field, index]));
  const row = readLeadRow(order.map((field) => fields.get(field)!), { columns, defaultCountry: 'US', now: arrivedAt });
  if (row === null) return 'The payload holds no lead.';
  if (typeof row === 'string') return `The lead cannot be taken: ${row}.`;
  if (row.phones.length === 0) return 'The lead cannot be taken: no phone number (a request for a call needs one).';
  const activity = { type: 'call-request' as const, title: requestTitle, url: requestUrl, occurredAt: requestedAt, details: null };
  return { lead: { ...row, requestedCall: true, activities: [...row.activities, activity] }, requestTitle, requestUrl };
}

function flatProperties(flat: Record<string, unknown>): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(flat)) {
    const read = hubspotValue.safeParse(value);
    if (read.success) values[name] = read.data;
  }
  return values;
}

function problemOf(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const where = issue.path.length ? issue.path.join('.') : 'the payload';
  return `The payload is not valid: ${where}: ${issue.message}.`;
}
