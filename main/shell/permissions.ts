/**
 * The one permission the window grants: notifications, so a callback that comes due can say so
 * while the rep is in another window. Camera, microphone, location, the clipboard's reading and
 * everything else stay denied (the softphone will ask for the microphone in its own change).
 */
const GRANTED = new Set(['notifications']);

export function isPermissionGranted(permission: string): boolean {
  return GRANTED.has(permission);
}
