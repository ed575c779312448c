import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretProtection } from '../../shared/phone.ts';
import { ensurePrivateFolder, PRIVATE_FILE_MODE } from '../store/private-files.ts';

/**
 * Where a secret (the phone password's digest) is sealed before it is written to the preferences
 * file. The desktop app seals with the operating system's keychain (Electron's safeStorage,
 * main/shell/os-keychain.ts); the web host and the CLI have no keychain to ask, so they seal
 * with a key kept in its own file (below).
 */
export interface SecretBox {
  protection: SecretProtection;
  seal(plain: string): string;
  /** The secret, or null when it cannot be opened (another machine's key, a damaged value). */
  open(sealed: string): string | null;
}

export const KEY_FILE = 'phone-secret.key';

/**
 * AES-256-GCM under a random key in the data folder, readable by this user only (0600 in a 0700
 * folder). What it protects against, honestly: the preferences file copied, synced or attached
 * to a support ticket on its own reveals nothing. What it does not: anyone who can read this
 * user's files can read the key too; that is the keychain's job, which only the desktop app has.
 */
export function privateKeyFileBox(dataDir: string): SecretBox {
  const keyFile = join(dataDir, KEY_FILE);
  const key = (create: boolean): Buffer | null => {
    try {
      const existing = readFileSync(keyFile);
      if (existing.length === 32) return existing;
    } catch {
      // No key yet.
    }
    if (!create) return null;
    ensurePrivateFolder(dataDir);
    const fresh = randomBytes(32);
    writeFileSync(keyFile, fresh, { mode: PRIVATE_FILE_MODE });
    return fresh;
  };
  return {
    protection: 'private-key-file',
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key(true)!, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      const secret = key(false);
      if (version !== 'v1' || !iv || !tag || body === undefined || !secret) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', secret, Buffer.from(iv, 'base64'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
