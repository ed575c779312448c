import { ApiError } from '../../shared/api-error.ts';
import { openSecret, sealSecret } from '../inbound/inbound-secrets.ts';
import type { SecretBox } from './secret-box.ts';

/** The team server's phone key: 32 bytes as 64 hex digits, the same for every server process. */
export const PHONE_KEY_VARIABLE = 'NEXTCALL_PHONE_KEY';

/** Why a team server without the key keeps no phone password. */
export const NO_PHONE_KEY = `The team server keeps no phone passwords yet: its administrator starts every server process with ${PHONE_KEY_VARIABLE} set to 64 hex digits (openssl rand -hex 32).`;

const MALFORMED_PHONE_KEY = `${PHONE_KEY_VARIABLE} must be 64 hex digits (openssl rand -hex 32)`;
const KEY_TEXT = /^[0-9a-fA-F]{64}$/;

/**
 * Said once when a server process starts without a usable key, so its administrator learns it
 * from the log rather than from a rep whose password was refused. Null when the key is usable.
 */
export function phoneKeyWarning(keyText: string | undefined): string | null {
  const text = keyText?.trim() ?? '';
  if (KEY_TEXT.test(text)) return null;
  const problem = text ? `${MALFORMED_PHONE_KEY}; it is not` : `${PHONE_KEY_VARIABLE} is not set`;
  return `Warning: ${problem}, so this server keeps no phone passwords: reps cannot save the built-in phone's password, and those saved under another key cannot be opened.`;
}

/**
 * Where a team server seals each rep's SIP password digest: AES-256-GCM under the key given to the
 * server process in its environment, never written to the database. A copy of the database (a
 * backup, a dump handed to support) reveals no digest; whoever runs the server holds the key, as
 * they hold NEXTCALL_INBOUND_KEY (docs/SECURITY.md). Without the key, or with a malformed one,
 * a password is refused with a sentence and the rest of the phone settings are still kept.
 */
export function teamPhoneKeyBox(keyText: string | undefined): SecretBox {
  const text = keyText?.trim() ?? '';
  const key = KEY_TEXT.test(text) ? { key: Buffer.from(text, 'hex') } : null;
  return {
    protection: 'team-server-key',
    seal(plain) {
      if (!key) throw new ApiError('conflict', text ? `${MALFORMED_PHONE_KEY}: ask the team server’s administrator.` : NO_PHONE_KEY);
      return sealSecret(key, plain);
    },
    open: (sealed) => (key ? openSecret(key, sealed) : null),
  };
}
