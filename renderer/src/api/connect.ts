import type { NextcallBridge } from '../../../shared/bridge.ts';
import { bridgeTransport } from './bridge-transport.ts';
import { createClient, type ApiClient } from './client.ts';
import { httpTransport, takeTokenFromLocation } from './http-transport.ts';

declare global {
  interface Window {
    nextcall?: NextcallBridge;
  }
}

/** The bridge when the preload put one on window (Electron), HTTP otherwise (web host). */
export function connect(): ApiClient | { error: string } {
  if (window.nextcall) return createClient(bridgeTransport(window.nextcall));
  const token = takeTokenFromLocation(window.location, window.sessionStorage, window.history);
  if (!token) return { error: 'This page needs the link the web host printed (it carries a token). Run npm run serve and open that link.' };
  return createClient(httpTransport(window.location.origin, token));
}
