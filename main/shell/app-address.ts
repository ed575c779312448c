import { fileInside } from '../web/static-files.ts';

/**
 * The console is served from app://nextcall/ rather than file://, as Electron's checklist
 * advises: under file:// the page's 'self' would be every file on the disk, here it is the built
 * renderer and nothing else. Plain functions, so the rules are tested without Electron.
 */
export const APP_HOST = 'nextcall';
export const APP_ORIGIN = `app://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Is this address the app's own page or one of its files? (WHATWG gives app: an opaque origin, so the parts are compared.) */
export function isAppAddress(address: string | undefined): boolean {
  if (!address) return false;
  try {
    const url = new URL(address);
    return url.protocol === 'app:' && url.host === APP_HOST;
  } catch {
    return false;
  }
}

export type AppFileAnswer = { status: 200; file: string } | { status: 400 | 404; message: string };

/**
 * What an app:// request gets: a file of the built renderer, 404 for anything else, and 400 for
 * an address that cannot be decoded (a stray `%`), which used to throw inside the protocol
 * handler instead of answering.
 */
export function appFileFor(rendererDir: string, address: string): AppFileAnswer {
  let url: URL;
  let path: string;
  try {
    url = new URL(address);
    path = decodeURIComponent(url.pathname);
  } catch {
    return { status: 400, message: 'Bad request: the address is not valid.' };
  }
  const file = url.protocol === 'app:' && url.host === APP_HOST ? fileInside(rendererDir, path) : null;
  return file ? { status: 200, file } : { status: 404, message: 'Not found' };
}
