import { describe, expect, it } from 'vitest';
import { isPermissionGranted } from '../../../main/shell/permissions.ts';

describe('what the desktop window may ask for', () => {
  it('grants notifications, so a due callback can announce itself', () => {
    expect(isPermissionGranted('notifications')).toBe(true);
  });

  it.each(['media', 'geolocation', 'clipboard-read', 'midi', 'openExternal', 'fullscreen', 'unknown'])('denies %s', (permission) => {
    expect(isPermissionGranted(permission)).toBe(false);
  });
});
