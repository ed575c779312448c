import type { NextcallBridge } from '../../../shared/bridge.ts';
import { bridgeTransport } from './bridge-transport.ts';
import { createClient, type ApiClient } from './client.ts';
import { httpTransport, takeTokenFromLocation } from './http-transport.ts';

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
