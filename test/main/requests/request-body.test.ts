import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { CUT_OFF, readRequestBody, TOO_LARGE } from '../../../main/requests/request-body.ts';

/** A request whose body comes in the chunks given, each taken from the sender only when asked for. */
function requestOf(chunks: Buffer[], headers: Record<string, string> = {}) {
  let taken = 0;
  const body = Readable.from(
    (function* () {
      for (const chunk of chunks) {
        taken += 1;
        yield chunk;
      }
    })(),
    // One byte of read-ahead: a chunk is taken only when the reader wants more.
    { objectMode: false, highWaterMark: 1 },
  );
  return { request: Object.assign(body, { headers }) as unknown as IncomingMessage, taken: () => taken };
}

/** A server that reads each request's body with `read` and records what it got. */
async function serving(read: (request: IncomingMessage) => Promise<unknown>) {
  const results: unknown[] = [];
  const server = createServer((request, response) => {
    void read(request).then((body) => {
      results.push(body);
      if (!response.destroyed) response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, results, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('a request body', () => {
  it('is too large once it passes its limit, and the rest is not read', async () => {
    const { request, taken } = requestOf(Array.from({ length: 10 }, () => Buffer.alloc(100, 'x')));
    expect(await readRequestBody(request, 250)).toBe(TOO_LARGE);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The third chunk passed 250 bytes; at most one more was read ahead, never the other six.
    expect(taken()).toBeLessThanOrEqual(4);
  });

  it('is too large at once when its Content-Length says so, without waiting for it', async () => {
    const { request } = requestOf([], { 'content-length': '251' });
    const never = new Promise(() => {});
    expect(await Promise.race([readRequestBody(request, 250), never])).toBe(TOO_LARGE);
  });

  it('is cut off when it trickles in past its time to arrive, and its connection is closed', async () => {
    const server = await serving((request) => readRequestBody(request, 1000, 300));
    try {
      // A byte every 40 ms: the 100 bytes it announces would take four seconds.
      const slow = connect(server.port, '127.0.0.1');
      slow.on('error', () => {});
      let closed = false;
      slow.on('close', () => (closed = true));
      slow.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n');
      const drip = setInterval(() => slow.writable && slow.write('x'), 40);
      try {
        await vi.waitFor(() => expect(server.results).toEqual([CUT_OFF]), { timeout: 2000 });
        await vi.waitFor(() => expect(closed).toBe(true), { timeout: 2000 });
      } finally {
        clearInterval(drip);
        slow.destroy();
      }
    } finally {
      await server.close();
    }
  });

  it('is cut off when its sender leaves before it is whole', async () => {
    const server = await serving((request) => readRequestBody(request, 1000));
    try {
      const leaving = connect(server.port, '127.0.0.1');
      leaving.on('error', () => {});
      leaving.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nhalf', () => setTimeout(() => leaving.destroy(), 50));
      await vi.waitFor(() => expect(server.results).toEqual([CUT_OFF]), { timeout: 2000 });
    } finally {
      await server.close();
    }
  });

  it('arrives whole as its exact bytes, a character split across chunks included', async () => {
    const text = '{"input":{"name":"Zoë Ångström 🎧"}}';
    const bytes = Buffer.concat([Buffer.from(text), Buffer.from([0xff, 0x00])]);
    const emoji = bytes.indexOf(Buffer.from('🎧'));
    // Cut inside the ë (two bytes) and inside the headphones (four bytes).
    const cuts = [bytes.indexOf(Buffer.from('ë')) + 1, emoji + 1, emoji + 3];
    const chunks = [0, ...cuts].map((from, i) => bytes.subarray(from, [...cuts, bytes.length][i]));
    const { request } = requestOf(chunks);
    const body = await readRequestBody(request, 1000, 1000);
    expect(Buffer.isBuffer(body) && body.equals(bytes)).toBe(true);
    expect((body as Buffer).subarray(0, -2).toString('utf8')).toBe(text);
  });

  it('arrives whole over a connection within its time, even at exactly its limit', async () => {
    const bytes = Buffer.from('né€ok');
    const server = await serving((request) => readRequestBody(request, bytes.length, 300));
    try {
      const socket = connect(server.port, '127.0.0.1');
      socket.setNoDelay(true);
      socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${bytes.length}\r\n\r\n`);
      // The € (three bytes) is cut after its first byte, and its rest comes 30 ms later.
      socket.write(bytes.subarray(0, 4));
      setTimeout(() => socket.write(bytes.subarray(4)), 30);
      await vi.waitFor(() => expect(server.results).toHaveLength(1), { timeout: 2000 });
      socket.destroy();
      expect(Buffer.from(server.results[0] as Buffer).toString('utf8')).toBe('né€ok');
    } finally {
      await server.close();
    }
  });
});
