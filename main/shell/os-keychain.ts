import { safeStorage } from 'electron';
import { privateKeyFileBox, type SecretBox } from '../phone/secret-box.ts';
import { safeStorageBox } from './safe-storage-box.ts';

/** The desktop app seals the phone password's digest with Electron's safeStorage (safe-storage-box.ts). */
export function osKeychainBox(dataDir: string): SecretBox {
  return safeStorageBox(safeStorage, process.platform, () => privateKeyFileBox(dataDir));
}
