import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InboundArrival } from '../../shared/events.ts';
import { CUT_OFF, readRequestBody, TOO_LARGE } from '../requests/request-body.ts';
import type { Queryable } from '../store/seam/store.ts';
import { readInboundKey } from './inbound-secrets.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from './inbound-signature.ts';
import { logRequest, receiveWebhook, type WebhookAnswer } from './receive-webhook.ts';

/** A webhook's body is a lead, not a file: anything larger is refused before it is read whole. */
export const INBOUND_MAX_BYTES = 64 * 1024;
export const INBOUND_PREFIX = '/inbound/';
/** A sender's whole body, at most 64 KB, arrives within this or its connection is closed. */
export const INBOUND_ARRIVAL_MS = 10_000;

export interface InboundRouteOptions {
  store: Queryable;
  /** The inbound key's hex text (NEXTCALL_INBOUND_KEY), read once at start. */
  keyText: string | undefined;
  now: () => number;
  announce: (arrival: InboundArrival) => void;
  log: (line: string) => void;
  /** INBOUND_ARRIVAL_MS unless a test says otherwise. */
  arrivalMs?: number;
}

/**
 * `POST /inbound/<source>` (our JSON shape) and `POST /inbound/<source>/hubspot` (HubSpot's
 * workflow webhook), mounted by the team server ahead of its API: the sender has no session,
 * its signature is its credential. Every answer is JSON `{ ok, reason }` with a status a sender
 * acts on (HubSpot retries a 5xx and a 429, never another 4xx).
 */
export function inboundRoute(options: InboundRouteOptions) {
  const key = readInboundKey(options.keyText);
  return async (request: IncomingMessage, response: ServerResponse, path: string): Promise<void> => {
    const now = options.now();
    const [sourceName = '', format = 'plain', ...rest] = path.slice(INBOUND_PREFIX.length).split('/');
    const refuse = async (answer: WebhookAnswer) => {
      await logRequest(options.store, now, sourceName, answer);
      options.log(`Inbound webhook refused (${sourceName.slice(0, 40)}): ${answer.status} ${answer.reason}`);
      send(response, answer);
    };
    if (typeof key === 'string') return send(response, { status: 503, reason: key });
    if (request.method !== 'POST') return send(response, { status: 405, reason: 'A webhook is a POST request.' });
    if (rest.length > 0 || (format !== 'plain' && format !== 'hubspot')) return refuse({ status: 404, reason: 'A webhook’s address is /inbound/<source> or /inbound/<source>/hubspot.' });
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return refuse({ status: 415, reason: 'A webhook sends application/json.' });
    // The signature is over the bytes as sent, so they are kept as bytes.
    const body = await readRequestBody(request, INBOUND_MAX_BYTES, options.arrivalMs ?? INBOUND_ARRIVAL_MS);
    // A sender trickling its body would hold a connection as long as the server lets any request
    // arrive (half an hour, for the store upload's sake): it is closed, and nothing is written.
    if (body === CUT_OFF) return options.log(`Inbound webhook cut off (${sourceName.slice(0, 40)}): its body did not arrive within ${(options.arrivalMs ?? INBOUND_ARRIVAL_MS) / 1000} s.`);
    if (body === TOO_LARGE) {
      // The rest of the body is not read: the connection closes behind the answer.
      response.setHeader('Connection', 'close');
      return refuse({ status: 413, reason: `The body is larger than ${INBOUND_MAX_BYTES / 1024} KB: a webhook carries one lead.` });
    }
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const answer = await receiveWebhook(
      { store: options.store, key, now, announce: options.announce },
      { sourceName, format, timestamp: header(TIMESTAMP_HEADER), signature: header(SIGNATURE_HEADER), body },
    );
    if (answer.status >= 300) options.log(`Inbound webhook refused (${sourceName.slice(0, 40)}): ${answer.status} ${answer.reason}`);
    send(response, answer);
  };
}

function send(response: ServerResponse, { status, reason, leadId }: WebhookAnswer): void {
  const text = JSON.stringify({ ok: status < 300, reason, ...(leadId === undefined ? {} : { leadId }) });
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}
