import type { InboundArrival } from '../../shared/events.ts';
import type { ImportedLead } from '../leads/lead-row.ts';
import { upsertLead } from '../leads/lead-upsert.ts';
import type { Queryable } from '../store/seam/store.ts';
import { MINUTE_MS } from '../../shared/time-units.ts';
import type { InboundKey } from './inbound-secrets.ts';
import { checkSignature, REPLAY_WINDOW_MS } from './inbound-signature.ts';
import { readPayload, type InboundFormat } from './inbound-payloads.ts';
import { sourceWithSecret } from './inbound-sources.ts';

/**
 * One webhook, from its bytes to a hand-raiser at the top of the queue. Every check runs before
 * anything about the lead is written; the lead, its request (a call-request activity) and the
 * signature's record are written in one transaction, so a refused or failed request leaves no
 * trace but its line in `inbound_requests`, the log of every request, accepted or refused.
 */
export interface WebhookRequest {
  sourceName: string;
  format: InboundFormat;
  timestamp: string | undefined;
  signature: string | undefined;
  body: Buffer;
}

export interface WebhookAnswer {
  status: number;
  reason: string;
  leadId?: number;
}

export interface ReceiveContext {
  store: Queryable;
  key: InboundKey;
  now: number;
  /** Tells every console, once the lead is committed (NOTIFY through the team's event hub). */
  announce: (arrival: InboundArrival) => void;
}

class Replayed extends Error {}

export async function receiveWebhook({ store, key, now, announce }: ReceiveContext, request: WebhookRequest): Promise<WebhookAnswer> {
  const answer: WebhookAnswer & { arrival?: InboundArrival } = await check({ store, key, now }, request).catch((error: unknown) => {
    if (error instanceof Replayed) return { status: 409, reason: 'This signed request was received already: a replay is refused.' };
    throw error;
  });
  await logRequest(store, now, request.sourceName, answer);
  if (answer.status < 300 && answer.arrival) announce(answer.arrival);
  const { arrival: _arrival, ...said } = answer;
  return said;
}

async function check({ store, key, now }: Omit<ReceiveContext, 'announce'>, request: WebhookRequest): Promise<WebhookAnswer & { arrival?: InboundArrival }> {
  const source = await sourceWithSecret(store, key, request.sourceName);
  if (!source) return { status: 404, reason: `There is no inbound source named ${request.sourceName.slice(0, 40)}.` };
  // Counted before the signature is checked: a flood of forged requests is a flood too.
  if ((await countRequest(store, source.id, now)) > source.perMinute) return { status: 429, reason: `This source sent more than ${source.perMinute} requests in a minute; wait a minute and send again.` };
  const signed = checkSignature(source.secret, request.timestamp, request.signature, request.body, now);
  if (!signed.ok) return signed;
  let json: unknown;
  try {
    json = JSON.parse(request.body.toString('utf8'));
  } catch {
    return { status: 400, reason: 'The body is not JSON.' };
  }
  const read = readPayload(request.format, json, now);
  if (typeof read === 'string') return { status: 422, reason: read };

  const written = await store.transaction(async (tx) => {
    await takeIdentity(tx, read.lead);
    const { changes } = await tx.run('INSERT INTO inbound_signatures (source_id, signature, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [source.id, request.signature!.trim(), now]);
    if (changes === 0) throw new Replayed();
    return upsertLead(tx, read.lead);
  }, { isolation: 'read committed' });
  await forgetOldSignatures(store, source.id, now);
  if (written.leadId === null) return { status: 422, reason: 'The lead cannot be taken: no phone number.' };
  const { lead } = read;
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ') || lead.email || 'A lead';
  const requestedAt = lead.activities.at(-1)!.occurredAt;
  return {
    status: written.outcome === 'created' ? 201 : 200,
    reason: written.outcome === 'created' ? 'The lead is new and waits first in the queue.' : 'The lead was known: completed, and waits first in the queue.',
    leadId: written.leadId,
    arrival: { leadId: written.leadId, name, company: lead.company, requestedAt },
  };
}

/**
 * Two webhooks naming one person at once must make one lead. Serializable transactions would
 * guarantee it, but a burst of them fails serialization faster than retries clear it (measured:
 * 155 to 443 of 1,000 requests answered 500 with 24 senders on two processes). So the request
 * runs read committed and first takes a lock on each thing the importer matches a person by
 * (CRM id, email, each number), in one order: a rival naming the same person waits, then sees
 * the lead the first one committed and merges into it.
 */
async function takeIdentity(tx: Queryable, lead: ImportedLead): Promise<void> {
  const lock = tx.dialect.lockNumber;
  if (lock === null) return;
  const keys = [lead.crmId && `inbound:crm:${lead.crmId}`, lead.email && `inbound:email:${lead.email}`, ...lead.phones.map((p) => `inbound:number:${p.e164 ?? p.raw}`)];
  for (const key of [...new Set(keys.filter((k): k is string => Boolean(k)))].sort()) await tx.one(lock, [key]);
}

/**
 * This minute's requests from the source, this one counted; one row per source, shared by every
 * server process. One statement, so its own transaction: the row every request of a burst updates
 * is locked for that statement only, not for a BEGIN and a COMMIT more.
 */
async function countRequest(store: Queryable, sourceId: number, now: number): Promise<number> {
  const row = await store.one<{ requests: number }>(
    `INSERT INTO inbound_limits (source_id, window_started_at, requests) VALUES (?, ?, 1)
     ON CONFLICT (source_id) DO UPDATE SET
       requests = CASE WHEN inbound_limits.window_started_at <= ? THEN 1 ELSE inbound_limits.requests + 1 END,
       window_started_at = CASE WHEN inbound_limits.window_started_at <= ? THEN ? ELSE inbound_limits.window_started_at END
     RETURNING requests`,
    [sourceId, now, now - MINUTE_MS, now - MINUTE_MS, now],
  );
  return row!.requests;
}

/** When this process last let a source's old signatures go: housekeeping, no other process needs it. */
const prunedAt = new Map<number, number>();

/**
 * A signature older than twice the replay window can never pass the time check again: its record
 * can go. At most once a minute per source and process, after the lead is committed, so a burst's
 * requests do not each pay a statement for it (nor wait on one another's deletes).
 */
async function forgetOldSignatures(store: Queryable, sourceId: number, now: number): Promise<void> {
  if (now - (prunedAt.get(sourceId) ?? -Infinity) < MINUTE_MS) return;
  prunedAt.set(sourceId, now);
  await store.run('DELETE FROM inbound_signatures WHERE source_id = ? AND received_at < ?', [sourceId, now - 2 * REPLAY_WINDOW_MS]);
}

/** One line in the request log: accepted or refused, with the sentence the sender was given. */
export async function logRequest(store: Queryable, now: number, sourceName: string, answer: WebhookAnswer): Promise<void> {
  await store.run('INSERT INTO inbound_requests (source_name, received_at, status, reason, lead_id) VALUES (?, ?, ?, ?, ?)', [sourceName.slice(0, 40), now, answer.status, answer.reason, answer.leadId ?? null]);
}
