import { isAppAddress } from './app-address.ts';

/**
 * The permissions a page may have, and why: every other one (camera, microphone, notifications,
 * geolocation, reading the clipboard, opening other programs…) is denied. Only the app's own page,
 * in its main frame, gets these; a frame or page from anywhere else gets nothing.
 */
export const GRANTED_PERMISSIONS: Readonly<Record<string, string>> = {
  // Y copies the offered number for a rep whose softphone is not the system's tel: handler.
  // Writing only: Chromium's sanitized write, never clipboard-read.
  'clipboard-sanitized-write': 'Y copies the number on screen to the clipboard',
};

export interface PermissionAsker {
  /** The page's address (a request's requestingUrl, or a check's origin). */
  address: string | undefined;
  isMainFrame: boolean;
}

export function grantsPermission(permission: string, asker: PermissionAsker): boolean {
  return Object.hasOwn(GRANTED_PERMISSIONS, permission) && asker.isMainFrame && isAppAddress(asker.address);
}
