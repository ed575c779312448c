import { isAppAddress } from './app-address.ts';

/**
 * The permissions a page may have, and why: every other one (camera, screen capture, location,
 * reading the clipboard, opening other programs…) is denied. Only the app's own page, in its main
 * frame, gets these; a frame or page from anywhere else gets nothing.
 */
export const GRANTED_PERMISSIONS: Readonly<Record<string, string>> = {
  // A callback that comes due can say so while the rep is in another window.
  notifications: 'a due callback announces itself',
  // Y copies the offered number for a rep whose softphone is not the system's tel: handler.
  // Writing only: Chromium's sanitized write, never clipboard-read.
  'clipboard-sanitized-write': 'Y copies the number on screen to the clipboard',
  // The built-in softphone speaks through the microphone. Chromium asks for the camera under the
  // same name: mediaGranted below lets audio through and nothing else.
  media: 'the softphone hears the rep through the microphone (audio only, never the camera or the screen)',
};

/** Is this a permission the app grants at all (to its own page)? */
export function isPermissionGranted(permission: string): boolean {
  return Object.hasOwn(GRANTED_PERMISSIONS, permission);
}

export interface PermissionAsker {
  /** The page's address (a request's requestingUrl, or a check's origin). */
  address: string | undefined;
  isMainFrame: boolean;
  /**
   * For `media`: what the page asks to capture (a request's mediaTypes, or a check's mediaType).
   * Only ['audio'] is granted: a request that also wants video, or names nothing, is refused.
   */
  mediaTypes?: readonly string[] | undefined;
}

/** The microphone alone: a request for video (the camera), or for nothing named, is not the softphone's. */
function mediaGranted(mediaTypes: readonly string[] | undefined): boolean {
  return mediaTypes !== undefined && mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio');
}

/** The decision the session's permission handlers make: a granted permission, asked by the app's own page. */
export function grantsPermission(permission: string, asker: PermissionAsker): boolean {
  if (!isPermissionGranted(permission) || !asker.isMainFrame || !isAppAddress(asker.address)) return false;
  return permission !== 'media' || mediaGranted(asker.mediaTypes);
}
