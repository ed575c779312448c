import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A source's secret is kept sealed with AES-256-GCM under the team server's inbound key
 * (NEXTCALL_INBOUND_KEY, 32 bytes as 64 hex digits, given to every server process): the HMAC
 * check needs the secret itself, so it cannot be hashed like a password, and a copy of the
 * database (a backup) without the key signs nothing.
 */
export const INBOUND_KEY_VARIABLE = 'NEXTCALL_INBOUND_KEY';

export type InboundKey = { readonly key: Buffer };

/** The key from its hex text, or the sentence saying what is wrong with it. */
export function readInboundKey(text: string | undefined): InboundKey | string {
  if (!text) return `Inbound webhooks are off: start the team server with ${INBOUND_KEY_VARIABLE} set to 64 hex digits (openssl rand -hex 32).`;
  if (!/^[0-9a-fA-F]{64}$/.test(text.trim())) return `${INBOUND_KEY_VARIABLE} must be 64 hex digits (openssl rand -hex 32).`;
  return { key: Buffer.from(text.trim(), 'hex') };
}

/** A new secret, shown to the team lead once: 32 random bytes, URL-safe. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function sealSecret({ key }: InboundKey, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
}

/** The secret, or null when the key is not the one that sealed it (a server started with another key). */
export function openSecret({ key }: InboundKey, sealed: string): string | null {
  const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !data) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
