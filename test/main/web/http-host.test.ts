import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { startWebHost, statusOf, type WebHost } from '../../../main/web/http-host.ts';
import { count, tempDir, testCore } from '../../helpers/test-core.ts';

let host: WebHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

async function start(log?: (line: string) => void) {
  const core = testCore();
  const rendererDir = join(tempDir(), 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Nextcall</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(rendererDir, '..', 'secret.txt'), 'not for you');
  writeFileSync(join(rendererDir, 'secret.txt'), 'fine to serve');
  host = await startWebHost({ dispatch: createDispatcher(createHandlers(core)), events: core.events, rendererDir, ...(log ? { log } : {}) });
  return { core, host };
}

/**
 * A raw request, so the test controls every header (fetch would not let it set Host) and the
 * path goes out exactly as written (a URL would resolve its dot segments first).
 */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const { protocol, hostname, port, pathname, search } = new URL(url);
  const rawPath = url.slice(`${protocol}//${hostname}:${port}`.length) || pathname + search;
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (host: WebHost, method: string, input: unknown, token = host.token, headers: Record<string, string> = {}) =>
  send(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ input }),
  });

describe('the web host', () => {
  it('listens on 127.0.0.1 only and prints a URL carrying its token in the fragment', async () => {
    const { host } = await start();
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers an API call that carries the token', async () => {
    const { host } = await start();
    const response = await api(host, 'queue.next', {});
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: { total: 0, next: null } });
  });

  it('refuses an API call without the token, or with a wrong one, and runs nothing', async () => {
    const { host, core } = await start();
    expect((await api(host, 'leads.loadDemo', {}, '')).status).toBe(401);
    expect((await api(host, 'leads.loadDemo', {}, `${host.token}x`)).status).toBe(401);
    expect(count(core, 'leads')).toBe(0);
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const { host } = await start();
    const response = await api(host, 'queue.next', {}, host.token, { Host: 'evil.example:80' });
    expect(response.status).toBe(421);
  });

  it('refuses a form post from another site (not JSON)', async () => {
    const { host } = await start();
    const response = await api(host, 'queue.next', {}, host.token, { 'Content-Type': 'text/plain' });
    expect(response.status).toBe(415);
  });

  it('gives invalid input a 400 with the field at fault', async () => {
    const { host } = await start();
    const response = await api(host, 'calls.disposition', { leadId: -1, code: 'busy' });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error.issues[0].path).toBe('leadId');
  });

  it('serves the console with a strict Content Security Policy, and nothing outside its folder', async () => {
    const { host } = await start();
    const page = await send(`${host.origin}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Nextcall</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await send(`${host.origin}/assets/app.js`)).headers['content-type']).toContain('text/javascript');
    // Dot segments in the path itself resolve like a browser would: inside the folder.
    expect((await send(`${host.origin}/assets/../../secret.txt`)).body).toBe('fine to serve');
    expect((await send(`${host.origin}/%2e%2e/secret.txt`)).body).toBe('fine to serve');
    // Encoded ones would climb out of it: refused.
    for (const path of ['/..%2fsecret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await send(`${host.origin}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toContain('not for you');
    }
    expect((await send(`${host.origin}/%E0%A4%A`)).status).toBe(400);
  });

  it('answers an oversized request with 413 instead of reading it', async () => {
    const { host } = await start();
    const response = await api(host, 'queue.next', { padding: 'x'.repeat(2 * 1024 * 1024) });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error.message).toMatch(/larger than this call accepts/);
  });

  it('streams main’s events to a holder of the token', async () => {
    const { host, core } = await start();
    expect((await send(`${host.origin}/api/events?token=wrong`)).status).toBe(401);
    const received = new Promise<string>((resolve) => {
      request(`${host.origin}/api/events?token=${host.token}`, (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
          if (text.includes('store.changed')) {
            res.destroy();
            resolve(text);
          }
        });
      }).end();
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    core.events.emit('store.changed', { reason: 'import' });
    expect(await received).toContain('event: store.changed\ndata: {"reason":"import"}');
  });

  it('says a limit under a megabyte in kilobytes, not "0 MB"', async () => {
    const { host } = await start();
    const response = await api(host, 'no.such-method', { padding: 'x'.repeat(100 * 1024) });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error.message).toBe('The request is larger than this call accepts (64 KB).');
  });

  it('calls a body that is JSON but not an object what it is, not "not valid JSON"', async () => {
    const { host } = await start();
    const post = (body: string) =>
      send(`${host.origin}/api/queue.next`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` }, body });
    for (const [body, what] of [['null', 'null'], ['[]', 'a list'], ['5', 'a number'], ['"x"', 'a string']]) {
      const response = await post(body!);
      expect(response.status, body).toBe(400);
      expect(JSON.parse(response.body).error.message, body).toBe(`The request body must be a JSON object such as {"input": {…}}, not ${what}.`);
    }
    expect(JSON.parse((await post('{"input": ')).body).error.message).toBe('The request body is not valid JSON.');
    expect(JSON.parse((await post('{"limit": 5}')).body).error.message).toBe('The request body is {"input": {…}}: put "limit" inside "input".');
    expect((await post('')).status).toBe(200);
  });

  it('notes an upload cut off mid-way in one line, with no stack trace on stderr, and runs nothing', async () => {
    const logged: string[] = [];
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { host, core } = await start((line) => logged.push(line));
    const { port } = new URL(host.origin);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /api/leads.import HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${host.token}\r\n` +
            `Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{"input":{"fileName":"leads.csv","data":"`,
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
    });
    await vi.waitFor(() => expect(logged).toHaveLength(1));
    expect(logged[0]).toBe('A call to leads.import was cut off before its request arrived whole; nothing was run.');
    expect(stderr).not.toHaveBeenCalled();
    stderr.mockRestore();
    expect((await api(host, 'queue.next', {})).status).toBe(200);
    expect(count(core, 'leads')).toBe(0);
  });
});

describe('the status a refusal travels with', () => {
  it('says a busy or read-only store may be tried again (503) and a full disk is out of room (507), never a bare 500', () => {
    expect(statusOf({ code: 'store-busy', message: 'busy' })).toBe(503);
    expect(statusOf({ code: 'store-read-only', message: 'read-only' })).toBe(503);
    expect(statusOf({ code: 'store-full', message: 'full' })).toBe(507);
    expect(statusOf({ code: 'internal', message: 'internal' })).toBe(500);
  });
});
