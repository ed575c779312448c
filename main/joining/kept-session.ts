import type { SignInKept } from '../../shared/api/team-server.ts';
import type { SecretBox } from '../phone/secret-box.ts';
import type { PreferenceStore } from '../preferences/preferences.ts';
import type { KeptCookie } from './session-jar.ts';

/**
 * A joined console's session across a restart of the desktop app: the session jar's lasting
 * cookies (value, expiry, Secure), for one team address, sealed by the operating system's
 * keychain and kept in the preferences file (`teamSession`). Only a rep's session is written
 * here (the relay knows the role, team-relay.ts): a team lead's or admin's, signed in on a rep's
 * computer, lives in memory only. Only the keychain seals it: where
 * there is none (safeStorage unavailable, or Linux's fixed "basic_text" key), nothing is written
 * and the session lives in memory only, as it did before, which is said once in main's log and
 * to the rep in Settings → Team (`keeping()`, answered with `teamServer.status`). What is kept is
 * dropped when the jar empties (sign-out, the session ended, Work alone), when another address is
 * joined, and when it has expired or cannot be opened (another computer's keychain).
 */
export interface KeptSession {
  /** The unexpired cookies kept for this address; anything kept for another, expired or unreadable, is dropped. */
  read(address: string, now: number): KeptCookie[];
  /** Keeps these cookies for the address in place of what was kept; none drops it. */
  write(address: string, cookies: readonly KeptCookie[]): void;
  /** Drops what is kept unless it is for this address (none: working alone). */
  keepOnly(address: string | null): void;
  /** How a rep's sign-in is kept: by the keychain, or in memory only for want of one (none, or it refused to seal). */
  keeping(): Extract<SignInKept, 'keychain' | 'no-keychain'>;
}

export const MEMORY_ONLY = 'This computer’s keychain is not available: the team sign-in is kept in memory only, so a restart of Nextcall asks for it again.';

/** What the keychain seals: the address inside too, so a hand-edited `address` beside it opens nothing. */
interface Sealed {
  address: string;
  cookies: readonly KeptCookie[];
}

/** A cookie as the jar may send it: a token name, and a value with no separator or control character. */
const isCookie = (c: unknown): c is KeptCookie => {
  const cookie = c as Partial<KeptCookie> | null;
  return (
    typeof cookie === 'object' &&
    cookie !== null &&
    typeof cookie.name === 'string' &&
    /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(cookie.name) &&
    typeof cookie.value === 'string' &&
    /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+$/.test(cookie.value) &&
    typeof cookie.expiresAt === 'number' &&
    Number.isFinite(cookie.expiresAt) &&
    typeof cookie.secure === 'boolean'
  );
};

export function keptSession(prefs: PreferenceStore, box: SecretBox, say: (message: string) => void): KeptSession {
  const section = prefs.section('teamSession');
  let keychain = box.protection === 'os-keychain';
  let said = false;
  const memoryOnly = () => {
    keychain = false;
    if (!said) say(MEMORY_ONLY);
    said = true;
  };
  const kept = (): { address: string; sealed: string } | null => {
    const saved = section.read() as { address?: unknown; sealed?: unknown } | undefined;
    return typeof saved?.address === 'string' && typeof saved.sealed === 'string' ? { address: saved.address, sealed: saved.sealed } : null;
  };
  const drop = () => {
    if (section.read() != null) section.write(null);
  };
  return {
    read(address, now) {
      const saved = kept();
      if (!saved) return [];
      if (saved.address !== address || !keychain) {
        drop();
        return [];
      }
      let opened: Partial<Sealed> | null = null;
      try {
        opened = JSON.parse(box.open(saved.sealed) ?? 'null') as Partial<Sealed> | null;
      } catch {
        // Damaged: dropped below.
      }
      const cookies = opened?.address === address && Array.isArray(opened.cookies) ? opened.cookies.filter(isCookie).filter((c) => c.expiresAt > now) : [];
      if (!cookies.length) drop();
      return cookies;
    },
    write(address, cookies) {
      if (!cookies.length) return drop();
      if (!keychain) return memoryOnly();
      try {
        section.write({ address, sealed: box.seal(JSON.stringify({ address, cookies } satisfies Sealed)) });
      } catch {
        // A locked or refused keychain: never the cookie in clear instead.
        drop();
        memoryOnly();
      }
    },
    keepOnly(address) {
      const saved = kept();
      if (saved && saved.address !== address) drop();
    },
    keeping: () => (keychain ? 'keychain' : 'no-keychain'),
  };
}
