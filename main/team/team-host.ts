import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { api, isMethodName } from '../../shared/api.ts';
import { SMALL_REQUEST } from '../../shared/api/method-spec.ts';
import { MINUTE_MS } from '../../shared/time-units.ts';
import type { EventHub } from '../api/event-hub.ts';
import { CUT_OFF, TOO_LARGE } from '../requests/request-body.ts';
import { failure, inputOf, readBody, SECURITY_HEADERS, sendJson, serveFile, statusOf, streamEvents, tooLarge } from '../web/http-host.ts';
import { clearedSessionCookie, sessionCookie, sessionTokenOf } from './session-cookie.ts';
import type { TeamAnswer, TeamCall } from './team-door.ts';

/**
 * The team server's HTTP side: the built console and the API contract, to many browsers, on the
 * address it is told, over TLS when given a certificate. Unlike the solo web host there is no
 * per-run token: a person signs in, and their session travels in a cookie (session-cookie.ts).
 * Nothing here outlives a request but the open event streams: any process can answer any call.
 */
export interface TeamHostOptions {
  door: (call: TeamCall) => Promise<TeamAnswer>;
  /** Whether a session token signs somebody in now (for the event stream, which is not a method). */
  signedIn: (token: string) => Promise<boolean>;
  events: EventHub;
  rendererDir: string;
  host: string;
  port: number;
  tls?: { cert: Buffer; key: Buffer } | undefined;
  log: (line: string) => void;
  now?: () => number;
  /** Signed webhooks bringing leads (main/inbound/): no session, the signature is the credential. */
  inbound?: (request: IncomingMessage, response: ServerResponse, path: string) => Promise<void>;
}

export interface TeamHost {
  origin: string;
  close(): Promise<void>;
}

export async function startTeamHost(options: TeamHostOptions): Promise<TeamHost> {
  const secure = options.tls !== undefined;
  const now = options.now ?? Date.now;
  const headers = secure ? { ...SECURITY_HEADERS, 'Strict-Transport-Security': 'max-age=31536000' } : SECURITY_HEADERS;
  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      options.log(`The team server failed to answer ${request.method} ${request.url?.split('?')[0]}: ${error instanceof Error ? error.stack : String(error)}`);
      if (!response.headersSent) sendJson(response, 500, failure('internal', 'The team server failed to answer.'));
      else response.destroy();
    });
  };
  const server: Server = secure ? createHttpsServer({ cert: options.tls!.cert, key: options.tls!.key }, onRequest) : createHttpServer(onRequest);
  // Node's 300 s for a whole request to arrive is less than a store's upload (133 MB of base64)
  // may take over a slow link: the API's requests keep their own limits by size (below).
  server.requestTimeout = LARGE_BODY_ARRIVAL_MS;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    const url = new URL(request.url ?? '/', 'http://team');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return sendJson(response, 400, failure('invalid-input', 'The address is not valid.'));
    }
    if (options.inbound && path.startsWith('/inbound/')) return options.inbound(request, response, path);
    const token = sessionTokenOf(request.headers.cookie);

    if (path === '/api/events') {
      if (request.method !== 'GET') return sendJson(response, 405, failure('invalid-input', 'The event stream is a GET request.'));
      if (!token || !(await options.signedIn(token))) return sendJson(response, 401, failure('unauthorized', 'Sign in first.'));
      return streamEvents(request, response, options.events, token);
    }
    if (path.startsWith('/api/')) {
      if (request.method !== 'POST') return sendJson(response, 405, failure('invalid-input', 'API calls are POST requests.'));
      if (!sameOrigin(request)) return sendJson(response, 403, failure('forbidden', 'API calls come from the console this server serves, not from another site.'));
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return sendJson(response, 415, failure('invalid-input', 'API calls send application/json.'));
      const method = path.slice('/api/'.length);
      const limit = isMethodName(method) ? api[method].maxBytes : 64 * 1024;
      const body = await readBody(request, limit, limit > SMALL_REQUEST ? LARGE_BODY_ARRIVAL_MS : SMALL_BODY_ARRIVAL_MS);
      if (body === TOO_LARGE) return tooLarge(response, limit);
      if (body === CUT_OFF) return options.log(`A call to ${method.slice(0, 80)} was cut off before its request arrived whole; nothing was run.`);
      const read = inputOf(body);
      if ('problem' in read) return sendJson(response, 400, failure('invalid-input', read.problem));
      const answer = await options.door({ method, input: read.input, token, address: request.socket.remoteAddress ?? 'unknown' });
      if (answer.session === 'end') response.setHeader('Set-Cookie', clearedSessionCookie(secure));
      else if (answer.session) response.setHeader('Set-Cookie', sessionCookie(answer.session.token, (answer.session.expiresAt - now()) / 1000, secure));
      const { envelope } = answer;
      return sendJson(response, envelope.ok ? 200 : statusOf(envelope.error), envelope);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response, 405, failure('invalid-input', 'The console’s files are read with GET.'));
    return serveFile(response, options.rendererDir, path);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const shownHost = address.includes(':') ? `[${address}]` : address;
  return {
    origin: `${secure ? 'https' : 'http'}://${shownHost}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A browser names the page's origin on every POST it sends; one from another site's page is
 * refused even before the SameSite cookie would have kept it signed out. The host is compared,
 * not the scheme: behind a TLS proxy the page is https and this server plain http. Clients that
 * are not browsers (the CLI, a load test) send no Origin and are judged by their cookie alone.
 */
function sameOrigin(request: IncomingMessage): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** How long a request's body may take to arrive: Node's own 5 minutes, and for a large one (a store's upload, an import file) the 30 minutes a console waits for it (joined-dispatch.ts). */
const SMALL_BODY_ARRIVAL_MS = 5 * MINUTE_MS;
const LARGE_BODY_ARRIVAL_MS = 30 * MINUTE_MS;
