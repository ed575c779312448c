import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { fileInside } from '../web/static-files.ts';

/**
 * The console is served from app://nextcall/ rather than file://, as Electron's checklist
 * advises: under file:// the page's 'self' would be every file on the disk, here it is the built
 * renderer and nothing else.
 */
export const APP_ORIGIN = 'app://nextcall';
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Before the app is ready: app:// behaves like https (secure context, standard URLs, fetch). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveAppProtocol(rendererDir: string): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'nextcall' ? fileInside(rendererDir, decodeURIComponent(url.pathname)) : null;
    if (!file) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).href);
  });
}
