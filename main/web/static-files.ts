import { extname, isAbsolute, relative, resolve } from 'node:path';

/**
 * The file a request path names inside a folder, or null when it would step outside it
 * (`..`, encoded or not, absolute paths). Shared by the web host and the desktop app's
 * `app://` protocol, so both serve the built renderer by the same rule.
 */
export function fileInside(root: string, requestPath: string): string | null {
  const wanted = requestPath === '/' || requestPath === '' ? 'index.html' : requestPath.replace(/^\/+/, '');
  if (wanted.includes('\0')) return null;
  const base = resolve(root);
  const file = resolve(base, wanted);
  const inside = relative(base, file);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? file : null;
}

export const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[extname(file)] ?? 'application/octet-stream';
}
