import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * `fetch` for the one call that may wait for many minutes (a store's upload, whose whole
 * transaction the team server runs before it answers). Node's own fetch gives up on an answer
 * after 300 s whatever the call's signal says (its headers and body timeouts), so this one goes
 * by node:http(s), which waits as long as the signal allows. No redirect is followed: a 3xx is
 * passed on as it is, and the relay calls it not Nextcall's.
 */
export const patientFetch = (url: string | URL | Request, init: RequestInit = {}): Promise<Response> =>
  new Promise((resolve, reject) => {
    const target = new URL(url instanceof Request ? url.url : url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(target, { method: init.method ?? 'GET', headers: init.headers as Record<string, string>, signal: init.signal ?? undefined }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        // A 1xx, 204 or 304 has no body: Response refuses one.
        const status = response.statusCode ?? 502;
        resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers: headersOf(response.headers) }));
      });
    });
    request.on('error', reject);
    request.end(typeof init.body === 'string' ? init.body : undefined);
  });

function headersOf(received: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(received)) for (const one of [value ?? []].flat()) headers.append(name, one);
  return headers;
}
