import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { patientFetch } from '../../../main/joining/patient-fetch.ts';

/**
 * The fetch of a store's upload (node:http, as Node's fetch gives up after 300 s): what the relay
 * reads of an answer arrives as fetch's would, and the call's own time limit still holds.
 */
let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  server = null;
});

async function serve(answer: (body: string, respond: (status: number, headers: Record<string, string | string[]>, body: string) => void) => void): Promise<string> {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => answer(body, (status, headers, text) => response.writeHead(status, headers).end(text)));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the upload’s fetch', () => {
  it('sends the body and headers, and gives back the status, the answer and every session cookie', async () => {
    const address = await serve((body, respond) => respond(400, { 'Content-Type': 'application/json', 'Set-Cookie': ['a=1; Path=/', 'b=2; Path=/'] }, JSON.stringify({ echo: body })));
    const response = await patientFetch(`${address}/api/leads.uploadStore`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"input":1}' });
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(await response.json()).toEqual({ echo: '{"input":1}' });
  });

  it('gives up when the call’s own time limit passes', async () => {
    const address = await serve(() => {});
    await expect(patientFetch(`${address}/api/leads.uploadStore`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(200) })).rejects.toThrow();
  });
});
