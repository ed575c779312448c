import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { appFileFor } from './app-address.ts';

export { APP_ORIGIN, APP_URL } from './app-address.ts';

/** Before the app is ready: app:// behaves like https (secure context, standard URLs, fetch). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer at app://nextcall/ (see app-address.ts for which request gets what). */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle('app', async (request) => {
    const answer = appFileFor(rendererDir, request.url);
    if (answer.status !== 200) return new Response(answer.message, { status: answer.status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    return net.fetch(pathToFileURL(answer.file).href);
  });
}
