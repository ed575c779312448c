import { describe, expect, it } from 'vitest';
import { grantsPermission, isPermissionGranted } from '../../../main/shell/permissions.ts';

/** Every permission Electron 45's session handlers may be asked about. */
const ELECTRON_PERMISSIONS = [
  'ar', 'automatic-fullscreen', 'background-fetch', 'background-sync', 'captured-surface-control', 'clipboard-read',
  'clipboard-sanitized-write', 'deprecated-sync-clipboard-read', 'display-capture', 'fileSystem', 'fullscreen', 'geolocation',
  'geolocation-approximate', 'hand-tracking', 'hid', 'idle-detection', 'keyboardLock', 'local-fonts', 'local-network',
  'local-network-access', 'loopback-network', 'media', 'mediaKeySystem', 'midi', 'midiSysex', 'nfc', 'notifications',
  'openExternal', 'payment-handler', 'periodic-background-sync', 'persistent-storage', 'pointerLock', 'screen-wake-lock',
  'sensors', 'serial', 'smart-card', 'speaker-selection', 'storage-access', 'system-wake-lock', 'top-level-storage-access',
  'usb', 'vr', 'web-app-installation', 'web-printing', 'window-management', 'unknown',
];

const page = { address: 'app://nextcall/index.html', isMainFrame: true };

describe('the permission handler', () => {
  it('lets the console’s own page write the clipboard, so Y copies the number', () => {
    expect(grantsPermission('clipboard-sanitized-write', page)).toBe(true);
    // A permission check names the origin, not the page.
    expect(grantsPermission('clipboard-sanitized-write', { address: 'app://nextcall', isMainFrame: true })).toBe(true);
  });

  it('grants notifications, so a due callback can announce itself', () => {
    expect(isPermissionGranted('notifications')).toBe(true);
    expect(grantsPermission('notifications', page)).toBe(true);
  });

  it('grants those three permissions and no other, reading the clipboard included', () => {
    const granted = ELECTRON_PERMISSIONS.filter((permission) => grantsPermission(permission, { ...page, mediaTypes: ['audio'] }));
    expect(granted).toEqual(['clipboard-sanitized-write', 'media', 'notifications']);
  });

  it('lets the softphone use the microphone: media, audio only, asked by the console’s own page', () => {
    expect(grantsPermission('media', { ...page, mediaTypes: ['audio'] })).toBe(true);
    // A permission check names one kind of media and the origin.
    expect(grantsPermission('media', { address: 'app://nextcall', isMainFrame: true, mediaTypes: ['audio'] })).toBe(true);
  });

  it('refuses the camera and the screen, alone or asked with the microphone, and media that names nothing', () => {
    for (const mediaTypes of [['video'], ['audio', 'video'], ['video', 'audio'], [], undefined]) {
      expect(grantsPermission('media', { ...page, mediaTypes }), JSON.stringify(mediaTypes)).toBe(false);
    }
    expect(grantsPermission('display-capture', { ...page, mediaTypes: ['audio'] })).toBe(false);
  });

  it('refuses the microphone to another origin or a frame inside the page', () => {
    for (const asker of [
      { address: 'https://evil.example/', isMainFrame: true },
      { address: 'http://127.0.0.1:5173/', isMainFrame: true },
      { address: 'app://nextcall/index.html', isMainFrame: false },
      { address: undefined, isMainFrame: true },
    ]) {
      expect(grantsPermission('media', { ...asker, mediaTypes: ['audio'] }), JSON.stringify(asker)).toBe(false);
    }
  });

  it.each(['geolocation', 'clipboard-read', 'midi', 'openExternal', 'fullscreen', 'unknown'])('denies %s', (permission) => {
    expect(isPermissionGranted(permission)).toBe(false);
  });

  it('grants nothing to another origin or to a frame inside the page', () => {
    for (const asker of [
      { address: 'https://evil.example/', isMainFrame: true },
      { address: 'app://nextcall.evil.example/', isMainFrame: true },
      { address: 'file:///opt/Nextcall/index.html', isMainFrame: true },
      { address: undefined, isMainFrame: true },
      { address: 'app://nextcall/index.html', isMainFrame: false },
    ]) {
      expect(grantsPermission('clipboard-sanitized-write', asker), JSON.stringify(asker)).toBe(false);
      expect(grantsPermission('notifications', asker), JSON.stringify(asker)).toBe(false);
    }
  });
});
