import { isAppAddress } from './app-address.ts';

/**
 * The permissions a page may have, and why: every other one (camera, microphone, location,
 * reading the clipboard, opening other programs…) is denied (the softphone will ask for the
 * microphone in its own change). Only the app's own page, in its main frame, gets these; a frame
 * or page from anywhere else gets nothing.
 */
export const GRANTED_PERMISSIONS: Readonly<Record<string, string>> = {
  // A callback that comes due can say so while the rep is in another window.
  notifications: 'a due callback announces itself',
  // Y copies the offered number for a rep whose softphone is not the system's tel: handler.
  // Writing only: Chromium's sanitized write, never clipboard-read.
  'clipboard-sanitized-write': 'Y copies the number on screen to the clipboard',
};

/** Is this a permission the app grants at all (to its own page)? */
export function isPermissionGranted(permission: string): boolean {
  return Object.hasOwn(GRANTED_PERMISSIONS, permission);
}

export interface PermissionAsker {
  /** The page's address (a request's requestingUrl, or a check's origin). */
  address: string | undefined;
  isMainFrame: boolean;
}

/** The decision the session's permission handlers make: a granted permission, asked by the app's own page. */
export function grantsPermission(permission: string, asker: PermissionAsker): boolean {
  return isPermissionGranted(permission) && asker.isMainFrame && isAppAddress(asker.address);
}
