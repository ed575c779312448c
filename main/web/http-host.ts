import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { api, isMethodName } from '../../shared/api.ts';
import type { ApiFailure } from '../../shared/api-error.ts';
import type { Dispatch } from '../api/dispatch.ts';
import type { EventHub } from '../api/event-hub.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy.ts';
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
}

export interface WebHost {
  /** Open this in a browser: the token travels in the fragment, which is never sent or logged. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
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

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(error);
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
      if (body === null) return tooLarge(response, limit);
      let input: unknown;
      try {
        input = body.length ? (JSON.parse(body) as { input?: unknown }).input : undefined;
      } catch {
        return sendJson(response, 400, failure('invalid-input', 'The request body is not valid JSON.'));
      }
      const result = await options.dispatch(method, input);
      return sendJson(response, result.ok ? 200 : statusOf(result.error), result);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response, 405, failure('invalid-input', 'Only GET here.'));
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

function failure(code: ApiFailure['code'], message: string) {
  return { ok: false as const, error: { code, message } };
}

function statusOf(error: ApiFailure): number {
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
    default:
      return 500;
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
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
function tooLarge(response: ServerResponse, limit: number): void {
  response.setHeader('Connection', 'close');
  sendJson(response, 413, failure('invalid-input', `The request is larger than this call accepts (${Math.round(limit / 2 ** 20)} MB).`));
}

/** The body as text, or null when it is (or announces itself as) larger than the limit. */
function readBody(request: IncomingMessage, limit: number): Promise<string | null> {
  if (Number(request.headers['content-length'] ?? 0) > limit) {
    request.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        request.pause();
        resolve(null);
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function streamEvents(request: IncomingMessage, response: ServerResponse, events: EventHub): void {
  response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
  response.write(': connected\n\n');
  const unsubscribe = events.subscribe((event, payload) => {
    response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  request.on('close', unsubscribe);
}

async function serveFile(response: ServerResponse, root: string, path: string): Promise<void> {
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
