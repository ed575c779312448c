import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { api, isMethodName } from '../../shared/api.ts';
import type { ApiFailure } from '../../shared/api-error.ts';
import type { Dispatch } from '../api/dispatch.ts';
import type { EventHub } from '../api/event-hub.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy.ts';
import { CUT_OFF, readRequestBody, TOO_LARGE } from '../requests/request-body.ts';
import { DOWNLOAD_PATH, type Downloads } from './downloads.ts';
import { fileInside, mimeTypeOf } from './static-files.ts';

/**
 * The web host: the renderer and the API over HTTP, for browsers and for the end-to-end tests.
 * It listens on 127.0.0.1 only. Every API call must carry the per-run token, and every request
 * must name this host and port in its Host header, so neither another site open in the same
 * browser (CSRF, DNS rebinding) nor another user on the machine without the token can use it.
 */
export interface WebHostOptions {
  dispatch: Dispatch;
  events: EventHub;
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  port?: number;
  /** Defaults to a fresh random token. */
  token?: string;
  /** Lead exports streamed to the browser (see downloads.ts). */
  downloads?: Downloads;
  /** Where the host notes what went wrong on its side, one line each. Defaults to stderr. */
  log?: (line: string) => void;
}

export interface WebHost {
  /** Open this in a browser: the token travels in the fragment, which is never sent or logged. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

export const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  let allowedHosts: Set<string> = new Set();

  const authorized = (presented: string | null | undefined): boolean => {
    if (!presented) return false;
    const bytes = Buffer.from(presented);
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };

  const log = options.log ?? ((line: string) => console.error(line));
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // Not a client's mistake (those are answered above): worth its stack, once.
      log(`The web host failed to answer ${request.method} ${request.url?.split('?')[0]}: ${error instanceof Error ? error.stack : String(error)}`);
      if (!response.headersSent) sendJson(response, 500, { ok: false, error: { code: 'internal', message: 'The web host failed to answer.' } });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts.has(request.headers.host ?? '')) {
      return sendJson(response, 421, failure('unauthorized', 'This host only answers requests addressed to 127.0.0.1 or localhost.'));
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = safeDecode(url.pathname);
    if (path === null) return sendJson(response, 400, failure('invalid-input', 'The address is not valid.'));

    if (path === '/api/events') {
      if (request.method !== 'GET') return sendJson(response, 405, failure('invalid-input', 'The event stream is a GET request.'));
      // EventSource cannot send headers, so this one request carries the token in its query.
      if (!authorized(url.searchParams.get('token'))) return sendJson(response, 401, failure('unauthorized', 'Missing or wrong token.'));
      return streamEvents(request, response, options.events);
    }
    if (path.startsWith(DOWNLOAD_PATH)) {
      if (request.method !== 'GET') return sendJson(response, 405, failure('invalid-input', 'A download is a GET request.'));
      const served = await options.downloads?.serve(path.slice(DOWNLOAD_PATH.length), response, SECURITY_HEADERS);
      if (!served) return sendJson(response, 404, failure('not-found', 'This download has expired or was already taken: export again.'));
      return;
    }
    if (path.startsWith('/api/')) {
      if (request.method !== 'POST') return sendJson(response, 405, failure('invalid-input', 'API calls are POST requests.'));
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (!authorized(bearer)) return sendJson(response, 401, failure('unauthorized', 'Missing or wrong token.'));
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendJson(response, 415, failure('invalid-input', 'API calls send application/json.'));
      }
      const method = path.slice('/api/'.length);
      const limit = isMethodName(method) ? api[method].maxBytes : 64 * 1024;
      const body = await readBody(request, limit);
      if (body === TOO_LARGE) return tooLarge(response, limit);
      if (body === CUT_OFF) {
        // The browser went away mid-upload (a closed tab, a lost network): nobody to answer, and
        // nothing was run. One line, not a stack trace: it is not a fault of the host.
        log(`A call to ${method.slice(0, 80)} was cut off before its request arrived whole; nothing was run.`);
        return;
      }
      const read = inputOf(body);
      if ('problem' in read) return sendJson(response, 400, failure('invalid-input', read.problem));
      const input = read.input;
      const result = await options.dispatch(method, input);
      return sendJson(response, result.ok ? 200 : statusOf(result.error), result);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response, 405, failure('invalid-input', 'The console’s files are read with GET.'));
    return serveFile(response, options.rendererDir, path);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function failure(code: ApiFailure['code'], message: string) {
  return { ok: false as const, error: { code, message } };
}

/** The HTTP status a refusal travels with; its sentence is in the body either way. */
export function statusOf(error: ApiFailure): number {
  switch (error.code) {
    case 'invalid-input':
    case 'unknown-method':
      return 400;
    case 'not-found':
      return 404;
    case 'conflict':
      return 409;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    // The store is busy (another writer holds it) or cannot be written now: worth trying again.
    case 'store-busy':
    case 'store-read-only':
      return 503;
    case 'store-full':
      return 507;
    default:
      return 500;
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}

function safeDecode(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

/** Says so and closes the connection, rather than reading (or silently dropping) the rest. */
export function tooLarge(response: ServerResponse, limit: number): void {
  response.setHeader('Connection', 'close');
  sendJson(response, 413, failure('invalid-input', `The request is larger than this call accepts (${sizeInWords(limit)}).`));
}

/** A size as a person reads it: 64 KB, 1 MB, 134 MB (never "0 MB" for a limit under a megabyte). */
export function sizeInWords(bytes: number): string {
  if (bytes >= 2 ** 20) return `${Math.floor(bytes / 2 ** 20).toLocaleString('en-US')} MB`;
  if (bytes >= 1024) return `${Math.floor(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * A call's body is `{"input": …}` (an empty body means no input). Anything else is named for what
 * it is: JSON.parse takes `null`, `[]` or `5` happily, and `null` used to be called "not valid JSON".
 */
export function inputOf(body: string): { input: unknown } | { problem: string } {
  if (!body.trim()) return { input: undefined };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { problem: 'The request body is not valid JSON.' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    const what = parsed === null ? 'null' : Array.isArray(parsed) ? 'a list' : `a ${typeof parsed}`;
    return { problem: `The request body must be a JSON object such as {"input": {…}}, not ${what}.` };
  }
  const others = Object.keys(parsed).filter((key) => key !== 'input');
  if (others.length > 0) {
    // {"leadId": 7} would reach the method as no input at all, and be refused for a missing
    // leadId that the caller did send: say where it belongs instead.
    const named = others.slice(0, 3).map((key) => JSON.stringify(key.slice(0, 40))).join(', ');
    return { problem: `The request body is {"input": {…}}: put ${named}${others.length > 3 ? ' and the rest' : ''} inside "input".` };
  }
  return { input: (parsed as { input?: unknown }).input };
}

/** The body as UTF-8 text (the API's JSON), or why there is none: see readRequestBody. */
export async function readBody(request: IncomingMessage, limit: number, arrivalMs?: number): Promise<string | typeof TOO_LARGE | typeof CUT_OFF> {
  const body = await readRequestBody(request, limit, arrivalMs);
  return Buffer.isBuffer(body) ? body.toString('utf8') : body;
}

/** `session`: the sign-in session the stream was opened with (a team server's); an event meant for another session's console is not written to it. */
export function streamEvents(request: IncomingMessage, response: ServerResponse, events: EventHub, session: string | null = null): void {
  response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  response.write(': connected\n\n');
  const unsubscribe = events.subscribe((event, payload, toSession) => {
    if (toSession !== undefined && toSession !== session) return;
    response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  request.on('close', unsubscribe);
}

export async function serveFile(response: ServerResponse, root: string, path: string): Promise<void> {
  const file = fileInside(root, path);
  let content: Buffer;
  try {
    if (!file) throw new Error('outside');
    content = await readFile(file);
  } catch {
    return sendJson(response, 404, failure('not-found', `Not found: ${path}`));
  }
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': mimeTypeOf(file),
    'Cache-Control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  response.end(content);
}
