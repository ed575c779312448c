import type { NextcallBridge } from '../../../shared/bridge.ts';
import { bridgeTransport } from './bridge-transport.ts';
import { createClient, type ApiClient } from './client.ts';
import { httpTransport, storedToken, takeTokenFromLocation } from './http-transport.ts';

declare global {
  interface Window {
    nextcall?: NextcallBridge;
  }
}

/**
 * The bridge when the preload put one on window (Electron), HTTP otherwise: with the solo web
 * host's token when the page was opened from its link, or with the team server's session cookie
 * (no token; the sign-in screen comes first). A solo host's page opened without its link is told
 * so when its first call is refused (people-slice.ts).
 */
export function connect(): ApiClient {
  if (window.nextcall) return createClient(bridgeTransport(window.nextcall));
  const token = takeTokenFromLocation(window.location, window.sessionStorage, window.history);
  return createClient(httpTransport(window.location.origin, token));
}

/**
 * True when the console runs over its own main process (the desktop app, or the solo web host's
 * tokened page), which is what may join a team; false on the team server's own page, which is
 * the team and has nothing to join (it would refuse the question).
 */
export function hasOwnMain(): boolean {
  return Boolean(window.nextcall) || storedToken(window.sessionStorage) !== null;
}
