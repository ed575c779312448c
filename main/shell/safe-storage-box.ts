import type { SafeStorage } from 'electron';
import type { SecretBox } from '../phone/secret-box.ts';

/** What the box needs of Electron's safeStorage (a test passes its own). */
export type KeychainApi = Pick<SafeStorage, 'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'>;

/**
 * Seals with the operating system's keychain through safeStorage: the macOS Keychain, Windows
 * DPAPI, or the Secret Service / KWallet on Linux. Where Linux has none of those, safeStorage falls
 * back to a fixed key ("basic_text"), which protects nothing: the fallback (the key file the web
 * host uses) is the better of the two then, and the settings say which one is in use.
 */
export function safeStorageBox(keychain: KeychainApi, platform: NodeJS.Platform, fallback: () => SecretBox): SecretBox {
  const usable = keychain.isEncryptionAvailable() && (platform !== 'linux' || keychain.getSelectedStorageBackend() !== 'basic_text');
  if (!usable) return fallback();
  return {
    protection: 'os-keychain',
    seal: (plain) => keychain.encryptString(plain).toString('base64'),
    open(sealed) {
      try {
        return keychain.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        return null;
      }
    },
  };
}
