import type { IncomingMessage } from 'node:http';

/** The body passed its limit (or announced it would): what was read is dropped and the rest is not read. */
export const TOO_LARGE = Symbol('too large');
/** The body did not arrive whole: the sender left mid-way, or it was still arriving when its time was up. */
export const CUT_OFF = Symbol('cut off');

/**
 * A request's body as the bytes sent, for the web host, the team server and the inbound webhook
 * alike. TOO_LARGE when it is (or its Content-Length says it will be) over `limit`: reading stops
 * there, so the caller answers 413 and closes the connection rather than take in a body it refused.
 * CUT_OFF when it did not arrive whole within `arrivalMs` (the connection is then closed: a sender
 * trickling its body must not hold it as long as the server lets any request take) or when the
 * client went away mid-way.
 */
export function readRequestBody(request: IncomingMessage, limit: number, arrivalMs?: number): Promise<Buffer | typeof TOO_LARGE | typeof CUT_OFF> {
  if (Number(request.headers['content-length'] ?? 0) > limit) {
    request.resume();
    return Promise.resolve(TOO_LARGE);
  }
  return new Promise((resolve) => {
    const done = (value: Buffer | typeof TOO_LARGE | typeof CUT_OFF) => {
      clearTimeout(late);
      resolve(value);
    };
    const late =
      arrivalMs === undefined
        ? undefined
        : setTimeout(() => {
            done(CUT_OFF);
            request.destroy();
          }, arrivalMs);
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        request.pause();
        done(TOO_LARGE);
      } else chunks.push(chunk);
    });
    request.on('end', () => done(Buffer.concat(chunks)));
    // An aborted upload ends in 'error' (ECONNRESET) or a bare 'close' without 'end': either way,
    // the request is incomplete. (A promise settles once, so 'close' after 'end' changes nothing.)
    request.on('error', () => done(CUT_OFF));
    request.on('close', () => done(CUT_OFF));
  });
}
