import { createHmac, timingSafeEqual } from 'node:crypto';
import { MINUTE_MS, SECOND_MS } from '../../shared/time-units.ts';

/**
 * How a webhook proves it comes from its source: HMAC-SHA256, keyed with the source's secret,
 * over the request's timestamp, a dot and its raw body, sent as `sha256=<hex>`. The timestamp is
 * signed with the body so an old request cannot be sent again with a new time.
 */
export const TIMESTAMP_HEADER = 'x-nextcall-timestamp';
export const SIGNATURE_HEADER = 'x-nextcall-signature';
/** A request signed longer ago (or further ahead, a sender's clock) than this is refused as stale. */
export const REPLAY_WINDOW_MS = 5 * MINUTE_MS;

export function signatureOf(secret: string, timestamp: string, body: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

export type SignatureCheck = { ok: true; signedAt: number } | { ok: false; status: 401; reason: string };

/** Whether the headers sign this body with this secret, now. */
export function checkSignature(secret: string, timestamp: string | undefined, signature: string | undefined, body: Buffer, now: number): SignatureCheck {
  if (!timestamp || !signature) return { ok: false, status: 401, reason: `The request is not signed: it needs the ${TIMESTAMP_HEADER} and ${SIGNATURE_HEADER} headers.` };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, status: 401, reason: `${TIMESTAMP_HEADER} must be the signing time in whole seconds since 1970 (Unix time).` };
  const signedAt = Number(timestamp) * SECOND_MS;
  if (Math.abs(now - signedAt) > REPLAY_WINDOW_MS) return { ok: false, status: 401, reason: 'The request was signed more than 5 minutes from now: it is refused as stale (check the sender’s clock).' };
  const expected = Buffer.from(signatureOf(secret, timestamp, body));
  const given = Buffer.from(signature.trim());
  // Compared in constant time, so the answer's timing says nothing about how much of it matched.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, status: 401, reason: 'The signature does not match this source’s secret and the request’s body.' };
  return { ok: true, signedAt };
}
