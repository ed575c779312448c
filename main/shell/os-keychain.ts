import { safeStorage } from 'electron';
import { privateKeyFileBox, type SecretBox } from '../phone/secret-box.ts';

/**
 * The desktop app seals the phone password's digest with Electron's safeStorage: the macOS
 * Keychain, Windows DPAPI, or the Secret Service / KWallet on Linux. Where Linux has none of those,
 * safeStorage falls back to a fixed key ("basic_text"), which protects nothing: the key file the
 * web host uses is the better of the two then, and the settings say which one is in use.
 */
export function osKeychainBox(dataDir: string): SecretBox {
  const usable = safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
  if (!usable) return privateKeyFileBox(dataDir);
  return {
    protection: 'os-keychain',
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    open(sealed) {
      try {
        return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        return null;
      }
    },
  };
}
